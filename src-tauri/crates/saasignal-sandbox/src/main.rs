//! `saasignal-sandbox`: serve the SaaSignal Platform API locally.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use saasignal_sandbox::{
    DbLocation, FaultRule, Faults, RateLimit, RouteMatch, Sandbox, SandboxConfig,
};

/// A local, SQLite-backed SaaSignal Platform API.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:8787")]
    addr: SocketAddr,
    /// SQLite database file (created if missing); in memory when omitted.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Create the demo user, org, projects, members, invite and keys (idempotent).
    #[arg(long)]
    seed_demo: bool,
    /// Sign-in attempts allowed per client IP and email per window; 0 disables the limit.
    #[arg(long, default_value_t = RateLimit::default().max_attempts, value_name = "N")]
    sign_in_limit: u32,
    /// The sign-in rate-limit window, in seconds.
    #[arg(long, default_value_t = RateLimit::default().window.as_secs(), value_name = "SECONDS")]
    sign_in_window_secs: u64,
    /// Which requests the faults below hit: a path prefix (`/core/`), a pattern with
    /// `{param}` segments, or `*` for all.
    #[arg(long, default_value = "*", value_name = "ROUTE")]
    fault_route: String,
    /// Delay matching requests by this many milliseconds.
    #[arg(long, value_name = "MS")]
    fault_latency_ms: Option<u64>,
    /// Answer matching requests with this status (e.g. 429, 500, 503).
    #[arg(long, value_name = "CODE", conflicts_with_all = ["fault_drop", "fault_malformed"])]
    fault_status: Option<u16>,
    /// Seconds for `Retry-After`/`X-Retry-After` on a forced status (429 defaults to 1).
    #[arg(long, value_name = "SECONDS", requires = "fault_status")]
    fault_retry_after: Option<u64>,
    /// Close matching connections without answering.
    #[arg(long, conflicts_with = "fault_malformed")]
    fault_drop: bool,
    /// Answer matching requests 200 with a body that is not valid JSON.
    #[arg(long)]
    fault_malformed: bool,
    /// Delay the answer of matching requests by this many milliseconds, after they
    /// were handled (the change is made at once).
    #[arg(long, value_name = "MS")]
    fault_answer_latency_ms: Option<u64>,
    /// Handle matching requests, then close the connection without answering.
    #[arg(long, conflicts_with_all = ["fault_status", "fault_drop", "fault_malformed"])]
    fault_drop_answer: bool,
    /// Handle matching requests, then send only the first half of the answer.
    #[arg(long, conflicts_with_all = ["fault_status", "fault_drop", "fault_malformed", "fault_drop_answer"])]
    fault_truncated: bool,
    /// Answer matching requests 200 with a body of this many MiB, streamed.
    #[arg(long, value_name = "MIB", conflicts_with_all = ["fault_status", "fault_drop", "fault_malformed", "fault_drop_answer", "fault_truncated"])]
    fault_huge_mib: Option<u64>,
}

impl Args {
    fn faults(&self) -> anyhow::Result<Faults> {
        let mut rule = FaultRule::new(RouteMatch::parse(&self.fault_route));
        if let Some(ms) = self.fault_latency_ms {
            rule = rule.latency(Duration::from_millis(ms));
        }
        if let Some(status) = self.fault_status {
            anyhow::ensure!(
                (100..=599).contains(&status),
                "--fault-status must be an HTTP status code"
            );
            rule = rule.status(status, self.fault_retry_after);
        }
        if self.fault_drop {
            rule = rule.drop_connection();
        }
        if self.fault_malformed {
            rule = rule.malformed_body();
        }
        if let Some(ms) = self.fault_answer_latency_ms {
            rule = rule.answer_latency(Duration::from_millis(ms));
        }
        if self.fault_drop_answer {
            rule = rule.drop_answer();
        }
        if self.fault_truncated {
            rule = rule.truncated_answer();
        }
        if let Some(mib) = self.fault_huge_mib {
            rule = rule.huge_body(mib * 1024 * 1024);
        }
        Ok(if rule.is_active() {
            Faults::single(rule)
        } else {
            Faults::none()
        })
    }

    fn config(&self) -> anyhow::Result<SandboxConfig> {
        Ok(SandboxConfig {
            addr: self.addr,
            db: self.db.clone().map_or(DbLocation::Memory, DbLocation::File),
            seed_demo: self.seed_demo,
            faults: self.faults()?,
            sign_in_rate_limit: RateLimit {
                max_attempts: self.sign_in_limit,
                window: Duration::from_secs(self.sign_in_window_secs),
            },
        })
    }
}

/// Installs the stop-signal handlers now (so a signal sent right after the
/// "listening on" line is caught, not fatal) and returns the wait for one.
#[cfg(unix)]
fn stop_signal() -> anyhow::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate =
        signal(SignalKind::terminate()).context("installing the SIGTERM handler")?;
    let mut interrupt = signal(SignalKind::interrupt()).context("installing the SIGINT handler")?;
    Ok(async move {
        tokio::select! {
            _ = terminate.recv() => {}
            _ = interrupt.recv() => {}
        }
    })
}

#[cfg(not(unix))]
fn stop_signal() -> anyhow::Result<impl Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let args = Args::parse();
    let stop = stop_signal()?;
    let handle = Sandbox::start(args.config()?)
        .await
        .context("starting the sandbox")?;

    // The first stdout line is an interface: scripts wait for it and read the port.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on {}", handle.base_url()).context("writing to stdout")?;
    stdout.flush().context("flushing stdout")?;
    drop(stdout);

    stop.await;
    tracing::info!("stopping");
    handle.shutdown().await;
    Ok(())
}

//! Logs go to stderr and to a daily file in the app's log folder (kept 7 days).
//! `RUST_LOG` narrows or widens them. Nothing logged may contain a secret: credentials
//! travel as `Secret`, whose Debug output is redacted.

use std::path::Path;

use tracing_appender::non_blocking::{NonBlockingBuilder, WorkerGuard};
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, fmt};

pub const LOG_FILE_PREFIX: &str = "saasignal-admin";

/// Lines the file writer holds while it catches up (beyond them, lines are dropped
/// rather than block the caller). tracing-appender's default of 128,000 preallocates
/// and touches 4 MiB at start; a desktop app logs a few lines a second.
const BUFFERED_LINES: usize = 4_096;

/// Keeps the file writer flushing; dropped on exit.
pub struct LogGuard(#[allow(dead_code)] Option<WorkerGuard>);

pub fn init(log_dir: &Path) -> LogGuard {
    let filter = || {
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,saasignal=debug"))
    };
    let file_writer = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix(LOG_FILE_PREFIX)
        .filename_suffix("log")
        .max_log_files(7)
        .build(log_dir);
    let (file_layer, guard) = match file_writer {
        Ok(appender) => {
            let (writer, guard) = NonBlockingBuilder::default()
                .buffered_lines_limit(BUFFERED_LINES)
                .finish(appender);
            let layer = fmt::layer().with_writer(writer).with_ansi(false);
            (Some(layer), Some(guard))
        }
        Err(error) => {
            eprintln!("logging to {} is not possible: {error}", log_dir.display());
            (None, None)
        }
    };
    // A second init (tests, a re-run in the same process) is harmless: keep the first.
    let _ = tracing_subscriber::registry()
        .with(filter())
        .with(fmt::layer().with_writer(std::io::stderr))
        .with(file_layer)
        .try_init();
    LogGuard(guard)
}

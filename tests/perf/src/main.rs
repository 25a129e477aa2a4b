//! The benchmarks through the real window (Linux, release builds, under Xvfb):
//!
//! - `bench-launch [projects] [launches]` (`cargo xtask bench-launch`): the app against a
//!   bare Tauri window, both launched the same way through tauri-driver. The app's data
//!   folder is seeded with `projects` projects (default 10,000) in the demo org, through
//!   the sandbox API, and opened once so its cache holds them. Then each app is launched
//!   `launches` times (default 5), in turn. A launch is timed from the WebDriver session
//!   request to the page's `first-useful-paint` mark (the app: the first frame with
//!   project rows; the hello world: the frame with its command's answer), and its memory
//!   is the PSS summed over the app and its WebKit processes after a settle.
//! - `bench-scroll [projects] [tokens] [rounds]` (`cargo xtask bench-scroll`): the
//!   projects and tokens tables (default 10,000 and 5,000 rows) scrolled top to bottom
//!   against a plain scroller of their size in the same page, `rounds` times (default 3)
//!   in turn, and 10 keystrokes into the projects filter against the idle frame gap.
//! - `bench-soak [rounds] [projects]` (`cargo xtask bench-soak`): memory over a long day,
//!   the open org's tabs clicked in turn `rounds` times (default 2,000), PSS every 100.
//!
//! Figures are medians, printed as ratios to their baseline from the same run.

mod launch;
mod memory;
mod scroll;
mod scroll_run;
mod seed;
mod soak;

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use saasignal_e2e::harness::driver::Tools;
use saasignal_e2e::harness::evidence::Evidence;
use saasignal_e2e::harness::launch_dirs::LaunchDirs;
use saasignal_e2e::harness::target_dir;

use launch::{Figures, RatioSpread, Target};

const DEFAULT_PROJECTS: usize = 10_000;
const DEFAULT_LAUNCHES: usize = 5;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("launch") => bench_launch(args).await,
        Some("scroll") => scroll_run::bench_scroll(args).await,
        Some("soak") => soak::bench_soak(args).await,
        other => bail!("usage: saasignal-perf <launch|scroll|soak> [figures…] (got {other:?})"),
    }
}

async fn bench_launch(mut args: impl Iterator<Item = String>) -> Result<()> {
    let projects = number(args.next(), DEFAULT_PROJECTS)?;
    let launches = number(args.next(), DEFAULT_LAUNCHES)?;
    let app_tools = tools("saasignal-admin")?;
    let hello = Target::hello(tools("saasignal-perf-hello")?);

    let root = fresh_root("launch")?;
    let evidence = std::sync::Arc::new(Evidence::create("perf-launch")?);
    let app_dirs = LaunchDirs::create(root.join("app"))?;
    let hello_dirs = LaunchDirs::create(root.join("hello"))?;
    println!("seeding {projects} projects into the demo org…");
    let seeded = seed::demo_org(&app_dirs.embedded_sandbox_db(), projects, 0).await?;
    let app = Target::app(app_tools, seeded.projects);
    launch::first_open(&app, &evidence, &app_dirs).await?;

    let (mut app_runs, mut hello_runs) = (Vec::new(), Vec::new());
    for round in 1..=launches {
        hello_runs.push(launch::measure(&hello, &evidence, &hello_dirs).await?);
        app_runs.push(launch::measure(&app, &evidence, &app_dirs).await?);
        let (a, h) = (&app_runs[round - 1], &hello_runs[round - 1]);
        println!(
            "launch {round}/{launches}: app {:.0} ms, {:.1} MiB; hello world {:.0} ms, {:.1} MiB",
            a.paint_ms, a.pss_mib, h.paint_ms, h.pss_mib
        );
    }
    report(
        projects,
        &Figures::median(&app_runs),
        &Figures::median(&hello_runs),
    );
    report_pairs(&app_runs, &hello_runs);
    Ok(())
}

fn report(projects: usize, app: &Figures, hello: &Figures) {
    println!();
    println!(
        "| figure ({projects} projects cached, medians) | app | hello world | app / hello world |"
    );
    println!("| --- | --- | --- | --- |");
    println!(
        "| session request → first useful paint | {:.0} ms | {:.0} ms | {:.2}× |",
        app.paint_ms,
        hello.paint_ms,
        app.paint_ms / hello.paint_ms
    );
    println!(
        "| PSS of the app and its WebKit processes | {:.1} MiB | {:.1} MiB | {:.2}× |",
        app.pss_mib,
        hello.pss_mib,
        app.pss_mib / hello.pss_mib
    );
    for (name, figures) in [("app", app), ("hello world", hello)] {
        let stages = &figures.stages;
        println!(
            "launch of the {name} in stages: {:.0} ms to the page's start, {:.0} ms to its document parsed, {:.0} ms to the first useful paint",
            stages.page_origin_ms, stages.parsed_ms, stages.painted_ms
        );
        let parts: Vec<String> = figures
            .by_process
            .iter()
            .map(|(process, mib)| format!("{process} {mib:.1} MiB"))
            .collect();
        println!("PSS of the {name} by process: {}", parts.join(", "));
        if !figures.boot_steps.is_empty() {
            let mut steps: Vec<(&String, &f64)> = figures.boot_steps.iter().collect();
            steps.sort_by(|a, b| a.1.total_cmp(b.1));
            let steps: Vec<String> = steps
                .into_iter()
                .map(|(step, ms)| format!("{step} {ms:.0} ms"))
                .collect();
            println!(
                "the {name}'s launch steps after its document was parsed: {}",
                steps.join(", ")
            );
        }
    }
}

/// The ratios launch pair by launch pair: how much one pair's ratio strays on this machine.
fn report_pairs(app_runs: &[Figures], hello_runs: &[Figures]) {
    let line = |what: &str, figure: fn(&Figures) -> f64| {
        let spread = RatioSpread::of_pairs(app_runs, hello_runs, figure);
        format!(
            "{what} median {:.2}×, {:.2}–{:.2}×",
            spread.median, spread.lowest, spread.highest
        )
    };
    println!(
        "each launch pair (the hello world, then the app): {}; {}",
        line("paint", |run| run.paint_ms),
        line("PSS", |run| run.pss_mib)
    );
}

/// `target/perf/<name>`, emptied.
fn fresh_root(name: &str) -> Result<PathBuf> {
    let root = target_dir().join("perf").join(name);
    if root.exists() {
        std::fs::remove_dir_all(&root).with_context(|| format!("clearing {}", root.display()))?;
    }
    Ok(root)
}

/// The drivers for the release binary `name`.
fn tools(name: &str) -> Result<Tools> {
    let binary = target_dir().join("release").join(name);
    if !binary.is_file() {
        bail!(
            "{} is missing: `cargo xtask bench-launch`, `bench-scroll` and `bench-soak` build it (release, with the UI)",
            binary.display()
        );
    }
    Tools::locate_for(binary)
}

fn number(arg: Option<String>, default: usize) -> Result<usize> {
    match arg {
        None => Ok(default),
        Some(text) => text
            .parse()
            .with_context(|| format!("{text:?} is not a whole number")),
    }
}

//! One measured launch: from the WebDriver session request to the page's
//! `first-useful-paint` mark, then the memory of the launch's processes after a settle.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};
use saasignal_e2e::harness::driver::Tools;
use saasignal_e2e::harness::evidence::Evidence;
use saasignal_e2e::harness::launch_dirs::LaunchDirs;
use saasignal_e2e::{App, steps};

use crate::memory;

/// How long memory settles after the paint before it is read.
const SETTLE: Duration = Duration::from_secs(3);
/// The most a launch may take to paint.
const PAINT_LIMIT: Duration = Duration::from_secs(60);

/// What is launched, and what proves it painted something useful.
pub struct Target {
    tools: Tools,
    /// A `data-testid` that must be on screen with the mark (the org title, the answer).
    shows: &'static str,
    /// For the app: how many project rows the cached list must hold.
    rows: Option<usize>,
}

impl Target {
    /// The app, whose demo org lists `rows` projects.
    pub fn app(tools: Tools, rows: usize) -> Self {
        Self {
            tools,
            shows: "org-title",
            rows: Some(rows),
        }
    }

    pub fn hello(tools: Tools) -> Self {
        Self {
            tools,
            shows: "greeting",
            rows: None,
        }
    }
}

/// One launch's figures.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    pub paint_ms: f64,
    pub pss_mib: f64,
}

impl Figures {
    /// The median of each figure on its own.
    pub fn median(runs: &[Figures]) -> Figures {
        Figures {
            paint_ms: median(runs.iter().map(|run| run.paint_ms).collect()),
            pss_mib: median(runs.iter().map(|run| run.pss_mib).collect()),
        }
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// The app's first launch in `dirs`: "Explore the local sandbox", then every project of
/// the seeded org listed (so the cache holds them), then quit.
pub async fn first_open(app: &Target, evidence: &Arc<Evidence>, dirs: &LaunchDirs) -> Result<()> {
    let launch = App::launch_in(&app.tools, evidence.clone(), dirs.clone(), &[]).await?;
    steps::explore_sandbox(&launch).await?;
    if let Some(rows) = app.rows {
        wait_rows(&launch, rows).await?;
    }
    launch.quit().await
}

/// Launches `target` in `dirs` (already set up), times its first useful paint, and reads
/// its memory after the settle.
pub async fn measure(
    target: &Target,
    evidence: &Arc<Evidence>,
    dirs: &LaunchDirs,
) -> Result<Figures> {
    let requested = epoch_ms();
    let launch = App::launch_in(&target.tools, evidence.clone(), dirs.clone(), &[]).await?;
    let painted = paint_mark(&launch).await?;
    launch.wait_for(target.shows).await?;
    if let Some(rows) = target.rows {
        wait_rows(&launch, rows).await?;
    }
    tokio::time::sleep(SETTLE).await;
    let pss_mib = memory::pss_mib(&launch.launch_pids());
    launch.quit().await?;
    Ok(Figures {
        paint_ms: painted - requested,
        pss_mib,
    })
}

/// When the page set its `first-useful-paint` mark, in ms since the epoch.
async fn paint_mark(launch: &App) -> Result<f64> {
    const READ: &str = "const mark = performance.getEntriesByName('first-useful-paint')[0]; \
                        return mark === undefined ? null : performance.timeOrigin + mark.startTime;";
    let deadline = tokio::time::Instant::now() + PAINT_LIMIT;
    loop {
        if let Some(at) = launch.execute(READ).await?.as_f64() {
            return Ok(at);
        }
        if tokio::time::Instant::now() > deadline {
            bail!(
                "no first-useful-paint mark within {} s",
                PAINT_LIMIT.as_secs()
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn wait_rows(launch: &App, rows: usize) -> Result<()> {
    launch
        .wait_attr("projects-table", "data-row-count", &rows.to_string())
        .await
        .context("the cached projects are listed")
}

fn epoch_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

//! One measured launch: from the WebDriver session request to the page's
//! `first-useful-paint` mark, then the memory of the launch's processes after a settle.

use std::collections::{BTreeMap, BTreeSet};
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

    pub fn tools(&self) -> &Tools {
        &self.tools
    }

    pub fn hello(tools: Tools) -> Self {
        Self {
            tools,
            shows: "greeting",
            rows: None,
        }
    }
}

/// A launch's time in stages, ms: session request → the page starts loading (process,
/// window and webview start-up), → its document is parsed (scripts loaded), → the first
/// useful paint (the UI's own work: IPC, reads, rendering).
#[derive(Debug, Clone, Copy)]
pub struct Stages {
    pub page_origin_ms: f64,
    pub parsed_ms: f64,
    pub painted_ms: f64,
}

/// One launch's figures.
#[derive(Debug, Clone)]
pub struct Figures {
    pub paint_ms: f64,
    /// Where `paint_ms` went.
    pub stages: Stages,
    pub pss_mib: f64,
    /// The PSS per process name, MiB.
    pub by_process: BTreeMap<String, f64>,
    /// The page's `boot:<step>` marks, ms after its document was parsed (the app's
    /// launch steps; none for the hello world).
    pub boot_steps: BTreeMap<String, f64>,
}

impl Figures {
    /// The median of each figure on its own.
    pub fn median(runs: &[Figures]) -> Figures {
        let by_process = median_by_name(runs, |run| &run.by_process);
        let boot_steps = median_by_name(runs, |run| &run.boot_steps);
        let stage =
            |of: fn(&Stages) -> f64| median(runs.iter().map(|run| of(&run.stages)).collect());
        Figures {
            paint_ms: median(runs.iter().map(|run| run.paint_ms).collect()),
            stages: Stages {
                page_origin_ms: stage(|s| s.page_origin_ms),
                parsed_ms: stage(|s| s.parsed_ms),
                painted_ms: stage(|s| s.painted_ms),
            },
            pss_mib: median(runs.iter().map(|run| run.pss_mib).collect()),
            by_process,
            boot_steps,
        }
    }
}

/// The median of each named figure over the runs that have it.
fn median_by_name(
    runs: &[Figures],
    of: fn(&Figures) -> &BTreeMap<String, f64>,
) -> BTreeMap<String, f64> {
    let names: BTreeSet<&String> = runs.iter().flat_map(|run| of(run).keys()).collect();
    names
        .into_iter()
        .map(|name| {
            let values = runs.iter().filter_map(|run| of(run).get(name).copied());
            (name.clone(), median(values.collect()))
        })
        .collect()
}

/// How one figure's ratio, app / hello world, varies over the launch pairs of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RatioSpread {
    pub median: f64,
    pub lowest: f64,
    pub highest: f64,
}

impl RatioSpread {
    /// The ratio of each pair (the hello world's launch and the app's right after it):
    /// the machine's load drifts over a run, so pairs show how far one ratio can stray.
    pub fn of_pairs(app: &[Figures], hello: &[Figures], figure: fn(&Figures) -> f64) -> Self {
        let ratios: Vec<f64> = app
            .iter()
            .zip(hello)
            .map(|(app, hello)| figure(app) / figure(hello))
            .collect();
        Self {
            median: median(ratios.clone()),
            lowest: ratios.iter().copied().fold(f64::INFINITY, f64::min),
            highest: ratios.iter().copied().fold(f64::NEG_INFINITY, f64::max),
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
    let page = paint_mark(&launch).await?;
    launch.wait_for(target.shows).await?;
    if let Some(rows) = target.rows {
        wait_rows(&launch, rows).await?;
    }
    tokio::time::sleep(SETTLE).await;
    let by_process = memory::pss_by_process(&launch.launch_pids());
    launch.quit().await?;
    Ok(Figures {
        paint_ms: page.painted - requested,
        stages: Stages {
            page_origin_ms: page.origin - requested,
            parsed_ms: page.parsed - page.origin,
            painted_ms: page.painted - page.parsed,
        },
        pss_mib: by_process.values().sum(),
        by_process,
        boot_steps: page.boot_steps,
    })
}

/// When the page began loading, when its document was parsed, and when it set its
/// `first-useful-paint` mark: ms since the epoch.
struct PageTimes {
    origin: f64,
    parsed: f64,
    painted: f64,
    /// `boot:<step>` marks, ms after the document was parsed.
    boot_steps: BTreeMap<String, f64>,
}

async fn paint_mark(launch: &App) -> Result<PageTimes> {
    const READ: &str = "const mark = performance.getEntriesByName('first-useful-paint')[0]; \
        const nav = performance.getEntriesByType('navigation')[0]; \
        const origin = performance.timeOrigin; \
        const parsed = nav ? nav.domContentLoadedEventEnd : 0; \
        const steps = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('boot:')) \
          .map((m) => [m.name.slice(5), m.startTime - parsed]); \
        return mark === undefined ? null : [origin, origin + parsed, origin + mark.startTime, steps];";
    let deadline = tokio::time::Instant::now() + PAINT_LIMIT;
    loop {
        let times = launch.execute(READ).await?;
        let at = |i: usize| times.get(i).and_then(serde_json::Value::as_f64);
        if let (Some(origin), Some(parsed), Some(painted)) = (at(0), at(1), at(2)) {
            return Ok(PageTimes {
                origin,
                parsed,
                painted,
                boot_steps: boot_steps(times.get(3)),
            });
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

/// `[[step, ms], …]` as read from the page.
fn boot_steps(marks: Option<&serde_json::Value>) -> BTreeMap<String, f64> {
    let Some(marks) = marks.and_then(serde_json::Value::as_array) else {
        return BTreeMap::new();
    };
    marks
        .iter()
        .filter_map(|mark| Some((mark.get(0)?.as_str()?.to_owned(), mark.get(1)?.as_f64()?)))
        .collect()
}

pub async fn wait_rows(launch: &App, rows: usize) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run(paint_ms: f64, pss_mib: f64) -> Figures {
        Figures {
            paint_ms,
            stages: Stages {
                page_origin_ms: 0.0,
                parsed_ms: 0.0,
                painted_ms: 0.0,
            },
            pss_mib,
            by_process: BTreeMap::new(),
            boot_steps: BTreeMap::new(),
        }
    }

    #[test]
    fn pairs_are_compared_launch_by_launch() {
        let app = [run(600.0, 330.0), run(660.0, 340.0), run(550.0, 335.0)];
        let hello = [run(500.0, 264.0), run(500.0, 272.0), run(550.0, 268.0)];
        let paint = RatioSpread::of_pairs(&app, &hello, |run| run.paint_ms);
        assert_eq!(
            paint,
            RatioSpread {
                median: 1.2,
                lowest: 1.0,
                highest: 1.32
            }
        );
        let pss = RatioSpread::of_pairs(&app, &hello, |run| run.pss_mib);
        assert!((pss.median - 1.25).abs() < 1e-9, "{pss:?}");
    }
}

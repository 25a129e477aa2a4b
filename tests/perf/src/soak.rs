//! `bench-soak [rounds] [projects]`: memory over a long day. The demo sandbox is explored
//! (with `projects` more projects cached, default none), then the app is launched again
//! and the open org's six tabs are clicked in turn, `rounds` times (default 2,000), with
//! the palette opened and closed every tenth round. The PSS of the app and its WebKit
//! processes is read at launch and every 100 rounds (after a settle); the page's live
//! DOM nodes with it (WebKitGTK offers no `performance.memory`; the listeners and
//! timers a screen leaves are counted by the UI's leak test, `ui/src/app/leaks.test.ts`).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use saasignal_e2e::App;
use saasignal_e2e::harness::evidence::Evidence;
use saasignal_e2e::harness::launch_dirs::LaunchDirs;
use serde_json::Value;

use crate::launch::{self, Target};
use crate::{fresh_root, memory, number, seed, tools};

const DEFAULT_ROUNDS: usize = 2_000;
/// Rounds between two memory readings.
const EVERY: usize = 100;
/// How long memory settles before each reading, in seconds.
const SETTLE_SECONDS: usize = 2;
/// `SOAK_SETTLE=20`: seconds to settle before each reading instead of [`SETTLE_SECONDS`].
const SETTLE_VAR: &str = "SOAK_SETTLE";
/// For finding where memory goes: the tabs to click instead of all six
/// (`projects,settings`), and `NAME=value` pairs, space-separated, for the measured launch's
/// environment (`Malloc=1 JSC_logGC=1`).
const TABS_VAR: &str = "SOAK_TABS";
/// `SOAK_TOGGLE_ONLY=1`: after the first round, a "switch" only flips the kept screens'
/// `hidden` attributes, with none of the app's own work (its reads, its effects): tells
/// WebKit's share of the growth from the page's.
const TOGGLE_VAR: &str = "SOAK_TOGGLE_ONLY";
/// `SOAK_NO_PALETTE=1`: the palette is not opened every tenth round (its share of the growth).
const NO_PALETTE_VAR: &str = "SOAK_NO_PALETTE";
/// `SOAK_SCRIPT='…'`: JavaScript run in the page before the first round (to try a style
/// or a setting without a rebuild).
const SCRIPT_VAR: &str = "SOAK_SCRIPT";
/// `SOAK_EVERY=10`: read memory every 10 rounds instead of every [`EVERY`] (where a jump
/// comes).
const EVERY_VAR: &str = "SOAK_EVERY";
const ENV_VAR: &str = "SOAK_APP_ENV";

/// The page side: `__soak(from, to)` clicks the tabs for rounds `from..=to`, then sets
/// `window.__soakDone` (polled: no script timeout to fit in).
const ROUTINES: &str = r#"
window.__soakFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
window.__soakKey = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }));
window.__soak = (from, to) => {
  window.__soakDone = null;
  const tabs = window.__soakTabs ?? ['projects', 'members', 'tokens', 'browser', 'activity', 'settings'];
  const run = async () => {
    for (let n = from; n <= to; n++) {
      for (const tab of tabs) {
        if (window.__soakToggleOnly && n > 1) {
          for (const view of document.querySelectorAll('[data-view-kept]')) view.hidden = view.dataset.viewKept !== tab;
        } else {
          const button = document.querySelector(`[data-testid="tab-${tab}"]`);
          if (!button) throw new Error(`no ${tab} tab in round ${n}`);
          button.click();
        }
        // One frame renders the view, the next paints what its reads brought.
        await window.__soakFrame();
        await window.__soakFrame();
      }
      if (n % 10 === 0 && !window.__soakNoPalette) {
        window.__soakKey();
        for (let i = 0; i < 100 && !document.querySelector('[data-testid="palette-input"]'); i++) await window.__soakFrame();
        await window.__soakFrame();
        window.__soakKey();
        await window.__soakFrame();
      }
    }
    document.querySelector('[data-testid="tab-projects"]')?.click();
    await window.__soakFrame();
    return true;
  };
  run().then((done) => { window.__soakDone = done; }, (error) => { window.__soakDone = { error: String(error) }; });
};
"#;

/// One reading.
struct Reading {
    round: usize,
    by_process: BTreeMap<String, f64>,
    nodes: u64,
}

impl Reading {
    fn pss(&self) -> f64 {
        self.by_process.values().sum()
    }

    /// "WebKitWebProces 193.5, saasignal-admin 89.0": where the memory is, in MiB.
    fn by_process_text(&self) -> String {
        let parts: Vec<String> = self
            .by_process
            .iter()
            .map(|(process, mib)| format!("{process} {mib:.1}"))
            .collect();
        parts.join(", ")
    }
}

/// The readings the table shows (besides the last).
const TABLE_ROUNDS: [usize; 6] = [0, 100, 500, 1_000, 1_500, 2_000];

pub async fn bench_soak(mut args: impl Iterator<Item = String>) -> Result<()> {
    let rounds = number(args.next(), DEFAULT_ROUNDS)?;
    let projects = number(args.next(), 0)?;
    if rounds == 0 {
        bail!("a soak needs at least one round");
    }
    let root = fresh_root("soak")?;
    let evidence = Arc::new(Evidence::create("perf-soak")?);
    let dirs = LaunchDirs::create(root.join("app"))?;
    println!("seeding {projects} more projects into the demo org…");
    let seeded = seed::demo_org(&dirs.embedded_sandbox_db(), projects, 0).await?;
    let app = Target::app(tools("saasignal-admin")?, seeded.projects);
    launch::first_open(&app, &evidence, &dirs).await?;

    let window = App::launch_in(app.tools(), evidence.clone(), dirs.clone(), &app_env()).await?;
    launch::wait_rows(&window, seeded.projects).await?;
    window.execute(ROUTINES).await?;
    if let Ok(tabs) = std::env::var(TABS_VAR) {
        let tabs: Vec<&str> = tabs.split(',').collect();
        window
            .execute(&format!(
                "window.__soakTabs = {};",
                serde_json::to_string(&tabs)?
            ))
            .await?;
    }
    if std::env::var(TOGGLE_VAR).as_deref() == Ok("1") {
        window.execute("window.__soakToggleOnly = true;").await?;
    }
    if let Ok(script) = std::env::var(SCRIPT_VAR) {
        window.execute(&script).await?;
    }
    if std::env::var(NO_PALETTE_VAR).as_deref() == Ok("1") {
        window.execute("window.__soakNoPalette = true;").await?;
    }
    let settle =
        Duration::from_secs(number(std::env::var(SETTLE_VAR).ok(), SETTLE_SECONDS)? as u64);
    let every = number(std::env::var(EVERY_VAR).ok(), EVERY)?.max(1);
    let mut readings = vec![read(&window, 0, settle).await?];
    print_reading(&readings[0], None);
    let started = Instant::now();
    let mut done = 0;
    while done < rounds {
        let to = (done + every).min(rounds);
        run_rounds(&window, done + 1, to).await?;
        done = to;
        let reading = read(&window, done, settle).await?;
        print_reading(&reading, Some(started.elapsed()));
        readings.push(reading);
    }
    window.quit().await?;
    report(&readings, seeded.projects);
    Ok(())
}

/// The measured launch's extra variables from [`ENV_VAR`], if any.
fn app_env() -> Vec<(&'static str, std::ffi::OsString)> {
    let Ok(settings) = std::env::var(ENV_VAR) else {
        return Vec::new();
    };
    settings
        .split_whitespace()
        .filter_map(|setting| setting.split_once('='))
        // Leaked once: the launcher takes names that live for the whole run.
        .map(|(name, value)| -> (&'static str, std::ffi::OsString) {
            (Box::leak(name.to_owned().into_boxed_str()), value.into())
        })
        .collect()
}

async fn run_rounds(window: &App, from: usize, to: usize) -> Result<()> {
    window
        .execute(&format!("window.__soak({from}, {to});"))
        .await?;
    let deadline = Instant::now() + Duration::from_secs(30 * 60);
    loop {
        let result = window.execute("return window.__soakDone;").await?;
        if let Some(error) = result.get("error").and_then(Value::as_str) {
            bail!("the soak's page routine failed: {error}");
        }
        if !result.is_null() {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("rounds {from}–{to} did not finish within 30 minutes");
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// The memory and DOM reading after `round`, taken once memory has settled for `settle`.
async fn read(window: &App, round: usize, settle: Duration) -> Result<Reading> {
    tokio::time::sleep(settle).await;
    let nodes = window
        .execute("return document.getElementsByTagName('*').length;")
        .await?
        .as_u64()
        .unwrap_or(0);
    Ok(Reading {
        round,
        by_process: memory::pss_by_process(&window.launch_pids()),
        nodes,
    })
}

fn print_reading(reading: &Reading, elapsed: Option<Duration>) {
    let elapsed = elapsed.map_or(String::new(), |e| format!(", {:.0} s in", e.as_secs_f64()));
    println!(
        "round {}: PSS {:.1} MiB ({}), {} DOM nodes{elapsed}",
        reading.round,
        reading.pss(),
        reading.by_process_text(),
        reading.nodes
    );
}

fn report(readings: &[Reading], projects: usize) {
    let at = |round: usize| readings.iter().find(|r| r.round == round);
    let (Some(launch), Some(last)) = (readings.first(), readings.last()) else {
        return;
    };
    println!();
    println!("| after ({projects} projects cached) | PSS | by process | DOM nodes |");
    println!("| --- | --- | --- | --- |");
    for reading in readings {
        if TABLE_ROUNDS.contains(&reading.round) || reading.round == last.round {
            println!(
                "| {} | {:.1} MiB | {} | {} |",
                if reading.round == 0 {
                    "launch, demo org shown".to_owned()
                } else {
                    format!(
                        "{} rounds ({} tab switches)",
                        reading.round,
                        reading.round * 6
                    )
                },
                reading.pss(),
                reading.by_process_text(),
                reading.nodes
            );
        }
    }
    let second_half: Vec<(f64, f64)> = readings
        .iter()
        .filter(|r| r.round > 0 && r.round >= last.round / 2)
        .map(|r| (r.round as f64, r.pss()))
        .collect();
    println!();
    match slope(&second_half) {
        Some(per_round) => println!(
            "slope over rounds {}–{}: **{:.2} MiB per 100 rounds** (goal ≤ 0.2; least squares over {} readings)",
            last.round / 2,
            last.round,
            per_round * 100.0,
            second_half.len()
        ),
        None => println!("slope: too few readings (run 400 rounds or more)"),
    }
    if let Some(hundred) = at(100) {
        println!(
            "PSS after {} rounds / after 100: **{:.2}×** (goal ≤ 1.15); after 100 / at launch: **{:.2}×** (goal ≤ 1.2)",
            last.round,
            last.pss() / hundred.pss(),
            hundred.pss() / launch.pss()
        );
    }
}

/// The least-squares slope of `points` (x, y); none for fewer than three.
fn slope(points: &[(f64, f64)]) -> Option<f64> {
    if points.len() < 3 {
        return None;
    }
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let covariance: f64 = points
        .iter()
        .map(|(x, y)| (x - mean_x) * (y - mean_y))
        .sum();
    let variance: f64 = points.iter().map(|(x, _)| (x - mean_x).powi(2)).sum();
    (variance > 0.0).then(|| covariance / variance)
}

#[cfg(test)]
mod tests {
    use super::slope;

    #[test]
    fn the_slope_of_a_line_is_its_gradient() {
        let points: Vec<(f64, f64)> = (0..10).map(|x| (x as f64, 3.0 + 0.5 * x as f64)).collect();
        assert!((slope(&points).unwrap() - 0.5).abs() < 1e-9);
        assert_eq!(slope(&points[..2]), None);
    }
}

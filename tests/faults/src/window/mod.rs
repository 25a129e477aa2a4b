//! Faults the person meets through the window: the real app binary, started through
//! tauri-driver under Xvfb by the end-to-end harness, in folders of its own. Each row is
//! one journey (`target/e2e/fault-<name>/`): screenshots, and on failure the page, the
//! app's log and the WebDriver log; every file it leaves is scanned for secrets.

pub mod keychain;
pub mod network;
pub mod process;
pub mod startup;

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use saasignal_e2e::harness::journey;
use saasignal_e2e::harness::wait::{self, Check};
use saasignal_e2e::{App, By, Journey};

use crate::table::Finding;

/// What a scenario must keep alive until its app has quit (a session bus the app is
/// on, a mount); dropped after the journey ends.
static KEPT_UNTIL_QUIT: std::sync::Mutex<Vec<Box<dyn std::any::Any + Send>>> =
    std::sync::Mutex::new(Vec::new());

/// Keeps `guard` until the running journey's app has quit.
pub fn keep_until_quit(guard: impl std::any::Any + Send) {
    if let Ok(mut kept) = KEPT_UNTIL_QUIT.lock() {
        kept.push(Box::new(guard));
    }
}

/// Runs `scenario` as the journey `fault-<name>`; the journey's own end (quit, the
/// secret scan) can still fail the row.
pub async fn in_window(
    name: &str,
    scenario: impl AsyncFnOnce(&mut Journey) -> Result<Finding>,
) -> Result<Finding> {
    let mut journey = Journey::begin(&format!("fault-{name}")).await?;
    let outcome = journey::budget(scenario(&mut journey)).await;
    let (finding, result) = match outcome {
        Ok(finding) => (Some(finding), Ok(())),
        Err(error) => (None, Err(error)),
    };
    let finished = journey.finish(result).await;
    if let Ok(mut kept) = KEPT_UNTIL_QUIT.lock() {
        kept.clear();
    }
    match (finding, finished) {
        (Some(finding), Ok(())) => Ok(finding),
        (Some(mut finding), Err(error)) => {
            finding.lost.push(format!("{error:#}"));
            Ok(finding)
        }
        (None, Err(error)) => Err(error),
        (None, Ok(())) => Err(anyhow!("the scenario ended without a finding")),
    }
}

/// Waits for a notice whose title contains `title`; returns "title: message".
pub async fn wait_notice(app: &App, title: &str) -> Result<String> {
    wait_notice_within(app, title, wait::UI).await
}

/// The same, allowing `limit`.
pub async fn wait_notice_within(app: &App, title: &str, limit: Duration) -> Result<String> {
    wait::until(format!("a notice titled {title:?}"), limit, || async {
        let titles = app.texts("notice-title").await?;
        let messages = app.texts("notice-message").await?;
        for (shown, message) in titles.iter().zip(&messages) {
            if shown.contains(title) {
                return Ok(Check::Done(format!("{shown}: {}", one_line(message))));
            }
        }
        Ok(Check::Waiting(format!("shown: {titles:?}")))
    })
    .await
}

/// Waits until no notice's title contains `title`.
pub async fn wait_notice_gone(app: &App, title: &str) -> Result<()> {
    wait::until(format!("the notice {title:?} to go"), wait::UI, || async {
        let shown = app
            .texts("notice")
            .await?
            .iter()
            .any(|text| text.contains(title));
        Ok(if shown {
            Check::Waiting("still shown".into())
        } else {
            Check::Done(())
        })
    })
    .await
}

/// Clicks the `action` button (`notice-retry`, `notice-revoke`) of the notice titled `title`.
pub async fn click_notice(app: &App, title: &str, action: &str) -> Result<()> {
    let id = app
        .attr_where_text(By::css("[data-notice-id]"), title, "data-notice-id")
        .await?;
    let notice = By::css(&format!(
        "[data-testid=\"notice\"]:has([data-notice-id=\"{id}\"])"
    ));
    app.click(By::testid(action).inside(notice)).await
}

/// The number of accounts in a settings file, read as JSON (no app code).
pub fn accounts_in(settings: &Path) -> Result<usize> {
    let text = std::fs::read_to_string(settings)
        .with_context(|| format!("cannot read {}", settings.display()))?;
    let json: serde_json::Value = serde_json::from_str(&text)?;
    Ok(json
        .pointer("/accounts/accounts")
        .and_then(serde_json::Value::as_array)
        .map_or(0, Vec::len))
}

/// SQLite's own verdict on a cache file.
pub fn quick_check(cache: &Path) -> Result<String> {
    let conn =
        rusqlite::Connection::open_with_flags(cache, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let verdict: String = conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    Ok(verdict)
}

/// A panic in the app's log, if any.
pub fn panicked(app: &App) -> Option<String> {
    let log = std::fs::read_to_string(app.dirs().app_log()?).ok()?;
    log.lines()
        .find(|line| line.contains("the app panicked"))
        .map(str::to_owned)
}

/// Fails unless the app is still running and logged no panic.
pub fn still_running(app: &App) -> Result<()> {
    if app.app_pids().is_empty() {
        bail!("the app is no longer running");
    }
    if let Some(line) = panicked(app) {
        bail!("the app panicked: {line}");
    }
    Ok(())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

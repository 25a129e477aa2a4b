//! One journey: the unit each `#[tokio::test]` runs. It takes the suite's one turn (the
//! app is single-instance on the shared session bus, so launches never overlap, even
//! without `--test-threads=1`), owns the app launch, and at the end always saves
//! failure evidence, quits the app (ending its processes and tauri-driver), and scans
//! every file the journey's launches and evidence left for every secret the run knows.
//! The test sandboxes belong to the steps (which stop and restart them); the journey
//! keeps only their database paths, for the scan's digests.
//!
//! ```ignore
//! #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
//! async fn some_journey() -> anyhow::Result<()> {
//!     let mut j = Journey::begin("some_journey").await?;
//!     let outcome = journey::budget(steps(&mut j)).await; // steps return errors, never panic
//!     j.finish(outcome).await
//! }
//! ```

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use tokio::sync::{Mutex, MutexGuard};

use super::app::{App, LaunchDirs};
use super::driver::Tools;
use super::evidence::Evidence;
use super::scan::{self, Digests};
use super::server::TestServer;

static TURN: Mutex<()> = Mutex::const_new(());

/// Runs a journey's steps within [`BUDGET`].
pub async fn budget<T>(steps: impl Future<Output = Result<T>>) -> Result<T> {
    match tokio::time::timeout(BUDGET, steps).await {
        Ok(outcome) => outcome,
        Err(_) => bail!("the journey took over {} s", BUDGET.as_secs()),
    }
}

/// `journey! { test_name: "evidence" => steps }` declares one journey as an ignored test (run by `cargo xtask journeys`): it begins a
/// [`Journey`] keeping its evidence under `target/e2e/<evidence>`, runs `steps` within
/// [`BUDGET`], and finishes it (screenshots, secret scan, teardown).
#[macro_export]
macro_rules! journey {
    ($test:ident: $evidence:literal => $steps:ident) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        #[ignore = "end-to-end: run with --ignored inside the test session (see tests/e2e/README.md)"]
        async fn $test() -> anyhow::Result<()> {
            let mut j = $crate::Journey::begin($evidence).await?;
            let outcome = $crate::harness::journey::budget($steps(&mut j)).await;
            j.finish(outcome).await
        }
    };
}

/// How long one journey may take before it is failed (the clipboard journey needs the
/// real 30 s clear-out; the others take a few seconds).
pub const BUDGET: Duration = Duration::from_secs(150);

/// Set by `cargo xtask test` once it runs inside its private session.
const XTASK_SESSION: &str = "SAASIGNAL_XTASK_SESSION";
/// Set by `tests/e2e/scripts/run.sh` inside its private session.
const SCRIPT_SESSION: &str = "SAASIGNAL_E2E_SESSION";

/// The journeys write real credentials to the Secret Service and open real windows:
/// only inside a private D-Bus session with a throwaway keyring and a virtual display,
/// never on someone's desktop.
fn require_throwaway_session() -> Result<()> {
    let inside = [XTASK_SESSION, SCRIPT_SESSION]
        .iter()
        .any(|key| std::env::var_os(key).is_some_and(|v| !v.is_empty()));
    if !inside {
        bail!(
            "the end-to-end journeys run only inside a throwaway session (private D-Bus, \
             fresh gnome-keyring, Xvfb): use `cargo xtask test` or `bash tests/e2e/scripts/run.sh`"
        );
    }
    for key in ["DISPLAY", "DBUS_SESSION_BUS_ADDRESS"] {
        if std::env::var_os(key).is_none_or(|v| v.is_empty()) {
            bail!("{key} is not set: the app needs a display and a session bus");
        }
    }
    Ok(())
}

pub struct Journey {
    evidence: Arc<Evidence>,
    tools: Tools,
    app: Option<App>,
    launches: usize,
    servers: usize,
    /// Sandbox databases whose credential digests the scan checks.
    sandbox_dbs: Vec<PathBuf>,
    started: Instant,
    _turn: MutexGuard<'static, ()>,
}

impl Journey {
    /// Waits for the suite's turn, clears `target/e2e/<name>/` and finds the tools.
    pub async fn begin(name: &str) -> Result<Self> {
        let turn = TURN.lock().await;
        require_throwaway_session()?;
        let tools = Tools::locate()?;
        let evidence = Arc::new(Evidence::create(name)?);
        eprintln!("[e2e] {name}: evidence in {}", evidence.dir().display());
        Ok(Self {
            evidence,
            tools,
            app: None,
            launches: 0,
            servers: 0,
            sandbox_dbs: Vec::new(),
            started: Instant::now(),
            _turn: turn,
        })
    }

    /// Starts the app in fresh folders (`launch-N/`), quitting any earlier launch.
    pub async fn launch(&mut self) -> Result<&App> {
        let dirs = self.new_launch_dirs().await?;
        self.launch_in(dirs, &[]).await
    }

    /// Quits any running launch and makes the folders of a new one (`launch-N/`), so a
    /// test can put files there (a damaged cache, a file where a folder should be)
    /// before [`Journey::launch_in`].
    pub async fn new_launch_dirs(&mut self) -> Result<LaunchDirs> {
        if let Some(app) = self.app.take() {
            app.quit().await?;
        }
        self.launches += 1;
        let root = self
            .evidence
            .dir()
            .join(format!("launch-{}", self.launches));
        LaunchDirs::create(root)
    }

    /// Starts the app in `dirs` (new, or an earlier launch's: a relaunch), with
    /// `extra_env` for the app, and waits for its first screen.
    pub async fn launch_in(
        &mut self,
        dirs: LaunchDirs,
        extra_env: &[(&'static str, std::ffi::OsString)],
    ) -> Result<&App> {
        let tools = self.tools.clone();
        self.launch_with(&tools, dirs, extra_env).await
    }

    /// The same with other tools: e.g. a wrapper script as the "app", to give the app
    /// (and not tauri-driver or WebKitWebDriver) an environment of its own.
    pub async fn launch_with(
        &mut self,
        tools: &Tools,
        dirs: LaunchDirs,
        extra_env: &[(&'static str, std::ffi::OsString)],
    ) -> Result<&App> {
        if let Some(app) = self.app.take() {
            app.quit().await?;
        }
        let app = App::launch_in(tools, self.evidence.clone(), dirs, extra_env).await?;
        self.sandbox_dbs.push(app.dirs().embedded_sandbox_db());
        // Kept before waiting, so a start that stalls still leaves a screenshot.
        let app = self.app.insert(app);
        app.wait_started().await?;
        Ok(app)
    }

    /// Quits the running app and starts it again in the same folders.
    pub async fn relaunch(&mut self) -> Result<&App> {
        let dirs = self.app()?.dirs().clone();
        self.launch_in(dirs, &[]).await
    }

    /// Kills the running app (SIGKILL) and keeps its folders for a relaunch.
    pub async fn kill_app(&mut self) -> Result<LaunchDirs> {
        let app = self
            .app
            .take()
            .ok_or_else(|| anyhow!("no app launched in this journey"))?;
        let dirs = app.dirs().clone();
        app.kill().await?;
        Ok(dirs)
    }

    /// `target/e2e/<name>/`: the launches, screenshots and logs of this journey.
    pub fn evidence_dir(&self) -> &std::path::Path {
        self.evidence.dir()
    }

    /// The tools (tauri-driver, WebKitWebDriver, the app binary) this journey uses.
    pub fn tools(&self) -> &Tools {
        &self.tools
    }

    /// The running app.
    pub fn app(&self) -> Result<&App> {
        self.app
            .as_ref()
            .ok_or_else(|| anyhow!("no app launched in this journey"))
    }

    /// A seeded test sandbox (`server-N/`); the journey owns nothing of it but its
    /// database's path, for the scan.
    pub async fn sandbox(&mut self) -> Result<TestServer> {
        self.servers += 1;
        let dir = self.evidence.dir().join(format!("server-{}", self.servers));
        let server = TestServer::start(&dir).await?;
        self.sandbox_dbs.push(server.db_path().to_owned());
        Ok(server)
    }

    /// Failure evidence, quit, scan; the journey's error first, then the others.
    pub async fn finish(mut self, outcome: Result<()>) -> Result<()> {
        if let Err(error) = &outcome {
            self.save_failure(error).await;
        }
        let quit = match self.app.take() {
            Some(app) => app.quit().await,
            None => Ok(()),
        };
        let scan = self.scan();
        eprintln!(
            "[e2e] {}: {} in {:.1} s",
            self.evidence.name(),
            if outcome.is_ok() && quit.is_ok() && scan.is_ok() {
                "passed"
            } else {
                "FAILED"
            },
            self.started.elapsed().as_secs_f64()
        );
        // Errors are printed by the test runner: redact the run's secrets from them.
        let redacted = |error: anyhow::Error| anyhow!(scan::redact(&format!("{error:?}")));
        outcome.map_err(redacted)?;
        quit.context("quitting the app").map_err(redacted)?;
        scan
    }

    async fn save_failure(&self, error: &anyhow::Error) {
        let evidence = &self.evidence;
        let _ = evidence.write_text("failure.txt", &format!("{error:?}\n"));
        let Some(app) = &self.app else { return };
        if let Err(shot) = app.step("failure").await {
            let _ = evidence.write_text("failure-screenshot-error.txt", &format!("{shot:#}\n"));
        }
        match app.page_source().await {
            Ok(source) => {
                let _ = evidence.write_text("page-source.html", &source);
            }
            Err(source_error) => {
                let _ =
                    evidence.write_text("page-source.html", &format!("<!-- {source_error:#} -->"));
            }
        }
        match app.dirs().app_log() {
            Some(log) => {
                let _ = evidence.copy_text(&log, "app.log");
            }
            None => {
                let _ = evidence.write_text("app.log", "(the app wrote no log file)\n");
            }
        }
        let _ = evidence.copy_text(&app.dirs().webdriver_log, "webdriver.log");
    }

    /// Every file of this journey (launch folders, WebDriver logs, app logs, evidence)
    /// against every secret of the run and every digest of its sandboxes.
    fn scan(&self) -> Result<()> {
        let mut digests = Digests::default();
        for db in &self.sandbox_dbs {
            digests.add_sandbox_db(db)?;
        }
        let report = scan::scan(&[self.evidence.dir().to_owned()], &digests)?;
        eprintln!(
            "[e2e] {}: secret scan of {} files ({} KiB) for {} known secrets and {} sandbox digests: {} found",
            self.evidence.name(),
            report.files,
            report.bytes / 1024,
            report.secrets,
            report.digests,
            report.findings.len()
        );
        if report.findings.is_empty() {
            return Ok(());
        }
        let list: Vec<String> = report.findings.iter().map(ToString::to_string).collect();
        bail!("secrets found on disk:\n  {}", list.join("\n  "))
    }
}

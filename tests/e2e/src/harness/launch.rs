//! Starting and ending one launch: tauri-driver of its own, the WebDriver session (which
//! starts the app), and the three ways out: quit as a person does, SIGKILL for crash
//! tests, and Drop as a last resort.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use super::app::{App, wd};
use super::driver::{DriverProcess, Tools};
use super::evidence::Evidence;
use super::launch_dirs::LaunchDirs;
use super::processes;
use super::wait::{self, Check};

/// How long a new session may take to be accepted. The first launch after a cold build
/// is the slow one (WebKit and fontconfig fill their caches, the disk is cold): CI saw it
/// pass 20 s, so this leaves room for that while still failing an app that never starts.
const SESSION_START_LIMIT: Duration = Duration::from_secs(60);

/// tauri-driver answers before the WebKitWebDriver it spawned listens, and under load
/// refuses the first new session ("connection refused" on the native port): ask again
/// until the session starts or the limit passes.
async fn open_session(
    url: &str,
    capabilities: serde_json::Map<String, serde_json::Value>,
) -> Result<Client> {
    let deadline = tokio::time::Instant::now() + SESSION_START_LIMIT;
    loop {
        // Bounded too: WebKitWebDriver waits without end for a browser that exited at
        // start (a second instance handing over), and would hold the journey forever.
        let attempt = tokio::time::timeout_at(
            deadline,
            ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(url),
        )
        .await;
        match attempt {
            Ok(Ok(client)) => return Ok(client),
            Ok(Err(error)) if tokio::time::Instant::now() < deadline => {
                eprintln!("[e2e] WebDriver session not accepted yet ({error}); asking again");
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Ok(Err(error)) => {
                return Err(error).context("WebDriver session did not start (see webdriver.log)");
            }
            Err(_elapsed) => bail!(
                "WebDriver session did not start within {} s (the app may have exited at start; see webdriver.log)",
                SESSION_START_LIMIT.as_secs()
            ),
        }
    }
}

impl App {
    /// Starts tauri-driver in fresh folders under `root` and opens a session, which
    /// starts the app. Follow with [`App::wait_started`].
    pub async fn launch(tools: &Tools, evidence: Arc<Evidence>, root: PathBuf) -> Result<Self> {
        Self::launch_in(tools, evidence, LaunchDirs::create(root)?, &[]).await
    }

    /// The same in `dirs` (new, or those of an earlier launch), with `extra_env` set for
    /// the app too (a proxy, another session bus).
    pub async fn launch_in(
        tools: &Tools,
        evidence: Arc<Evidence>,
        dirs: LaunchDirs,
        extra_env: &[(&'static str, OsString)],
    ) -> Result<Self> {
        let marker = format!("{}:{}", std::process::id(), dirs.root.display());
        let mut env = dirs.env();
        env.extend(extra_env.iter().cloned());
        let mut driver = DriverProcess::spawn(tools, &env, &marker, &dirs.webdriver_log)?;
        driver.wait_ready().await?;
        let capabilities = json!({ "tauri:options": { "application": tools.app } });
        let capabilities = capabilities
            .as_object()
            .cloned()
            .ok_or_else(|| anyhow!("capabilities are an object"))?;
        let client = open_session(&driver.url(), capabilities).await?;
        Ok(Self {
            client: Some(client),
            driver,
            exe: tools.app.clone(),
            marker,
            dirs,
            evidence,
        })
    }

    /// Waits for the first screen: the welcome screen, or the accounts of a later start.
    pub async fn wait_started(&self) -> Result<String> {
        self.wait_for_any(&["welcome", "account-list"]).await
    }

    /// Quits the way a person does, by closing the window, and checks the app exits by
    /// itself (its exit handler runs, settings are saved) within 10 s; then ends the
    /// WebDriver session, tauri-driver, and anything of the launch still running.
    pub async fn quit(mut self) -> Result<()> {
        let mut outcome = Ok(());
        if let Some(client) = self.client.take() {
            match tokio::time::timeout(Duration::from_secs(10), client.close_window()).await {
                Ok(Ok(())) => {}
                Ok(Err(error)) => outcome = Err(wd(error).context("closing the app's window")),
                Err(_) => outcome = Err(anyhow!("closing the app's window took over 10 s")),
            }
            let marker = self.marker.clone();
            let exe = self.exe.clone();
            let exited = wait::until(
                "the app to exit after its window closed",
                Duration::from_secs(10),
                || {
                    let (marker, exe) = (marker.clone(), exe.clone());
                    async move {
                        let alive = processes::running(&marker, &exe);
                        Ok(if alive.is_empty() {
                            Check::Done(())
                        } else {
                            Check::Waiting(format!("pid {alive:?} still running"))
                        })
                    }
                },
            )
            .await;
            if outcome.is_ok() {
                outcome = exited;
            }
            // The session is over either way; a failure to say so changes nothing.
            let _ = tokio::time::timeout(Duration::from_secs(5), client.close()).await;
        }
        // tauri-driver and WebKitWebDriver carry the marker too: end them first, then
        // whatever of the launch is left (WebKit's network process outlives the app).
        self.driver.stop();
        let ended = processes::reap(&self.marker, Duration::from_secs(5)).await;
        if ended > 0 {
            eprintln!("[e2e] {ended} leftover process(es) of the launch were ended");
        }
        outcome
    }

    /// Ends the app the hard way (SIGKILL: no exit handler, no flush), then the session
    /// and tauri-driver. For crash tests; [`App::quit`] is how a person quits.
    pub async fn kill(mut self) -> Result<()> {
        let pids = self.app_pids();
        if pids.is_empty() {
            bail!("no app process to kill");
        }
        for pid in pids {
            processes::signal(pid, libc::SIGKILL);
        }
        if let Some(client) = self.client.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), client.close()).await;
        }
        self.driver.stop();
        processes::reap(&self.marker, Duration::from_secs(5)).await;
        Ok(())
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // Only reached without `quit` (a panic): no await possible, so end the launch's
        // processes outright; tauri-driver's group follows when `driver` drops.
        if self.client.take().is_some() {
            for pid in processes::with_marker(&self.marker) {
                processes::signal(pid, libc::SIGKILL);
            }
        }
    }
}

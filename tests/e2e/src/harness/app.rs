//! One launch of the real app: fresh HOME and XDG folders, a tauri-driver of its own, a
//! WebDriver session (which starts the binary), and the verbs a journey speaks: find by
//! `data-testid`, click, type, read, wait, screenshot. `quit` (or Drop, as a last resort)
//! always ends the session, the app and its WebKit processes, and tauri-driver.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use super::driver::{DriverProcess, Tools};
use super::evidence::Evidence;
use super::processes;
use super::scan::{self, Kind};
use super::wait::{self, Check};

/// The app's identifier (tauri.conf.json): its folder name under XDG data and config.
pub const APP_ID: &str = "dev.saasignal.admin";

/// Index of the first argument a person could see, or -1: `checkVisibility` covers
/// display:none, `hidden`, `visibility` and the content-visibility a closed `<details>`
/// uses (its content keeps layout boxes); a box is required too. The elements come as
/// separate arguments: WebKitWebDriver turns element references into nodes only there.
const FIRST_VISIBLE: &str = r#"
for (let i = 0; i < arguments.length; i++) {
  const el = arguments[i];
  if (el.isConnected && el.getClientRects().length > 0
      && el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true })) return i;
}
return -1;"#;

/// Resolves after the next two animation frames, i.e. once the page has painted.
const NEXT_PAINT: &str = "const done = arguments[arguments.length - 1];\n\
    requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";

const INNER_TEXT: &str = "return arguments[0].innerText;";

/// Where one launch keeps everything: `root/home` is HOME, with the XDG folders inside.
#[derive(Debug, Clone)]
pub struct LaunchDirs {
    pub root: PathBuf,
    pub home: PathBuf,
    pub data_home: PathBuf,
    pub config_home: PathBuf,
    pub cache_home: PathBuf,
    /// tauri-driver's output, with WebKitWebDriver's and the app's stdout/stderr.
    pub webdriver_log: PathBuf,
}

impl LaunchDirs {
    /// Makes HOME and the XDG folders under `root` (kept if they exist: a relaunch).
    pub fn create(root: PathBuf) -> Result<Self> {
        let home = root.join("home");
        let dirs = Self {
            data_home: home.join(".local/share"),
            config_home: home.join(".config"),
            cache_home: home.join(".cache"),
            webdriver_log: root.join("webdriver.log"),
            home,
            root,
        };
        for dir in [&dirs.data_home, &dirs.config_home, &dirs.cache_home] {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        Ok(dirs)
    }

    /// The app's settings file.
    pub fn settings_file(&self) -> PathBuf {
        self.app_data().join("settings.json")
    }

    /// The app's offline cache.
    pub fn cache_file(&self) -> PathBuf {
        self.app_data().join("cache.sqlite")
    }

    /// The app's data folder (cache, settings, embedded sandbox, logs).
    pub fn app_data(&self) -> PathBuf {
        self.data_home.join(APP_ID)
    }

    /// The app's settings folder.
    pub fn app_config(&self) -> PathBuf {
        self.config_home.join(APP_ID)
    }

    /// The embedded sandbox's database ("Explore the local sandbox").
    pub fn embedded_sandbox_db(&self) -> PathBuf {
        self.app_data().join("sandbox").join("sandbox.sqlite")
    }

    /// The newest daily log file, if the app wrote one.
    pub fn app_log(&self) -> Option<PathBuf> {
        let logs = self.app_data().join("logs");
        let mut files: Vec<PathBuf> = std::fs::read_dir(logs)
            .ok()?
            .filter_map(|entry| Some(entry.ok()?.path()))
            .filter(|path| path.is_file())
            .collect();
        files.sort();
        files.pop()
    }

    /// The variables that point the app (and WebKit) at this launch's folders. DISPLAY
    /// and DBUS_SESSION_BUS_ADDRESS are inherited: the keychain and screen are shared.
    fn env(&self) -> Vec<(&'static str, OsString)> {
        vec![
            ("HOME", self.home.clone().into()),
            ("XDG_DATA_HOME", self.data_home.clone().into()),
            ("XDG_CONFIG_HOME", self.config_home.clone().into()),
            ("XDG_CACHE_HOME", self.cache_home.clone().into()),
        ]
    }
}

/// What to find: a `data-testid`, or CSS for the few places without one.
#[derive(Clone, Debug)]
pub struct By {
    css: String,
}

impl By {
    pub fn testid(id: &str) -> Self {
        Self {
            css: format!("[data-testid=\"{id}\"]"),
        }
    }

    pub fn css(css: &str) -> Self {
        Self {
            css: css.to_owned(),
        }
    }

    /// Narrows to elements that also carry `name="value"`.
    pub fn with_attr(mut self, name: &str, value: &str) -> Self {
        self.css.push_str(&format!("[{name}=\"{value}\"]"));
        self
    }

    /// Only matches inside `outer`.
    pub fn inside(self, outer: impl Into<By>) -> Self {
        Self {
            css: format!("{} {}", outer.into().css, self.css),
        }
    }

    pub fn as_css(&self) -> &str {
        &self.css
    }
}

impl From<&str> for By {
    fn from(testid: &str) -> Self {
        By::testid(testid)
    }
}

impl From<&By> for By {
    fn from(by: &By) -> Self {
        by.clone()
    }
}

impl fmt::Display for By {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.css)
    }
}

/// A WebDriver error as a sentence with its W3C code (fantoccini's Display omits it,
/// and WebKitWebDriver often sends an empty message).
fn wd(error: fantoccini::error::CmdError) -> anyhow::Error {
    match &error {
        fantoccini::error::CmdError::Standard(e) => {
            anyhow!("WebDriver error {:?}: {:?}", e.error, e.message)
        }
        _ => anyhow!("{error}"),
    }
}

pub struct App {
    client: Option<Client>,
    driver: DriverProcess,
    exe: PathBuf,
    marker: String,
    dirs: LaunchDirs,
    evidence: Arc<Evidence>,
}

/// How long a new session may take to be accepted.
const SESSION_START_LIMIT: Duration = Duration::from_secs(20);

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

    pub fn dirs(&self) -> &LaunchDirs {
        &self.dirs
    }

    fn client(&self) -> Result<&Client> {
        self.client
            .as_ref()
            .ok_or_else(|| anyhow!("the WebDriver session has ended"))
    }

    /// Screenshot `NN-<name>.png` into the journey's evidence folder. Take none while a
    /// secret is revealed on screen: images are artifacts too.
    pub async fn step(&self, name: &str) -> Result<()> {
        // WebKit captures the last painted frame: let the page paint what the DOM
        // already shows (two frames), so the picture matches the step.
        let painted = self.client()?.execute_async(NEXT_PAINT, vec![]);
        if tokio::time::timeout(Duration::from_secs(2), painted)
            .await
            .is_err()
        {
            eprintln!("[e2e] no frame painted within 2 s before screenshot {name:?}");
        }
        let png = self
            .client()?
            .screenshot()
            .await
            .map_err(wd)
            .context("screenshot")?;
        let path = self.evidence.next_screenshot(name);
        std::fs::write(&path, png).with_context(|| format!("cannot write {}", path.display()))
    }

    pub async fn page_source(&self) -> Result<String> {
        self.client()?.source().await.map_err(wd)
    }

    /// Every element matching `by`, displayed or not.
    pub async fn all(&self, by: impl Into<By>) -> Result<Vec<Element>> {
        let by = by.into();
        self.client()?
            .find_all(Locator::Css(by.as_css()))
            .await
            .map_err(wd)
    }

    /// The first displayed element matching `by`, if any right now. Judged in the page
    /// (rendered boxes, CSS visibility): WebKitWebDriver's own "displayed" check says
    /// false for visible elements of this app's grid layout, and its "text" follows it.
    pub async fn visible(&self, by: impl Into<By>) -> Result<Option<Element>> {
        let mut elements = self.all(by).await?;
        if elements.is_empty() {
            return Ok(None);
        }
        let index = self
            .client()?
            .execute(
                FIRST_VISIBLE,
                elements
                    .iter()
                    .map(serde_json::to_value)
                    .collect::<Result<_, _>>()?,
            )
            .await
            .map_err(wd)?
            .as_i64()
            .unwrap_or(-1);
        Ok(usize::try_from(index)
            .ok()
            .filter(|i| *i < elements.len())
            .map(|i| elements.swap_remove(i)))
    }

    /// An element's rendered text (`innerText`), trimmed.
    async fn inner_text(&self, element: &Element) -> Result<String> {
        let text = self
            .client()?
            .execute(INNER_TEXT, vec![serde_json::to_value(element)?])
            .await
            .map_err(wd)?;
        Ok(text.as_str().unwrap_or_default().trim().to_owned())
    }

    /// Waits until an element matching `by` is displayed.
    pub async fn wait_for(&self, by: impl Into<By>) -> Result<Element> {
        let by = by.into();
        wait::until(format!("{by} to show"), wait::UI, || async {
            Ok(match self.visible(&by).await? {
                Some(element) => Check::Done(element),
                None => Check::Waiting("not displayed".into()),
            })
        })
        .await
    }

    /// Waits until one of several testids is displayed; returns which.
    pub async fn wait_for_any(&self, testids: &[&str]) -> Result<String> {
        wait::until(format!("one of {testids:?} to show"), wait::UI, || async {
            for id in testids {
                if self.visible(*id).await?.is_some() {
                    return Ok(Check::Done((*id).to_owned()));
                }
            }
            Ok(Check::Waiting("none displayed".into()))
        })
        .await
    }

    /// Waits until nothing matching `by` is displayed.
    pub async fn wait_gone(&self, by: impl Into<By>) -> Result<()> {
        let by = by.into();
        wait::until(format!("{by} to go away"), wait::UI, || async {
            Ok(match self.visible(&by).await? {
                None => Check::Done(()),
                Some(_) => Check::Waiting("still displayed".into()),
            })
        })
        .await
    }

    /// Clicks the element once it is displayed and enabled.
    pub async fn click(&self, by: impl Into<By>) -> Result<()> {
        let by = by.into();
        wait::until(format!("{by} to be clickable"), wait::UI, || async {
            let Some(element) = self.visible(&by).await? else {
                return Ok(Check::Waiting("not displayed".into()));
            };
            if !element.is_enabled().await.map_err(wd)? {
                return Ok(Check::Waiting("disabled".into()));
            }
            element.click().await.map_err(wd)?;
            Ok(Check::Done(()))
        })
        .await
    }

    /// Replaces an input's text the way a person does (focus, select all, type), so the
    /// UI's input handlers run, until the field holds exactly `text`. Idempotent, so a
    /// field re-rendered mid-way (a stale element) is simply typed into again.
    pub async fn type_into(&self, by: impl Into<By>, text: &str) -> Result<()> {
        let by = by.into();
        let select_all = format!("{}a{}{}", &*Key::Control, &*Key::Null, &*Key::Backspace);
        wait::until(format!("{by} to hold the typed text"), wait::UI, || async {
            let Some(element) = self.visible(&by).await? else {
                return Ok(Check::Waiting("not displayed".into()));
            };
            let value = element.prop("value").await.map_err(wd)?;
            if value.as_deref() == Some(text) {
                return Ok(Check::Done(()));
            }
            element.click().await.map_err(wd).context("focusing")?;
            element
                .send_keys(&select_all)
                .await
                .map_err(wd)
                .context("clearing")?;
            element
                .send_keys(text)
                .await
                .map_err(wd)
                .context("typing")?;
            let value = element.prop("value").await.map_err(wd)?;
            Ok(if value.as_deref() == Some(text) {
                Check::Done(())
            } else {
                // Never the value itself: it may be a password.
                Check::Waiting(format!(
                    "{} characters",
                    value.unwrap_or_default().chars().count()
                ))
            })
        })
        .await
    }

    /// Types a password; it goes into the secret book first, so the scan looks for it.
    pub async fn type_password(
        &self,
        by: impl Into<By>,
        password: &str,
        whose: &str,
    ) -> Result<()> {
        scan::remember(Kind::Password, format!("password of {whose}"), password);
        self.type_into(by, password).await
    }

    /// Presses keys in the element (e.g. `Key::Escape`).
    pub async fn press(&self, by: impl Into<By>, keys: &str) -> Result<()> {
        self.wait_for(by).await?.send_keys(keys).await.map_err(wd)
    }

    /// Picks an `<option>` of a `<select>` by its value.
    pub async fn select(&self, by: impl Into<By>, value: &str) -> Result<()> {
        let by = by.into();
        self.wait_for(&by)
            .await?
            .select_by_value(value)
            .await
            .map_err(wd)
            .with_context(|| format!("choosing {value:?} in {by}"))?;
        let chosen = self.wait_for(&by).await?.prop("value").await.map_err(wd)?;
        if chosen.as_deref() != Some(value) {
            bail!("{by} shows {chosen:?} after choosing {value:?}");
        }
        Ok(())
    }

    /// The displayed element's visible text.
    pub async fn text(&self, by: impl Into<By>) -> Result<String> {
        let element = self.wait_for(by).await?;
        self.inner_text(&element).await
    }

    /// Waits until the element's text satisfies `ok`; returns that text.
    pub async fn wait_text(
        &self,
        by: impl Into<By>,
        expectation: &str,
        ok: impl Fn(&str) -> bool,
    ) -> Result<String> {
        let by = by.into();
        wait::until(format!("{by} to read {expectation}"), wait::UI, || async {
            let Some(element) = self.visible(&by).await? else {
                return Ok(Check::Waiting("not displayed".into()));
            };
            let text = self.inner_text(&element).await?;
            Ok(if ok(&text) {
                Check::Done(text)
            } else {
                Check::Waiting(format!("{text:?}"))
            })
        })
        .await
    }

    /// Waits until the element's text contains `part`.
    pub async fn wait_text_contains(&self, by: impl Into<By>, part: &str) -> Result<String> {
        self.wait_text(by, &format!("{part:?}"), |text| text.contains(part))
            .await
    }

    /// The rendered text of every element matching `by` (virtual tables render only
    /// the rows in view; a handful of rows all fit).
    pub async fn texts(&self, by: impl Into<By>) -> Result<Vec<String>> {
        let mut texts = Vec::new();
        for element in self.all(by).await? {
            texts.push(self.inner_text(&element).await?);
        }
        Ok(texts)
    }

    /// Waits for a displayed element matching `by` whose text contains `part`; returns
    /// its `attr` attribute (e.g. the `data-key` of the row naming a token).
    pub async fn attr_where_text(
        &self,
        by: impl Into<By>,
        part: &str,
        attr: &str,
    ) -> Result<String> {
        let by = by.into();
        wait::until(
            format!("{by} reading {part:?} with {attr}"),
            wait::UI,
            || async {
                for element in self.all(&by).await? {
                    if self.inner_text(&element).await?.contains(part)
                        && let Some(value) = element.attr(attr).await.map_err(wd)?
                    {
                        return Ok(Check::Done(value));
                    }
                }
                Ok(Check::Waiting("no such element".into()))
            },
        )
        .await
    }

    /// Waits until the displayed element's `name` attribute equals `expected`.
    pub async fn wait_attr(&self, by: impl Into<By>, name: &str, expected: &str) -> Result<()> {
        let by = by.into();
        wait::until(
            format!("{by} to have {name}={expected:?}"),
            wait::UI,
            || async {
                let Some(element) = self.visible(&by).await? else {
                    return Ok(Check::Waiting("not displayed".into()));
                };
                let value = element.attr(name).await.map_err(wd)?;
                Ok(if value.as_deref() == Some(expected) {
                    Check::Done(())
                } else {
                    Check::Waiting(format!("{name}={value:?}"))
                })
            },
        )
        .await
    }

    /// An attribute of the displayed element.
    pub async fn attr(&self, by: impl Into<By>, name: &str) -> Result<Option<String>> {
        self.wait_for(by).await?.attr(name).await.map_err(wd)
    }

    /// Waits until the displayed element is enabled (`true`) or disabled (`false`).
    pub async fn wait_enabled(&self, by: impl Into<By>, enabled: bool) -> Result<()> {
        let by = by.into();
        let want = if enabled { "enabled" } else { "disabled" };
        wait::until(format!("{by} to be {want}"), wait::UI, || async {
            let Some(element) = self.visible(&by).await? else {
                return Ok(Check::Waiting("not displayed".into()));
            };
            Ok(if element.is_enabled().await.map_err(wd)? == enabled {
                Check::Done(())
            } else {
                Check::Waiting(format!("not {want}"))
            })
        })
        .await
    }

    /// Waits until exactly `n` elements match `by` (displayed or not).
    pub async fn wait_count(&self, by: impl Into<By>, n: usize) -> Result<()> {
        let by = by.into();
        wait::until(format!("{n} × {by}"), wait::UI, || async {
            let found = self.all(&by).await?.len();
            Ok(if found == n {
                Check::Done(())
            } else {
                Check::Waiting(format!("{found}"))
            })
        })
        .await
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

    /// The launch folder's root.
    pub fn root(&self) -> &Path {
        &self.dirs.root
    }

    /// The app's process ids (not WebKit's helpers).
    pub fn app_pids(&self) -> Vec<i32> {
        processes::running(&self.marker, &self.exe)
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

    /// Runs `script` in the page and returns what it returns (for checks a selector
    /// cannot express).
    pub async fn execute(&self, script: &str) -> Result<serde_json::Value> {
        self.client()?.execute(script, vec![]).await.map_err(wd)
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

//! One launch of the real app and the verbs a journey speaks: find by `data-testid`,
//! click, type, read, wait, screenshot. Starting and ending it is in `launch.rs`, its
//! folders in `launch_dirs.rs`, the selector in `by.rs`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};

pub use super::by::By;
use super::driver::DriverProcess;
use super::evidence::Evidence;
pub use super::launch_dirs::{APP_ID, LaunchDirs};
use super::page_scripts::{FIRST_VISIBLE, INNER_TEXT, NEXT_PAINT};
use super::processes;
use super::scan::{self, Kind};
use super::wait::{self, Check};

/// A WebDriver error as a sentence with its W3C code (fantoccini's Display omits it,
/// and WebKitWebDriver often sends an empty message).
pub(super) fn wd(error: fantoccini::error::CmdError) -> anyhow::Error {
    match &error {
        fantoccini::error::CmdError::Standard(e) => {
            anyhow!("WebDriver error {:?}: {:?}", e.error, e.message)
        }
        _ => anyhow!("{error}"),
    }
}

pub struct App {
    pub(super) client: Option<Client>,
    pub(super) driver: DriverProcess,
    pub(super) exe: PathBuf,
    pub(super) marker: String,
    pub(super) dirs: LaunchDirs,
    pub(super) evidence: Arc<Evidence>,
}

impl App {
    pub fn dirs(&self) -> &LaunchDirs {
        &self.dirs
    }

    pub(crate) fn client(&self) -> Result<&Client> {
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

    /// The launch folder's root.
    pub fn root(&self) -> &Path {
        &self.dirs.root
    }

    /// The app's process ids (not WebKit's helpers).
    pub fn app_pids(&self) -> Vec<i32> {
        processes::running(&self.marker, &self.exe)
    }

    /// Every process of this launch: the app, WebKit's helpers and the drivers.
    pub fn launch_pids(&self) -> Vec<i32> {
        processes::with_marker(&self.marker)
    }

    /// `name`'s value in the environment this launch's web process started with.
    pub fn web_process_variable(&self, name: &str) -> Option<String> {
        processes::web_process_variable(&self.marker, name)
    }

    /// Runs `script` in the page and returns what it returns (for checks a selector
    /// cannot express).
    pub async fn execute(&self, script: &str) -> Result<serde_json::Value> {
        self.client()?.execute(script, vec![]).await.map_err(wd)
    }
}

//! Signed updates through `tauri-plugin-updater`: a check (at start, from the palette,
//! from About) that offers a higher version with its release notes, and an install that
//! happens only when the person says yes. The download is verified against the minisign
//! public key in `tauri.conf.json` before anything is written; the endpoint is that
//! file's too, so a build can name its own (`tauri build --config …`).

mod error;
#[cfg(test)]
mod tests;

use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};

pub use error::UpdateError;

/// How long the check and the download may take before they count as offline.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The plugin, with its configuration from `tauri.conf.json` (`plugins.updater`).
pub fn plugin<R: Runtime>() -> TauriPlugin<R, tauri_plugin_updater::Config> {
    tauri_plugin_updater::Builder::new().build()
}

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(
    tag = "status",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum UpdateCheck {
    /// No higher version is published.
    UpToDate { current: String },
    /// A higher version is published: nothing is downloaded until the person says yes.
    Available {
        current: String,
        version: String,
        /// The release notes, as the release wrote them (plain text or Markdown).
        notes: Option<String>,
        /// When the release was published (RFC 3339), when the manifest says.
        published: Option<String>,
    },
}

/// The update the last check offered, waiting for the person's yes.
#[derive(Default)]
pub struct PendingUpdate(Mutex<Option<Update>>);

impl PendingUpdate {
    fn replace(&self, update: Option<Update>) {
        // A poisoned lock only means a panic elsewhere mid-replace: the value is still one
        // whole `Option`, so keep using it.
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = update;
    }

    fn take(&self) -> Option<Update> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
    }
}

/// Asks the configured endpoint for a higher version and remembers it for `install`.
pub async fn check<R: Runtime>(app: &AppHandle<R>) -> Result<UpdateCheck, UpdateError> {
    let updater = with_test_server(app.updater_builder().timeout(REQUEST_TIMEOUT))?
        .build()
        .map_err(UpdateError::from_check)?;
    let found = updater.check().await.map_err(UpdateError::from_check)?;
    let current = app.package_info().version.to_string();
    let pending = app.state::<PendingUpdate>();
    let Some(update) = found else {
        tracing::info!(%current, "no update published");
        pending.replace(None);
        return Ok(UpdateCheck::UpToDate { current });
    };
    tracing::info!(%current, version = %update.version, "an update is published");
    let status = UpdateCheck::Available {
        current,
        version: update.version.clone(),
        notes: update.body.clone().filter(|notes| !notes.trim().is_empty()),
        published: update
            .raw_json
            .get("pub_date")
            .and_then(|date| date.as_str())
            .map(str::to_owned),
    };
    pending.replace(Some(update));
    Ok(status)
}

/// Debug builds only (the journeys'): `SAASIGNAL_TEST_UPDATE_ENDPOINT` and
/// `SAASIGNAL_TEST_UPDATE_PUBKEY` point the check at a test server and its key. Release
/// builds have no such switch, and refuse any endpoint but https.
#[cfg(debug_assertions)]
fn with_test_server(
    builder: tauri_plugin_updater::UpdaterBuilder,
) -> Result<tauri_plugin_updater::UpdaterBuilder, UpdateError> {
    let (Ok(endpoint), Ok(pubkey)) = (
        std::env::var("SAASIGNAL_TEST_UPDATE_ENDPOINT"),
        std::env::var("SAASIGNAL_TEST_UPDATE_PUBKEY"),
    ) else {
        return Ok(builder);
    };
    let endpoint = endpoint
        .parse()
        .map_err(|error| UpdateError::NotConfigured(format!("{endpoint}: {error}")))?;
    builder
        .endpoints(vec![endpoint])
        .map(|builder| builder.pubkey(pubkey))
        .map_err(UpdateError::from_check)
}

#[cfg(not(debug_assertions))]
fn with_test_server(
    builder: tauri_plugin_updater::UpdaterBuilder,
) -> Result<tauri_plugin_updater::UpdaterBuilder, UpdateError> {
    Ok(builder)
}

/// Downloads the offered update and checks its signature; nothing is installed.
pub async fn download_verified(update: &Update) -> Result<Vec<u8>, UpdateError> {
    update
        .download(|_, _| {}, || {})
        .await
        .map_err(|error| UpdateError::from_download(&update.version, error))
}

/// Installs the update the last check offered, once its signature is verified; returns
/// its version. On macOS and Linux the app must be restarted to run it (`restart`); the
/// Windows installer closes the app itself.
pub async fn install<R: Runtime>(app: &AppHandle<R>) -> Result<String, UpdateError> {
    let Some(update) = app.state::<PendingUpdate>().take() else {
        return Err(UpdateError::NothingPending);
    };
    let bytes = match download_verified(&update).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::warn!(version = %update.version, %error, "the update was not installed");
            return Err(error);
        }
    };
    let version = update.version.clone();
    // The installers block (a package manager, an elevation prompt): off the async workers.
    let installed = tauri::async_runtime::spawn_blocking(move || {
        update
            .install(bytes)
            .map_err(|error| UpdateError::from_install(&update.version, error))
    })
    .await
    .map_err(|error| UpdateError::InstallFailed {
        version: version.clone(),
        detail: error.to_string(),
    })?;
    installed?;
    tracing::info!(%version, "update installed");
    Ok(version)
}

//! What the commands share: the core, the embedded sandbox, the keychain's health, and
//! the app's files (kept for the storage Retry).

mod events;
mod local_sandbox;

use std::path::PathBuf;
use std::sync::Arc;

use saasignal_client::ProxyPolicy;
use saasignal_core::clipboard::{SecretClipboard, SystemClipboard};
use saasignal_core::storage::Storage;
use saasignal_core::{Core, CoreConfig, CoreError, ErrorReport};
use saasignal_vault::{APP_SERVICE, CredentialStore, KeychainStore};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::Mutex;

pub use local_sandbox::{LocalSandbox, LocalSandboxError};

/// How the keychain answered the start-up self-check.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum KeychainStatus {
    Checking,
    Ready { backend: String },
    Failed { error: ErrorReport },
}

pub struct AppState {
    pub core: Core,
    pub keychain: Mutex<KeychainStatus>,
    pub sandbox: LocalSandbox,
    pub storage: Storage,
}

impl AppState {
    /// Opens the app's files and wires the core to the OS keychain and clipboard. Never
    /// fails: what cannot be used becomes a notice the window shows.
    pub fn open<R: Runtime>(app: &AppHandle<R>) -> Self {
        let data_dir = data_dir(app);
        Self::assemble(app, data_dir, Arc::new(KeychainStore::new(APP_SERVICE)))
    }

    /// The same with a given data folder and credential store (tests use a temporary
    /// folder and an in-memory store, so they touch nothing of a real installation).
    pub fn assemble<R: Runtime>(
        app: &AppHandle<R>,
        data_dir: PathBuf,
        vault: Arc<dyn CredentialStore>,
    ) -> Self {
        let storage = Storage::open(data_dir.clone());
        let clipboard = match SystemClipboard::open() {
            Ok(system) => Some(SecretClipboard::new(Box::new(system))),
            Err(error) => {
                tracing::warn!(%error, "no clipboard: copying secrets is unavailable");
                None
            }
        };
        let preferences = storage.settings.preferences();
        let proxy = if preferences.use_system_proxy {
            ProxyPolicy::System
        } else {
            ProxyPolicy::Direct
        };
        let config = CoreConfig {
            proxy,
            key_thresholds: preferences.key_thresholds,
            ..CoreConfig::default()
        };
        // The settings file never fails to load (a bad one is a notice), so neither does
        // this: it is a start-up invariant.
        #[allow(clippy::expect_used)]
        let core = Core::new(
            config,
            storage.settings.clone(),
            vault,
            storage.cache.clone(),
            clipboard,
            Arc::new(events::WindowEvents::new(
                app.clone(),
                storage.cache.clone(),
            )),
        )
        .expect("the core starts on a loaded settings file");
        for notice in &storage.notices {
            core.post_notice(notice.clone());
        }
        Self {
            core,
            keychain: Mutex::new(KeychainStatus::Checking),
            sandbox: LocalSandbox::new(data_dir.join("sandbox")),
            storage,
        }
    }

    /// Proves at start-up that credentials really go to the OS keychain.
    pub async fn check_keychain(&self) -> KeychainStatus {
        let health = match self.core.check_keychain().await {
            Ok(check) => {
                tracing::info!(backend = %check.backend, "keychain self-check passed");
                KeychainStatus::Ready {
                    backend: check.backend,
                }
            }
            Err(error) => {
                // The keychain's own words, never a stored value.
                tracing::error!(
                    code = error.code().as_str(),
                    detail = error.detail().unwrap_or_default(),
                    "keychain self-check failed"
                );
                KeychainStatus::Failed {
                    error: ErrorReport::from(CoreError::Keychain(error)),
                }
            }
        };
        *self.keychain.lock().await = health.clone();
        health
    }
}

/// The app's data folder. Resolving it fails only without a home folder; then a folder
/// under the system's temporary one stands in, and the storage notice names it.
fn data_dir<R: Runtime>(app: &AppHandle<R>) -> PathBuf {
    app.path().app_data_dir().unwrap_or_else(|error| {
        tracing::error!(%error, "no data folder: using a temporary one");
        std::env::temp_dir().join(&app.config().identifier)
    })
}

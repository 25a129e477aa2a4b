//! What the commands share: the core, the embedded sandbox, the keychain's health.

mod account_store;
mod events;
mod local_sandbox;

use std::path::PathBuf;
use std::sync::Arc;

use saasignal_cache::Cache;
use saasignal_core::clipboard::{SecretClipboard, SystemClipboard};
use saasignal_core::{Core, CoreConfig};
use saasignal_vault::{APP_SERVICE, CredentialStore, KeychainStore};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::Mutex;

pub use local_sandbox::{LocalSandbox, LocalSandboxError};

/// How the keychain answered the start-up self-check.
#[derive(Debug, Clone)]
pub enum KeychainHealth {
    Checking,
    Ready { backend: String },
    Failed { code: &'static str, message: String },
}

pub struct AppState {
    pub core: Core,
    pub vault: Arc<dyn CredentialStore>,
    pub keychain: Mutex<KeychainHealth>,
    pub sandbox: LocalSandbox,
    /// Set when the cache file was unusable and was rebuilt at this start.
    pub cache_rebuilt: bool,
}

impl AppState {
    /// Opens the cache and settings, and wires the core to the OS keychain and clipboard.
    pub fn open<R: Runtime>(app: &AppHandle<R>) -> Result<Self, Box<dyn std::error::Error>> {
        let data_dir = app.path().app_data_dir()?;
        Self::assemble(app, data_dir, Arc::new(KeychainStore::new(APP_SERVICE)))
    }

    /// The same with a given data folder and credential store (tests use a temporary
    /// folder and an in-memory store, so they touch nothing of a real installation).
    pub fn assemble<R: Runtime>(
        app: &AppHandle<R>,
        data_dir: PathBuf,
        vault: Arc<dyn CredentialStore>,
    ) -> Result<Self, Box<dyn std::error::Error>> {
        std::fs::create_dir_all(&data_dir)?;
        let (cache, report) = Cache::open(data_dir.join("cache.sqlite"))?;
        if report.was_rebuilt() {
            tracing::warn!("the cache file was unusable; it was set aside and rebuilt");
        }
        let clipboard = match SystemClipboard::open() {
            Ok(system) => Some(SecretClipboard::new(Box::new(system))),
            Err(error) => {
                tracing::warn!(%error, "no clipboard: copying secrets is unavailable");
                None
            }
        };
        let core = Core::new(
            CoreConfig::default(),
            Arc::new(account_store::SettingsAccountStore::open(app)?),
            vault.clone(),
            cache,
            clipboard,
            Arc::new(events::WindowEvents::new(app.clone())),
        )?;
        Ok(Self {
            core,
            vault,
            keychain: Mutex::new(KeychainHealth::Checking),
            sandbox: LocalSandbox::new(data_dir.join("sandbox")),
            cache_rebuilt: report.was_rebuilt(),
        })
    }

    /// Proves at start-up that credentials really go to the OS keychain.
    pub async fn check_keychain(&self) -> KeychainHealth {
        let health = match self.vault.self_check().await {
            Ok(check) => {
                tracing::info!(backend = %check.backend, "keychain self-check passed");
                KeychainHealth::Ready {
                    backend: check.backend,
                }
            }
            Err(error) => {
                tracing::error!(code = error.code(), "keychain self-check failed");
                KeychainHealth::Failed {
                    code: error.code(),
                    message: error.to_string(),
                }
            }
        };
        *self.keychain.lock().await = health.clone();
        health
    }
}

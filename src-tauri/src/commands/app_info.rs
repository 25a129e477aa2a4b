//! `app_info`: what the About panel shows.

use std::path::Path;

use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};

use super::error::CommandError;
use crate::state::{AppState, KeychainStatus};

/// Version, where the app keeps its files, and which keychain holds its credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    pub data_dir: String,
    pub config_dir: String,
    pub log_dir: String,
    pub keychain_backend: String,
}

impl AppInfo {
    pub fn new(version: &str, data_dir: &Path, config_dir: &Path, log_dir: &Path) -> Self {
        Self {
            name: "SaaSignal Admin".to_owned(),
            version: version.to_owned(),
            data_dir: data_dir.display().to_string(),
            config_dir: config_dir.display().to_string(),
            log_dir: log_dir.display().to_string(),
            keychain_backend: native_keychain_name().to_owned(),
        }
    }
}

/// The OS credential store this build talks to.
pub fn native_keychain_name() -> &'static str {
    if cfg!(target_os = "macos") {
        "macOS Keychain"
    } else if cfg!(target_os = "windows") {
        "Windows Credential Manager"
    } else {
        "Secret Service (D-Bus)"
    }
}

#[tauri::command]
pub async fn app_info<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<AppInfo, CommandError> {
    let paths = app.path();
    let mut info = AppInfo::new(
        &app.package_info().version.to_string(),
        &paths.app_data_dir()?,
        &paths.app_config_dir()?,
        &paths.app_log_dir()?,
    );
    // Once the self-check has run, name the store it actually reached.
    if let KeychainStatus::Ready { backend } = &*state.keychain.lock().await {
        info.keychain_backend = backend.clone();
    }
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_info_reports_the_directories_it_was_given() {
        let info = AppInfo::new(
            "1.2.3",
            Path::new("/d/data"),
            Path::new("/d/config"),
            Path::new("/d/logs"),
        );
        assert_eq!(info.version, "1.2.3");
        assert_eq!(info.data_dir, "/d/data");
        assert_eq!(info.config_dir, "/d/config");
        assert_eq!(info.log_dir, "/d/logs");
        assert_eq!(info.keychain_backend, native_keychain_name());
    }

    #[test]
    fn app_info_crosses_ipc_in_camel_case() {
        let info = AppInfo::new("1.0.0", Path::new("a"), Path::new("b"), Path::new("c"));
        let json = serde_json::to_value(&info).expect("serialises");
        assert_eq!(json["dataDir"], "a");
        assert_eq!(json["configDir"], "b");
        assert!(json.get("keychainBackend").is_some());
    }
}

//! Where one launch keeps everything: a HOME of its own with the XDG folders inside, so
//! launches never share (or touch the person's) data, settings or cache.

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::{Context, Result};

/// The app's identifier (tauri.conf.json): its folder name under XDG data and config.
pub const APP_ID: &str = "dev.saasignal.admin";

/// Where one launch keeps everything: `root/home` is HOME, with the XDG folders inside.
#[derive(Debug, Clone)]
pub struct LaunchDirs {
    pub root: PathBuf,
    pub home: PathBuf,
    pub data_home: PathBuf,
    pub config_home: PathBuf,
    pub cache_home: PathBuf,
    /// Where the app saves exports without its save dialog (a debug build's hook: the
    /// native dialog cannot be driven through WebDriver).
    pub exports: PathBuf,
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
            exports: home.join("Exports"),
            webdriver_log: root.join("webdriver.log"),
            home,
            root,
        };
        for dir in [
            &dirs.data_home,
            &dirs.config_home,
            &dirs.cache_home,
            &dirs.exports,
        ] {
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
    pub(super) fn env(&self) -> Vec<(&'static str, OsString)> {
        vec![
            ("HOME", self.home.clone().into()),
            ("XDG_DATA_HOME", self.data_home.clone().into()),
            ("XDG_CONFIG_HOME", self.config_home.clone().into()),
            ("XDG_CACHE_HOME", self.cache_home.clone().into()),
            ("SAASIGNAL_E2E_SAVE_DIR", self.exports.clone().into()),
        ]
    }
}

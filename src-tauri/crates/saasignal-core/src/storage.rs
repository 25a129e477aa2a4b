//! The app's files: its data folder, `settings.json` in it and the offline cache. Opening
//! them never stops the app: a folder that cannot be made, a settings file that does not
//! read or a cache that is locked, read-only or on a full disk each becomes a [`Notice`]
//! naming the path, the system's error and what to do, with Retry where trying again
//! can help. A cache that cannot be opened is replaced by one in memory, so the app
//! stays usable (nothing is kept for offline use until the file opens).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use saasignal_cache::{Cache, CacheError};

use crate::core::Core;
use crate::error::CoreError;
use crate::notices::{Notice, NoticeAction, Severity};
use crate::settings::{SettingsFile, SettingsNotice};

pub const SETTINGS_FILE: &str = "settings.json";
pub const CACHE_FILE: &str = "cache.sqlite";

const FOLDER_NOTICE: &str = "data-folder";
const SETTINGS_NOTICE: &str = "settings-file";
const CACHE_NOTICE: &str = "cache-file";

/// The app's files as opened at start.
pub struct Storage {
    pub data_dir: PathBuf,
    pub settings: Arc<SettingsFile>,
    pub cache: Cache,
    /// What the person needs to hear about them.
    pub notices: Vec<Notice>,
}

impl Storage {
    /// Opens the data folder, the settings and the cache; never fails.
    pub fn open(data_dir: PathBuf) -> Self {
        let folder = std::fs::create_dir_all(&data_dir);
        let settings = Arc::new(SettingsFile::open(data_dir.join(SETTINGS_FILE)));
        let (cache, cache_notice) = open_cache(&data_dir);
        let cache = cache.unwrap_or_else(in_memory_cache);
        // Without the folder, the settings and the cache fail for the same reason: one
        // notice says it, and its Retry brings all three back.
        let notices = match folder {
            Err(error) => vec![folder_notice(&data_dir, &error)],
            Ok(()) => settings
                .notice()
                .map(|notice| settings_notice(&notice))
                .into_iter()
                .chain(cache_notice)
                .collect(),
        };
        Self {
            data_dir,
            settings,
            cache,
            notices,
        }
    }
}

/// The stand-in cache. An in-memory SQLite database with the schema cannot fail to
/// open short of the process running out of memory, when nothing else would work either.
fn in_memory_cache() -> Cache {
    #[allow(clippy::expect_used)] // a start-up invariant, see above
    Cache::open_in_memory().expect("an in-memory SQLite cache opens")
}

/// The cache file, with a notice when it was rebuilt; or no cache, and the notice why.
fn open_cache(data_dir: &Path) -> (Option<Cache>, Option<Notice>) {
    let path = data_dir.join(CACHE_FILE);
    match Cache::open(&path) {
        Ok((cache, report)) => {
            let notice = report.rebuilt.map(|rebuilt| Notice {
                id: CACHE_NOTICE.into(),
                severity: Severity::Info,
                title: "The offline cache was rebuilt".into(),
                message: format!(
                    "The offline cache at {} could not be used ({}), so an empty one took its place; it fills again from the server. The old file was kept as {} and is deleted when you sign out.",
                    path.display(),
                    rebuilt.reason,
                    rebuilt.set_aside_as.display()
                ),
                path: Some(path.display().to_string()),
                action: NoticeAction::None,
                dismissible: true,
            });
            (Some(cache), notice)
        }
        Err(error) => {
            tracing::error!(%error, "the offline cache cannot be used; keeping it in memory");
            (None, Some(cache_notice(&path, &error)))
        }
    }
}

fn folder_notice(data_dir: &Path, error: &std::io::Error) -> Notice {
    Notice {
        id: FOLDER_NOTICE.into(),
        severity: Severity::Error,
        title: "The app's data folder cannot be used".into(),
        message: format!(
            "{} could not be created: {error}. Until it can, nothing is saved: no accounts, no offline data. Move away whatever is at that path (or make its parent folder writable), then choose Retry.",
            data_dir.display()
        ),
        path: Some(data_dir.display().to_string()),
        action: NoticeAction::RetryStorage,
        dismissible: false,
    }
}

fn settings_notice(notice: &SettingsNotice) -> Notice {
    let (severity, title, action, dismissible) = match notice {
        SettingsNotice::RestoredFromBackup { .. } => (
            Severity::Warning,
            "Settings restored from their backup",
            NoticeAction::None,
            true,
        ),
        SettingsNotice::SetAside { .. } => (
            Severity::Warning,
            "The settings file could not be read",
            NoticeAction::None,
            true,
        ),
        SettingsNotice::FromNewerVersion { .. } => (
            Severity::Warning,
            "Settings from a newer version",
            NoticeAction::None,
            false,
        ),
        SettingsNotice::Unreadable { .. } => (
            Severity::Error,
            "The settings file cannot be used",
            NoticeAction::RetryStorage,
            false,
        ),
    };
    let path = match notice {
        SettingsNotice::RestoredFromBackup { path, .. }
        | SettingsNotice::SetAside { path, .. }
        | SettingsNotice::FromNewerVersion { path, .. }
        | SettingsNotice::Unreadable { path, .. } => path.display().to_string(),
    };
    Notice {
        id: SETTINGS_NOTICE.into(),
        severity,
        title: title.into(),
        message: notice.to_string(),
        path: Some(path),
        action,
        dismissible,
    }
}

/// What to do about a cache error, by what it says.
fn cache_remedy(error: &CacheError) -> &'static str {
    let text = error.to_string().to_lowercase();
    if text.contains("locked") || text.contains("busy") {
        "Another program, or another copy of SaaSignal Admin, is using it: quit that, then choose Retry."
    } else if text.contains("full") {
        "The disk is full: free some space, then choose Retry."
    } else if text.contains("readonly") || text.contains("read-only") || text.contains("permission")
    {
        "Make the file and its folder writable, then choose Retry."
    } else {
        "Check the file and its folder, then choose Retry."
    }
}

fn cache_notice(path: &Path, error: &CacheError) -> Notice {
    let what_to_do = cache_remedy(error);
    Notice {
        id: CACHE_NOTICE.into(),
        severity: Severity::Error,
        title: "Working without the offline cache".into(),
        message: format!(
            "The offline cache could not be opened ({}). The app works, but keeps nothing for offline use until it can. {what_to_do}",
            error.cause()
        ),
        path: Some(path.display().to_string()),
        action: NoticeAction::RetryStorage,
        dismissible: false,
    }
}

const CACHE_WRITES_NOTICE: &str = "cache-writes";

impl Core {
    /// Says when the cache stops taking what the server sent (locked by another program,
    /// a full disk, read-only), and takes it back once a write goes through again. What
    /// is on screen stays right either way; only what is kept for offline use lags.
    pub(crate) fn note_cache_write<T>(&self, outcome: &Result<T, CacheError>) {
        match outcome {
            Ok(_) => self.clear_notice(CACHE_WRITES_NOTICE),
            Err(error) => {
                let path = self
                    .inner
                    .cache
                    .file_path()
                    .map(|path| path.display().to_string());
                self.post_notice(Notice {
                    id: CACHE_WRITES_NOTICE.into(),
                    severity: Severity::Warning,
                    title: "The offline cache is not saving".into(),
                    message: format!(
                        "The offline cache{} could not save what the server sent: {error}. What you see is up to date, but may be missing offline. {}",
                        path.as_deref().map(|p| format!(" at {p}")).unwrap_or_default(),
                        cache_remedy(error).replace(", then choose Retry", "")
                    ),
                    path,
                    action: NoticeAction::None,
                    dismissible: true,
                });
            }
        }
    }

    /// Retry on a storage notice: makes the data folder, reads the settings again if they
    /// could not be read, and moves from the in-memory cache to the file if it opens now.
    pub fn retry_storage(&self, storage: &Storage) -> Result<Vec<Notice>, CoreError> {
        if let Err(error) = std::fs::create_dir_all(&storage.data_dir) {
            self.post_notice(folder_notice(&storage.data_dir, &error));
            return Ok(self.notices());
        }
        self.clear_notice(FOLDER_NOTICE);

        if matches!(
            storage.settings.notice(),
            Some(SettingsNotice::Unreadable { .. })
        ) {
            match storage.settings.reopen() {
                Some(notice) => self.post_notice(settings_notice(&notice)),
                None => self.clear_notice(SETTINGS_NOTICE),
            }
            self.reload_accounts()?;
        }

        if self.inner.cache.is_in_memory() {
            let (file, notice) = open_cache(&storage.data_dir);
            if let Some(file) = file {
                self.inner.cache.adopt(file);
                tracing::info!("the offline cache file is in use again");
            }
            match notice {
                Some(notice) => self.post_notice(notice),
                None => self.clear_notice(CACHE_NOTICE),
            }
        }
        Ok(self.notices())
    }
}

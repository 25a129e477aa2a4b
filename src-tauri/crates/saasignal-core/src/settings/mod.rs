//! [`SettingsFile`]: `settings.json`, the account list and preferences, kept so that
//! nothing in it is ever lost to a crash, a full disk or a damaged file.
//!
//! - **Writes are atomic** (a temporary file, flushed, renamed over the old one), and the
//!   previous good file is kept as `settings.json.bak`.
//! - **A file that does not read is never written over.** Damaged (cut short, not JSON,
//!   not our shape): it is set aside as `settings.json.corrupt-<UTC time>` (one such copy
//!   is kept) and the backup takes its place. Written by a newer version: its accounts are
//!   shown, and no change is saved. Unreadable (permissions, I/O): the same.
//! - What happened is a [`SettingsNotice`] the app shows until the person acts on it.
//!
//! This replaces tauri-plugin-store, which writes in place (`fs::write`) and, when the
//! file does not load, starts empty and saves over it: one truncated file, and every
//! account (and its keychain entry) was lost.

mod atomic;
mod document;

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::Utc;

pub use document::{CURRENT_VERSION, Preferences};
use document::{Document, Unusable};

use crate::accounts::{AccountStore, AccountStoreError, AccountsFile};

/// What opening the settings found, for the person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsNotice {
    /// The file was damaged or missing; the previous good copy is in use again.
    #[error(
        "The settings file {path} {reason}, so the previous good copy was restored{}. Changes made since that copy was saved may need to be made again.",
        set_aside_note(.set_aside_as)
    )]
    RestoredFromBackup {
        path: PathBuf,
        reason: String,
        set_aside_as: Option<PathBuf>,
    },
    /// Damaged, and no good copy exists: the app starts with no accounts.
    #[error(
        "The settings file {path} could not be used ({reason}) and there was no good copy to restore; it was set aside as {set_aside_as}. Add your accounts again; their keychain entries were left in place."
    )]
    SetAside {
        path: PathBuf,
        reason: String,
        set_aside_as: PathBuf,
    },
    /// A newer version of the app wrote the file: shown, never changed.
    #[error(
        "The settings file {path} was written by a newer version of SaaSignal Admin (layout {found}; this version reads up to {CURRENT_VERSION}). Your accounts are shown, but changes are not saved: update the app to make changes."
    )]
    FromNewerVersion { path: PathBuf, found: u64 },
    /// The file is there but cannot be read, or cannot be moved out of the way.
    #[error(
        "The settings file {path} cannot be used: {error}. The app does not write over it. Check the file and its folder (permissions, free space), then choose Retry."
    )]
    Unreadable { path: PathBuf, error: String },
}

fn set_aside_note(set_aside_as: &Option<PathBuf>) -> String {
    set_aside_as
        .as_ref()
        .map(|path| format!(" (the damaged file was set aside as {})", path.display()))
        .unwrap_or_default()
}

impl SettingsNotice {
    /// Whether the account list in use is all the person had: only then may the
    /// credentials of accounts that are not in it be treated as left over.
    fn list_is_complete(&self) -> bool {
        matches!(self, SettingsNotice::RestoredFromBackup { .. })
    }
}

/// Why saving is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    Writable,
    ReadOnly,
}

struct State {
    document: Document,
    mode: Mode,
    notice: Option<SettingsNotice>,
}

/// `settings.json` (and its `.bak`), behind the [`AccountStore`] trait.
pub struct SettingsFile {
    path: PathBuf,
    state: Mutex<State>,
}

impl SettingsFile {
    /// Reads the file at `path`. Never fails: a problem becomes the [`SettingsNotice`]
    /// of [`SettingsFile::notice`], and the file is then never written over.
    pub fn open(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let state = load(&path);
        if let Some(notice) = &state.notice {
            tracing::warn!(%notice, "settings");
        }
        Self {
            path,
            state: Mutex::new(state),
        }
    }

    /// Reads the file again (after the person fixed its folder); returns the new notice.
    pub fn reopen(&self) -> Option<SettingsNotice> {
        let state = load(&self.path);
        let notice = state.notice.clone();
        *self.lock() = state;
        notice
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What opening the file found, while the person has not dismissed it.
    pub fn notice(&self) -> Option<SettingsNotice> {
        self.lock().notice.clone()
    }

    /// The person has read the notice of a restored or set-aside file.
    pub fn dismiss_notice(&self) {
        let mut state = self.lock();
        if state.mode == Mode::Writable {
            state.notice = None;
        }
    }

    pub fn preferences(&self) -> Preferences {
        self.lock().document.preferences.clone()
    }

    pub fn set_preferences(&self, preferences: Preferences) -> Result<(), AccountStoreError> {
        self.change(|document| document.preferences = preferences)
    }

    fn change(&self, apply: impl FnOnce(&mut Document)) -> Result<(), AccountStoreError> {
        let mut state = self.lock();
        if state.mode == Mode::ReadOnly {
            return Err(AccountStoreError::Write(match &state.notice {
                Some(notice) => notice.to_string(),
                None => format!("{} is read-only", self.path.display()),
            }));
        }
        let mut next = state.document.clone();
        apply(&mut next);
        save(&self.path, &next).map_err(|error| {
            tracing::error!(%error, path = %self.path.display(), "settings not saved");
            AccountStoreError::Write(format!(
                "The settings file {} could not be saved: {error}. Check that its folder is writable and the disk has space, then try again.",
                self.path.display()
            ))
        })?;
        state.document = next;
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl AccountStore for SettingsFile {
    fn load(&self) -> Result<AccountsFile, AccountStoreError> {
        Ok(self.lock().document.accounts.clone())
    }

    fn save(&self, file: &AccountsFile) -> Result<(), AccountStoreError> {
        self.change(|document| document.accounts = file.clone())
    }

    fn list_is_complete(&self) -> bool {
        let state = self.lock();
        state.mode == Mode::Writable
            && state
                .notice
                .as_ref()
                .is_none_or(SettingsNotice::list_is_complete)
    }
}

/// `<path>.bak`: the previous good file.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

fn load(path: &Path) -> State {
    let writable = |document, notice| State {
        document,
        mode: Mode::Writable,
        notice,
    };
    let read_only = |document, notice| State {
        document,
        mode: Mode::ReadOnly,
        notice: Some(notice),
    };
    let reason = match fs::read(path) {
        Ok(bytes) => match Document::parse(&bytes) {
            Ok(document) => return writable(document, None),
            Err(Unusable::Newer(found)) => {
                let notice = SettingsNotice::FromNewerVersion {
                    path: path.to_owned(),
                    found,
                };
                return read_only(Document::parse_newer(&bytes), notice);
            }
            Err(Unusable::Malformed(reason)) => reason,
        },
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return match read_backup(path) {
                // The last save stopped between its two renames: the backup is current.
                Some(document) => {
                    restore(path, &document);
                    let notice = SettingsNotice::RestoredFromBackup {
                        path: path.to_owned(),
                        reason: "was missing".into(),
                        set_aside_as: None,
                    };
                    writable(document, Some(notice))
                }
                None => writable(Document::default(), None),
            };
        }
        Err(error) => {
            let notice = SettingsNotice::Unreadable {
                path: path.to_owned(),
                error: error.to_string(),
            };
            return read_only(read_backup(path).unwrap_or_default(), notice);
        }
    };
    let set_aside_as = match set_aside(path) {
        Ok(target) => target,
        Err(error) => {
            let notice = SettingsNotice::Unreadable {
                path: path.to_owned(),
                error: format!("{reason}, and it could not be set aside ({error})"),
            };
            return read_only(read_backup(path).unwrap_or_default(), notice);
        }
    };
    match read_backup(path) {
        Some(document) => {
            restore(path, &document);
            let notice = SettingsNotice::RestoredFromBackup {
                path: path.to_owned(),
                reason: format!("could not be used ({reason})"),
                set_aside_as: Some(set_aside_as),
            };
            writable(document, Some(notice))
        }
        None => {
            let notice = SettingsNotice::SetAside {
                path: path.to_owned(),
                reason,
                set_aside_as,
            };
            writable(Document::default(), Some(notice))
        }
    }
}

fn read_backup(path: &Path) -> Option<Document> {
    let bytes = fs::read(backup_path(path)).ok()?;
    Document::parse(&bytes).ok()
}

/// Puts the restored copy back in place, so the next start reads it directly. Failing
/// that is harmless: the backup stays, and is read again next time.
fn restore(path: &Path, document: &Document) {
    let written = document
        .to_bytes()
        .map_err(io::Error::other)
        .and_then(|bytes| atomic::write(path, &bytes));
    if let Err(error) = written {
        tracing::warn!(%error, "the restored settings could not be written back");
    }
}

/// The good file becomes the backup, then the new content takes its place. A stop
/// between the two leaves only the backup, which the next start restores.
fn save(path: &Path, document: &Document) -> io::Result<()> {
    let bytes = document.to_bytes().map_err(io::Error::other)?;
    let backup = backup_path(path);
    let had_file = match atomic::rename(path, &backup) {
        Ok(()) => true,
        Err(error) if error.kind() == io::ErrorKind::NotFound => false,
        Err(error) => return Err(error),
    };
    atomic::write(path, &bytes)?;
    if !had_file {
        // The first save: the backup starts as this same content.
        atomic::write(&backup, &bytes)?;
    }
    Ok(())
}

/// Renames the damaged file to `<name>.corrupt-<UTC time>` and deletes older copies:
/// one is enough to look into, and they may hold account names.
fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let target = with_suffix(path, &format!(".corrupt-{stamp}"));
    fs::rename(path, &target)?;
    for older in corrupt_copies(path) {
        if older != target
            && let Err(error) = fs::remove_file(&older)
        {
            tracing::warn!(%error, file = %older.display(), "an older damaged settings copy stays");
        }
    }
    Ok(target)
}

/// Every `<name>.corrupt-*` beside `path`.
pub fn corrupt_copies(path: &Path) -> Vec<PathBuf> {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return Vec::new();
    };
    let prefix = format!("{}.corrupt-", name.to_string_lossy());
    fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|candidate| {
                    candidate
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests;

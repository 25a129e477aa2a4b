//! Notices: what went wrong outside any one screen (a data folder that cannot be used, a
//! settings file restored from its backup, a key whose secret was never shown), kept
//! until resolved or dismissed, each saying what happened and what to do.

use std::sync::{Mutex, MutexGuard, PoisonError};

use serde::Serialize;

use saasignal_model::{Minted, Token};

use crate::accounts::AccountId;
use crate::copy_once::RevealHandle;
use crate::core::Core;
use crate::events::CoreEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// What the notice offers beside Dismiss.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum NoticeAction {
    /// Nothing but reading it.
    None,
    /// Try the storage again (the data folder, the cache, the settings file).
    RetryStorage,
    /// Revoke a key nobody holds the secret of.
    RevokeKey {
        account: AccountId,
        org_id: String,
        token_id: String,
    },
    /// Show again the copy-once dialog of a key whose secret is still held (after the
    /// window reloaded).
    ShowSecret { minted: Minted<Token, RevealHandle> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    /// Stable for one problem, so it is replaced, not repeated.
    pub id: String,
    pub severity: Severity,
    pub title: String,
    /// What happened and what to do, as sentences.
    pub message: String,
    /// The file or folder concerned, to open or look into.
    pub path: Option<String>,
    pub action: NoticeAction,
    /// Whether Dismiss is offered (a problem that is still there cannot be dismissed).
    pub dismissible: bool,
}

/// The notices in force, in the order they were raised.
#[derive(Default)]
pub(crate) struct Notices(Mutex<Vec<Notice>>);

impl Notices {
    fn lock(&self) -> MutexGuard<'_, Vec<Notice>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Core {
    /// Every notice in force.
    pub fn notices(&self) -> Vec<Notice> {
        self.inner.notices.lock().clone()
    }

    /// Raises `notice`, replacing one with the same id.
    pub fn post_notice(&self, notice: Notice) {
        let now = {
            let mut notices = self.inner.notices.lock();
            match notices.iter_mut().find(|n| n.id == notice.id) {
                Some(existing) if *existing == notice => return,
                Some(existing) => *existing = notice,
                None => notices.push(notice),
            }
            notices.clone()
        };
        self.emit(CoreEvent::NoticesChanged { notices: now });
    }

    /// Removes the notice `id` (resolved, or dismissed by the person).
    pub fn clear_notice(&self, id: &str) {
        let now = {
            let mut notices = self.inner.notices.lock();
            let before = notices.len();
            notices.retain(|notice| notice.id != id);
            (notices.len() != before).then(|| notices.clone())
        };
        if let Some(notices) = now {
            self.emit(CoreEvent::NoticesChanged { notices });
        }
    }
}

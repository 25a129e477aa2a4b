//! What the core tells open screens, so they stay fresh without polling. The app
//! forwards each as the one Tauri event `core-event`, tagged by `kind`.

use serde::Serialize;

use crate::accounts::{AccountId, AccountState};
use crate::notices::Notice;

/// Which list changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    Orgs,
    Members,
    MyScopes,
    Projects,
    Tokens,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SyncPhase {
    Started,
    Finished,
    /// The server could not be reached; cached data is being shown.
    Offline,
    /// The server asked to slow down (429); cached data is shown until the wait is over.
    SlowedDown,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum CoreEvent {
    /// A list in the cache now holds newer data.
    CacheUpdated {
        account: AccountId,
        resource: Resource,
        org_id: Option<String>,
    },
    /// A refresh of an account started or ended.
    SyncStatus {
        account: AccountId,
        phase: SyncPhase,
        message: Option<String>,
    },
    /// An account's state changed (signed in, needs sign-in, offline).
    AccountState {
        account: AccountId,
        state: AccountState,
    },
    /// A keychain call is waiting for the person (most likely an unlock prompt), or has
    /// stopped waiting.
    KeychainWaiting { waiting: bool },
    /// The notices in force changed: all of them, as they now are.
    NoticesChanged { notices: Vec<Notice> },
}

/// Where events go; the app sends them to the window.
pub trait EventSink: Send + Sync {
    fn emit(&self, event: CoreEvent);
}

/// Drops every event (for callers that do not listen).
pub struct NoEvents;

impl EventSink for NoEvents {
    fn emit(&self, _event: CoreEvent) {}
}

/// Keeps every event, for tests.
#[derive(Default)]
pub struct RecordedEvents(std::sync::Mutex<Vec<CoreEvent>>);

impl RecordedEvents {
    pub fn take(&self) -> Vec<CoreEvent> {
        std::mem::take(
            &mut *self
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}

impl EventSink for RecordedEvents {
    fn emit(&self, event: CoreEvent) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(event);
    }
}

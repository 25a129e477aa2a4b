//! What the core tells open screens, so they stay fresh without polling. The app
//! forwards each as the one Tauri event `core-event`, tagged by `kind`.

use saasignal_model::{KeyConcern, Member, Org, Project, Token};
use serde::Serialize;

use crate::accounts::{AccountId, AccountState};
use crate::error::ErrorReport;
use crate::notices::Notice;

/// Which list changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    Orgs,
    Members,
    MyScopes,
    Projects,
    Tokens,
    /// An org's usage and billing overview.
    Billing,
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
    /// A write the server accepted changed these rows: an open list applies them as they
    /// are, with no read.
    RowsChanged {
        account: AccountId,
        org_id: Option<String>,
        rows: ChangedRows,
    },
    /// A list in the cache now holds newer data that nobody on screen asked for (a
    /// refresh, a refetch after a write): an open list reads the cache once.
    CacheUpdated {
        account: AccountId,
        resource: Resource,
        org_id: Option<String>,
    },
    /// A refresh of an account started or ended; when it ended offline, slowed down or
    /// failed, why.
    SyncStatus {
        account: AccountId,
        phase: SyncPhase,
        error: Option<ErrorReport>,
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
    /// The person opened an alert about these keys (the daily expiry notification): the
    /// window shows the account's org with its Tokens table filtered to the concern.
    ShowKeys {
        account: AccountId,
        org_id: String,
        concern: KeyConcern,
    },
    /// A link into the app asked for this screen of this org (opened in this account).
    OpenView {
        account: AccountId,
        org_id: String,
        view: crate::services::deep_links::LinkView,
    },
    /// A link into the app was not opened, and why.
    LinkRefused { message: String },
}

/// The rows one write changed, by list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "resource", rename_all = "snake_case")]
pub enum ChangedRows {
    Orgs(RowChange<Org>),
    Members(RowChange<Member>),
    Projects(RowChange<Project>),
    Tokens(RowChange<Token>),
}

/// Rows added or updated (matched by id), and the ids of rows gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowChange<T> {
    pub upserted: Vec<T>,
    pub removed: Vec<String>,
}

impl<T> RowChange<T> {
    /// One row added or updated.
    pub fn upsert(row: T) -> Self {
        Self {
            upserted: vec![row],
            removed: Vec::new(),
        }
    }

    /// One row gone.
    pub fn remove(id: impl Into<String>) -> Self {
        Self {
            upserted: Vec::new(),
            removed: vec![id.into()],
        }
    }
}

impl CoreEvent {
    /// The event's `kind`, as the UI sees it (for logs).
    pub fn kind(&self) -> &'static str {
        match self {
            CoreEvent::RowsChanged { .. } => "rows_changed",
            CoreEvent::CacheUpdated { .. } => "cache_updated",
            CoreEvent::SyncStatus { .. } => "sync_status",
            CoreEvent::AccountState { .. } => "account_state",
            CoreEvent::KeychainWaiting { .. } => "keychain_waiting",
            CoreEvent::NoticesChanged { .. } => "notices_changed",
            CoreEvent::ShowKeys { .. } => "show_keys",
            CoreEvent::OpenView { .. } => "open_view",
            CoreEvent::LinkRefused { .. } => "link_refused",
        }
    }
}

/// Where events go; the app sends them to the window.
pub trait EventSink: Send + Sync {
    fn emit(&self, event: CoreEvent);

    /// A list the server sent was written to the cache (not an event for the window):
    /// fetching, decoding and writing a long one leaves freed memory the host may give
    /// back to the OS.
    fn list_stored(&self) {}
}

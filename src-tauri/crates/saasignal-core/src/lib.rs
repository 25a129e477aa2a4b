//! The backend of SaaSignal Admin, free of Tauri: the app's IPC commands call into it
//! one to one. It holds every credential and every rule.
//!
//! - [`Core`]: one function per user action (sign in, list projects, create a token…),
//!   each returning cached-or-fresh data with its freshness ([`Loaded`]) or a
//!   [`CoreError`] the UI can branch on
//! - [`accounts`]: the accounts side by side and how their metadata is stored
//! - [`copy_once`]: a new API key's secret, held until revealed/copied and closed
//! - [`clipboard`]: copying a secret, hidden from clipboard history, cleared after 30 s
//! - [`events`]: what the core tells open screens (cache updated, sync status, account state)
//! - [`notices`]: problems outside any one screen, kept until resolved
//! - [`settings`]: `settings.json`, written atomically with a backup, never saved over when damaged

mod account_book;
pub mod accounts;
pub mod clipboard;
pub mod copy_once;
mod core;
mod credentials;
mod error;
pub mod events;
mod generations;
pub mod keychain;
mod loaded;
pub mod notices;
pub mod services;
pub mod settings;
pub mod storage;
#[cfg(any(test, feature = "test-doubles"))]
pub mod test_doubles;

pub use crate::core::{Core, CoreConfig};
pub use error::{CoreError, ErrorReport};
pub use loaded::{Loaded, ReadMode};
pub use services::refresh::RefreshReport;

/// The request types the services take, re-exported so callers need one crate.
pub use saasignal_client::{
    BrowserTokenRequest, InviteStatus, NewInvite, NewOrg, NewProject, NewToken, OrgPatch,
};

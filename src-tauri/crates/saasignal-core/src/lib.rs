//! The backend of SaaSignal Admin, free of Tauri: the app's IPC commands call into it
//! one to one. It holds every credential and every rule.
//!
//! - [`accounts`]: the accounts side by side and how their metadata is stored
//! - [`copy_once`]: a new API key's secret, held until revealed/copied and closed
//! - [`clipboard`]: copying a secret, hidden from clipboard history, cleared after 30 s

pub mod accounts;
pub mod clipboard;
pub mod copy_once;

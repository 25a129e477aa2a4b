//! The journeys: each an independent test with its own app launch (fresh folders) and,
//! where it needs a server it controls, its own sandbox. They take turns (see
//! `Journey`), so `--test-threads=1` is recommended for readable output but not needed.
//! Steps return errors instead of panicking, so failure evidence is always saved.
#![cfg(target_os = "linux")]

mod about;
mod accounts;
mod bulk_revoke;
mod expiry_notification;
mod explore;
mod export;
mod installed;
mod key_roll;
mod links;
mod members;
mod offline;
mod orgs;
mod projects;
mod request_counts;
mod scopes;
mod session_expiry;
mod tokens;
mod updates;
mod usage;

//! One function per user action, grouped by what they act on.

pub mod accounts;
mod activity;
mod after_write;
mod billing;
pub mod browser_tokens;
pub mod bulk_revoke;
pub mod deep_links;
pub mod expiry_alerts;
pub mod export;
mod grants;
mod key_rolls;
mod members;
mod orgs;
mod projects;
mod read_through;
pub mod refresh;
mod reloaded_page;
mod sent_invites;
pub mod tokens;
mod unshown_keys;
mod windows;

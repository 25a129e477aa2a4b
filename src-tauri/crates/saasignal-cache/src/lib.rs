//! The offline cache: each account's orgs, projects, members, token metadata, own
//! scopes and usage and billing overviews, kept in one SQLite file under the app's data folder so the app opens at once
//! and still shows everything offline, marked stale.
//!
//! - Every row is keyed by account id; no read under one account returns another's rows,
//!   even when both see the same org.
//! - Reads return [`Cached`]: the rows plus when that list was last synced (`None` =
//!   never), for stale-while-revalidate in the core.
//! - `replace_*` makes a list exactly the server's, in one transaction, and stamps its
//!   sync time; the single-row writes follow successful mutations.
//! - Nothing secret is stored: tokens are metadata only (no column can hold a secret),
//!   and the activity log redacts anything that looks like a credential.
//! - A damaged or foreign file is set aside and rebuilt on [`Cache::open`], never fatal.
//!
//! # Threads
//! [`Cache`] is `Send + Sync` and cheap to clone; all clones share one connection behind
//! a mutex, so calls are serialised. Every method is a short synchronous call:
//! - [`Cache::open`] reads the whole file once: run it at start-up or in `spawn_blocking`.
//! - `replace_*` and [`Cache::purge_account`] write a whole list (and purge checkpoints
//!   the WAL): call them through `spawn_blocking`.
//! - Reads and single-row writes take well under a millisecond for ordinary lists (10,000
//!   projects read in about 5 ms): they may be called directly from async code, but
//!   `spawn_blocking` is never wrong, and is the safe choice while a replace may hold
//!   the lock.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
#![warn(missing_docs)]

mod activity;
mod alerts;
mod billing;
mod cache;
mod columns;
mod error;
mod key_rolls;
mod key_rules;
mod member_page;
mod members;
mod migrations;
mod open;
mod orgs;
mod pending_reveals;
mod projects;
mod purge;
mod replace;
mod scopes;
mod search;
mod sent_invites;
mod set_aside;
mod sync;
mod token_page;
mod tokens;

pub use activity::REDACTED;
pub use cache::{Cache, Cached};
pub use error::CacheError;
pub use key_rules::KeyJudge;
pub use open::{OpenReport, Rebuilt, UnusableCache};
pub use pending_reveals::PendingReveal;
pub use set_aside::{delete_set_aside_copies, set_aside_copies};

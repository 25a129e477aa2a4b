//! When each cached list was last fetched whole from the server, per account, resource
//! kind and scope (the org for an org's lists).

use chrono::{SubsecRound, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use saasignal_model::{Timestamp, timestamp};

use crate::columns::timestamp_text;
use crate::{Cache, CacheError, Cached};

/// The scope key of lists that belong to the account rather than to one org.
pub(crate) const ACCOUNT_WIDE: &str = "";

/// A kind of cached list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resource {
    Orgs,
    Projects,
    Members,
    Tokens,
    MyScopes,
    Billing,
}

impl Resource {
    /// The name stored in `sync_times.resource`; never change one.
    fn stored_name(self) -> &'static str {
        match self {
            Self::Orgs => "orgs",
            Self::Projects => "projects",
            Self::Members => "members",
            Self::Tokens => "tokens",
            Self::MyScopes => "my_scopes",
            Self::Billing => "billing",
        }
    }
}

/// Records that `resource` in `scope_key` was just replaced from the server, and returns
/// that time.
pub(crate) fn stamp(
    conn: &Connection,
    account: &str,
    resource: Resource,
    scope_key: &str,
) -> Result<Timestamp, CacheError> {
    // Milliseconds, as stored: the caller gets the same instant a later read returns.
    let now = Utc::now().trunc_subsecs(3);
    conn.prepare_cached(
        "INSERT INTO sync_times (account_id, resource, scope_key, synced_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (account_id, resource, scope_key) DO UPDATE SET synced_at = excluded.synced_at",
    )?
    .execute(params![account, resource.stored_name(), scope_key, timestamp_text(&now)])?;
    Ok(now)
}

/// When `resource` in `scope_key` was last replaced; `None` if never.
/// `data`, read from `resource`'s cached list, with when that list was last synced.
pub(crate) fn with_sync_time<T>(
    conn: &Connection,
    account: &str,
    resource: Resource,
    scope_key: &str,
    data: T,
) -> Result<Cached<T>, CacheError> {
    let synced_at = synced_at(conn, account, resource, scope_key)?;
    Ok(Cached { data, synced_at })
}

pub(crate) fn synced_at(
    conn: &Connection,
    account: &str,
    resource: Resource,
    scope_key: &str,
) -> Result<Option<Timestamp>, CacheError> {
    let text: Option<String> = conn
        .prepare_cached(
            "SELECT synced_at FROM sync_times WHERE account_id = ?1 AND resource = ?2 AND scope_key = ?3",
        )?
        .query_row(params![account, resource.stored_name(), scope_key], |row| row.get(0))
        .optional()?;
    // An unreadable time counts as never synced, which only makes the core refetch.
    Ok(text.as_deref().and_then(timestamp::parse))
}

/// Forgets the sync times of an org's lists, when the org leaves the cache.
pub(crate) fn forget_org(conn: &Connection, account: &str, org_id: &str) -> Result<(), CacheError> {
    conn.prepare_cached("DELETE FROM sync_times WHERE account_id = ?1 AND scope_key = ?2")?
        .execute(params![account, org_id])?;
    Ok(())
}

impl Cache {
    /// The most recent time anything of `account` was synced; `None` if nothing ever was.
    /// The UI shows it as "Offline — showing data from <time>".
    pub fn last_synced(&self, account: &str) -> Result<Option<Timestamp>, CacheError> {
        self.read(|conn| {
            // Stored times are fixed-width RFC 3339 in UTC, so the text maximum is the latest.
            let text: Option<String> = conn
                .prepare_cached("SELECT MAX(synced_at) FROM sync_times WHERE account_id = ?1")?
                .query_row([account], |row| row.get(0))?;
            Ok(text.as_deref().and_then(timestamp::parse))
        })
    }
}

//! The organizations an account can see.

use rusqlite::{Connection, Row, params};
use saasignal_model::{Org, Timestamp};

use crate::columns::{optional_timestamp, optional_timestamp_text};
use crate::sync::{self, ACCOUNT_WIDE, Resource};
use crate::{Cache, CacheError, Cached, replace};

impl Cache {
    /// The account's cached orgs, by name, and when the list was last synced.
    pub fn orgs(&self, account: &str) -> Result<Cached<Vec<Org>>, CacheError> {
        self.read(|conn| {
            let data = conn
                .prepare_cached(
                    "SELECT id, name, slug, created_at FROM orgs WHERE account_id = ?1
                     ORDER BY name COLLATE NOCASE, id",
                )?
                .query_map([account], org_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let synced_at = sync::synced_at(conn, account, Resource::Orgs, ACCOUNT_WIDE)?;
            Ok(Cached { data, synced_at })
        })
    }

    /// Makes the account's cached orgs exactly `orgs` (the server's list) in one
    /// transaction: orgs that are gone leave with their projects, members, tokens, scopes
    /// and sync times. Returns the sync time it recorded.
    pub fn replace_orgs(&self, account: &str, orgs: &[Org]) -> Result<Timestamp, CacheError> {
        self.write(|tx| {
            let cached =
                replace::cached_ids(tx, "SELECT id FROM orgs WHERE account_id = ?1", [account])?;
            let vanished = replace::vanished(cached, orgs.iter().map(|org| org.id.as_str()));
            for org_id in &vanished {
                delete(tx, account, org_id)?;
            }
            for org in orgs {
                upsert(tx, account, org)?;
            }
            tracing::debug!(
                account,
                kept = orgs.len(),
                removed = vanished.len(),
                "replaced cached orgs"
            );
            sync::stamp(tx, account, Resource::Orgs, ACCOUNT_WIDE)
        })
    }

    /// Adds or updates one org (after it was created or renamed on the server).
    pub fn upsert_org(&self, account: &str, org: &Org) -> Result<(), CacheError> {
        self.write(|tx| upsert(tx, account, org))
    }

    /// Removes one org with its projects, members, tokens, scopes and sync times (after
    /// it was deleted on the server). Nothing happens if it is not cached.
    pub fn remove_org(&self, account: &str, org_id: &str) -> Result<(), CacheError> {
        self.write(|tx| delete(tx, account, org_id))
    }
}

/// Fails with [`CacheError::OrgNotCached`] unless the account's cache holds `org_id`;
/// the children of an org are only stored under a cached org.
pub(crate) fn require_cached(
    conn: &Connection,
    account: &str,
    org_id: &str,
) -> Result<(), CacheError> {
    let cached = conn
        .prepare_cached("SELECT 1 FROM orgs WHERE account_id = ?1 AND id = ?2")?
        .exists(params![account, org_id])?;
    if cached {
        Ok(())
    } else {
        Err(CacheError::OrgNotCached {
            account: account.to_owned(),
            org_id: org_id.to_owned(),
        })
    }
}

fn upsert(conn: &Connection, account: &str, org: &Org) -> Result<(), CacheError> {
    // An UPDATE on conflict, not INSERT OR REPLACE: a replace deletes the row first, and
    // the delete would cascade to the org's children.
    conn.prepare_cached(
        "INSERT INTO orgs (account_id, id, name, slug, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (account_id, id) DO UPDATE SET
             name = excluded.name, slug = excluded.slug, created_at = excluded.created_at",
    )?
    .execute(params![
        account,
        org.id,
        org.name,
        org.slug,
        optional_timestamp_text(org.created_at.as_ref()),
    ])?;
    Ok(())
}

fn delete(conn: &Connection, account: &str, org_id: &str) -> Result<(), CacheError> {
    // The foreign keys' ON DELETE CASCADE removes the org's projects, members, tokens
    // and scopes; sync times have no foreign key (the org list's own has no org).
    conn.prepare_cached("DELETE FROM orgs WHERE account_id = ?1 AND id = ?2")?
        .execute(params![account, org_id])?;
    sync::forget_org(conn, account, org_id)
}

fn org_from_row(row: &Row<'_>) -> rusqlite::Result<Org> {
    Ok(Org {
        id: row.get(0)?,
        name: row.get(1)?,
        slug: row.get(2)?,
        created_at: optional_timestamp(row, 3)?,
    })
}

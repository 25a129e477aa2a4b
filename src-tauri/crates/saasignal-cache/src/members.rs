//! The members of each org.

use rusqlite::{Connection, params};
use saasignal_model::{Member, Timestamp};

use crate::columns::{optional_timestamp, optional_timestamp_text, scopes, scopes_text};
use crate::sync::{self, Resource};
use crate::{Cache, CacheError, Cached, orgs, replace};

impl Cache {
    /// The org's cached members, by name, and when the list was last synced.
    pub fn members(&self, account: &str, org_id: &str) -> Result<Cached<Vec<Member>>, CacheError> {
        self.read(|conn| {
            let data = conn
                .prepare_cached(
                    "SELECT user_id, name, email, scopes, joined_at FROM members
                     WHERE account_id = ?1 AND org_id = ?2
                     ORDER BY name COLLATE NOCASE, user_id",
                )?
                .query_map(params![account, org_id], member_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let synced_at = sync::synced_at(conn, account, Resource::Members, org_id)?;
            Ok(Cached { data, synced_at })
        })
    }

    /// Makes the org's cached members exactly `members` (the server's list) in one
    /// transaction, and returns the sync time it recorded. Fails with
    /// [`CacheError::OrgNotCached`] when the org is not cached.
    pub fn replace_members(
        &self,
        account: &str,
        org_id: &str,
        members: &[Member],
    ) -> Result<Timestamp, CacheError> {
        self.write(|tx| {
            orgs::require_cached(tx, account, org_id)?;
            let cached = replace::cached_ids(
                tx,
                "SELECT user_id FROM members WHERE account_id = ?1 AND org_id = ?2",
                params![account, org_id],
            )?;
            let vanished =
                replace::vanished(cached, members.iter().map(|member| member.user_id.as_str()));
            for user_id in &vanished {
                delete(tx, account, org_id, user_id)?;
            }
            for member in members {
                upsert(tx, account, org_id, member)?;
            }
            tracing::debug!(
                account,
                org_id,
                kept = members.len(),
                removed = vanished.len(),
                "replaced cached members"
            );
            sync::stamp(tx, account, Resource::Members, org_id)
        })
    }

    /// Adds or updates one member of a cached org (e.g. after their scopes changed).
    pub fn upsert_member(
        &self,
        account: &str,
        org_id: &str,
        member: &Member,
    ) -> Result<(), CacheError> {
        self.write(|tx| {
            orgs::require_cached(tx, account, org_id)?;
            upsert(tx, account, org_id, member)
        })
    }

    /// Removes one member from an org (after they were removed on the server). Nothing
    /// happens if they are not cached.
    pub fn remove_member(
        &self,
        account: &str,
        org_id: &str,
        user_id: &str,
    ) -> Result<(), CacheError> {
        self.write(|tx| delete(tx, account, org_id, user_id))
    }
}

fn upsert(
    conn: &Connection,
    account: &str,
    org_id: &str,
    member: &Member,
) -> Result<(), CacheError> {
    conn.prepare_cached(
        "INSERT INTO members (account_id, org_id, user_id, name, email, scopes, joined_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (account_id, org_id, user_id) DO UPDATE SET
             name = excluded.name, email = excluded.email, scopes = excluded.scopes,
             joined_at = excluded.joined_at",
    )?
    .execute(params![
        account,
        org_id,
        member.user_id,
        member.name,
        member.email,
        scopes_text(&member.scopes)?,
        optional_timestamp_text(member.joined_at.as_ref()),
    ])?;
    Ok(())
}

fn delete(conn: &Connection, account: &str, org_id: &str, user_id: &str) -> Result<(), CacheError> {
    conn.prepare_cached(
        "DELETE FROM members WHERE account_id = ?1 AND org_id = ?2 AND user_id = ?3",
    )?
    .execute(params![account, org_id, user_id])?;
    Ok(())
}

/// A member from `user_id, name, email, scopes, joined_at`, in that order.
pub(crate) fn member_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Member> {
    Ok(Member {
        user_id: row.get(0)?,
        name: row.get(1)?,
        email: row.get(2)?,
        scopes: scopes(row, 3)?,
        joined_at: optional_timestamp(row, 4)?,
    })
}

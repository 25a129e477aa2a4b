//! The API tokens of each org: metadata only. The model's `Token` has no field for the
//! secret and this table no column for one, so a created token's raw value cannot reach
//! the cache.

use rusqlite::{Connection, params};
use saasignal_model::{KeyStatus, Timestamp, Token};

use crate::columns::{optional_timestamp, optional_timestamp_text, scopes, scopes_text};
use crate::sync::{self, Resource};
use crate::{Cache, CacheError, Cached, orgs, replace};

impl Cache {
    /// The org's cached tokens (revoked ones included), by name, and when the list was
    /// last synced.
    pub fn tokens(&self, account: &str, org_id: &str) -> Result<Cached<Vec<Token>>, CacheError> {
        self.read(|conn| {
            let data = conn
                .prepare_cached(
                    "SELECT id, name, hint, project_id, scopes, created_at, expires_at, last_used_at, revoked
                     FROM tokens WHERE account_id = ?1 AND org_id = ?2
                     ORDER BY name COLLATE NOCASE, id",
                )?
                .query_map(params![account, org_id], |row| token_from_row(row, org_id))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let synced_at = sync::synced_at(conn, account, Resource::Tokens, org_id)?;
            Ok(Cached { data, synced_at })
        })
    }

    /// Makes the org's cached tokens exactly `tokens` in one transaction, and returns the
    /// sync time it recorded. Pass the org's whole list (no `project_id` filter): tokens
    /// missing from it are removed. Fails with [`CacheError::OrgNotCached`] when the org
    /// is not cached.
    pub fn replace_tokens(
        &self,
        account: &str,
        org_id: &str,
        tokens: &[Token],
    ) -> Result<Timestamp, CacheError> {
        self.write(|tx| {
            orgs::require_cached(tx, account, org_id)?;
            let cached = replace::cached_ids(
                tx,
                "SELECT id FROM tokens WHERE account_id = ?1 AND org_id = ?2",
                params![account, org_id],
            )?;
            let vanished = replace::vanished(cached, tokens.iter().map(|token| token.id.as_str()));
            for token_id in &vanished {
                tx.prepare_cached(
                    "DELETE FROM tokens WHERE account_id = ?1 AND org_id = ?2 AND id = ?3",
                )?
                .execute(params![account, org_id, token_id])?;
            }
            for token in tokens {
                upsert(tx, account, org_id, token)?;
            }
            tracing::debug!(
                account,
                org_id,
                kept = tokens.len(),
                removed = vanished.len(),
                "replaced cached tokens"
            );
            sync::stamp(tx, account, Resource::Tokens, org_id)
        })
    }

    /// Adds or updates one token's metadata (after it was created on the server; the
    /// secret in that response stays with the caller).
    pub fn upsert_token(
        &self,
        account: &str,
        org_id: &str,
        token: &Token,
    ) -> Result<(), CacheError> {
        self.write(|tx| {
            orgs::require_cached(tx, account, org_id)?;
            upsert(tx, account, org_id, token)
        })
    }

    /// Marks one token revoked (after it was revoked on the server) and returns it as
    /// it now is; revoked tokens stay listed, as on the server. `None` if it is not
    /// cached.
    pub fn mark_token_revoked(
        &self,
        account: &str,
        org_id: &str,
        token_id: &str,
    ) -> Result<Option<Token>, CacheError> {
        self.write(|tx| {
            let mut statement = tx.prepare_cached(
                "UPDATE tokens SET revoked = 1 WHERE account_id = ?1 AND org_id = ?2 AND id = ?3
                 RETURNING id, name, hint, project_id, scopes, created_at, expires_at, last_used_at, revoked",
            )?;
            let mut rows = statement.query_map(params![account, org_id, token_id], |row| {
                Ok(Token {
                    status: Some(KeyStatus::Revoked),
                    ..token_from_row(row, org_id)?
                })
            })?;
            Ok(rows.next().transpose()?)
        })
    }
}

/// A token from a row of `id, name, hint, project_id, scopes, created_at, expires_at,
/// last_used_at, revoked`.
pub(crate) fn token_from_row(row: &rusqlite::Row<'_>, org_id: &str) -> rusqlite::Result<Token> {
    Ok(Token {
        id: row.get(0)?,
        name: row.get(1)?,
        hint: row.get(2)?,
        org_id: org_id.to_owned(),
        project_id: row.get(3)?,
        scopes: scopes(row, 4)?,
        created_at: optional_timestamp(row, 5)?,
        expires_at: optional_timestamp(row, 6)?,
        last_used_at: optional_timestamp(row, 7)?,
        revoked: row.get(8)?,
        status: None,
    })
}

/// Marks the tokens of a deleted project revoked.
pub(crate) fn revoke_project_tokens(
    conn: &Connection,
    account: &str,
    org_id: &str,
    project_id: &str,
) -> Result<(), CacheError> {
    conn.prepare_cached(
        "UPDATE tokens SET revoked = 1 WHERE account_id = ?1 AND org_id = ?2 AND project_id = ?3",
    )?
    .execute(params![account, org_id, project_id])?;
    Ok(())
}

fn upsert(conn: &Connection, account: &str, org_id: &str, token: &Token) -> Result<(), CacheError> {
    conn.prepare_cached(
        "INSERT INTO tokens (account_id, org_id, id, name, hint, project_id, scopes,
                             created_at, expires_at, last_used_at, revoked)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (account_id, id) DO UPDATE SET
             org_id = excluded.org_id, name = excluded.name, hint = excluded.hint,
             project_id = excluded.project_id, scopes = excluded.scopes,
             created_at = excluded.created_at, expires_at = excluded.expires_at,
             last_used_at = excluded.last_used_at, revoked = excluded.revoked",
    )?
    .execute(params![
        account,
        org_id,
        token.id,
        token.name,
        token.hint,
        token.project_id,
        scopes_text(&token.scopes)?,
        optional_timestamp_text(token.created_at.as_ref()),
        optional_timestamp_text(token.expires_at.as_ref()),
        optional_timestamp_text(token.last_used_at.as_ref()),
        token.revoked,
    ])?;
    Ok(())
}

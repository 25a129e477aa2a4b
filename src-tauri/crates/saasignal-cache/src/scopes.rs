//! The scopes the signed-in user holds in each org (what the UI may offer).

use rusqlite::{OptionalExtension, params};
use saasignal_model::Timestamp;

use crate::columns::{scopes, scopes_text};
use crate::sync::{self, Resource};
use crate::{Cache, CacheError, Cached, orgs};

impl Cache {
    /// The account's cached scopes in the org: `None` when they were never stored.
    pub fn my_scopes(
        &self,
        account: &str,
        org_id: &str,
    ) -> Result<Cached<Option<Vec<String>>>, CacheError> {
        self.read(|conn| {
            let data = conn
                .prepare_cached(
                    "SELECT scopes FROM my_scopes WHERE account_id = ?1 AND org_id = ?2",
                )?
                .query_row(params![account, org_id], |row| scopes(row, 0))
                .optional()?;
            let synced_at = sync::synced_at(conn, account, Resource::MyScopes, org_id)?;
            Ok(Cached { data, synced_at })
        })
    }

    /// Stores the account's scopes in the org (the server's answer) and returns the sync
    /// time it recorded. Fails with [`CacheError::OrgNotCached`] when the org is not
    /// cached.
    pub fn replace_my_scopes(
        &self,
        account: &str,
        org_id: &str,
        my_scopes: &[String],
    ) -> Result<Timestamp, CacheError> {
        self.write(|tx| {
            orgs::require_cached(tx, account, org_id)?;
            tx.prepare_cached(
                "INSERT INTO my_scopes (account_id, org_id, scopes) VALUES (?1, ?2, ?3)
                 ON CONFLICT (account_id, org_id) DO UPDATE SET scopes = excluded.scopes",
            )?
            .execute(params![account, org_id, scopes_text(my_scopes)?])?;
            sync::stamp(tx, account, Resource::MyScopes, org_id)
        })
    }
}

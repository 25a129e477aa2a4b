//! Unfinished key rolls, per account and org: the replacement exists, the old key is not
//! revoked yet. A roll lasts until its old key is seen revoked (or gone from the list),
//! or the person chooses to keep both.

use rusqlite::{OptionalExtension, params};
use saasignal_model::{KeyRoll, Timestamp, Token};

use crate::columns::{required_timestamp, timestamp_text};
use crate::tokens::token_from_row;
use crate::{Cache, CacheError};

impl Cache {
    /// One cached key of the org, revoked or not; `None` if it is not cached.
    pub fn token(
        &self,
        account: &str,
        org_id: &str,
        token_id: &str,
    ) -> Result<Option<Token>, CacheError> {
        self.read(|conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT id, name, hint, project_id, scopes, created_at, expires_at, last_used_at, revoked
                     FROM tokens WHERE account_id = ?1 AND org_id = ?2 AND id = ?3",
                )?
                .query_row(params![account, org_id, token_id], |row| {
                    token_from_row(row, org_id)
                })
                .optional()?)
        })
    }

    /// Records that `old_id` was rolled into `new_id` (the replacement is created; the
    /// old key waits to be revoked).
    pub fn begin_roll(
        &self,
        account: &str,
        org_id: &str,
        old_id: &str,
        new_id: &str,
        at: &Timestamp,
    ) -> Result<(), CacheError> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO key_rolls (account_id, org_id, old_id, new_id, rolled_at, revoke_failed)
                 VALUES (?1, ?2, ?3, ?4, ?5, NULL)
                 ON CONFLICT (account_id, org_id, old_id) DO UPDATE SET
                     new_id = excluded.new_id, rolled_at = excluded.rolled_at, revoke_failed = NULL",
            )?
            .execute(params![account, org_id, old_id, new_id, timestamp_text(at)])?;
            Ok(())
        })
    }

    /// Notes why revoking `old_id` failed, if it is a rolled key (else nothing).
    pub fn note_roll_revoke_failed(
        &self,
        account: &str,
        org_id: &str,
        old_id: &str,
        code: &str,
    ) -> Result<(), CacheError> {
        self.write(|tx| {
            tx.prepare_cached(
                "UPDATE key_rolls SET revoke_failed = ?4
                 WHERE account_id = ?1 AND org_id = ?2 AND old_id = ?3",
            )?
            .execute(params![account, org_id, old_id, code])?;
            Ok(())
        })
    }

    /// Forgets a roll (both keys stay as they are); `false` when there was none.
    pub fn forget_roll(
        &self,
        account: &str,
        org_id: &str,
        old_id: &str,
    ) -> Result<bool, CacheError> {
        self.write(|tx| {
            let removed = tx
                .prepare_cached(
                    "DELETE FROM key_rolls WHERE account_id = ?1 AND org_id = ?2 AND old_id = ?3",
                )?
                .execute(params![account, org_id, old_id])?;
            Ok(removed > 0)
        })
    }

    /// The org's unfinished rolls, newest first. Those whose old key is revoked or no
    /// longer cached are finished, and dropped first.
    pub fn key_rolls(&self, account: &str, org_id: &str) -> Result<Vec<KeyRoll>, CacheError> {
        self.write(|tx| {
            tx.prepare_cached(
                "DELETE FROM key_rolls WHERE account_id = ?1 AND org_id = ?2 AND NOT EXISTS (
                     SELECT 1 FROM tokens t WHERE t.account_id = ?1 AND t.org_id = ?2
                       AND t.id = key_rolls.old_id AND t.revoked = 0)",
            )?
            .execute(params![account, org_id])?;
            let rolls = tx
                .prepare_cached(
                    "SELECT r.old_id, old.name, r.new_id, coalesce(new.name, ''), r.rolled_at, r.revoke_failed
                     FROM key_rolls r
                     JOIN tokens old ON old.account_id = r.account_id AND old.org_id = r.org_id AND old.id = r.old_id
                     LEFT JOIN tokens new ON new.account_id = r.account_id AND new.org_id = r.org_id AND new.id = r.new_id
                     WHERE r.account_id = ?1 AND r.org_id = ?2
                     ORDER BY r.rolled_at DESC, r.old_id",
                )?
                .query_map(params![account, org_id], |row| {
                    Ok(KeyRoll {
                        old_id: row.get(0)?,
                        old_name: row.get(1)?,
                        new_id: row.get(2)?,
                        new_name: row.get(3)?,
                        rolled_at: required_timestamp(row, 4)?,
                        revoke_failed: row.get(5)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rolls)
        })
    }
}

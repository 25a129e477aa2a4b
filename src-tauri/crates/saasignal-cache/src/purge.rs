//! Forgetting an account: sign-out and account removal.

use crate::{Cache, CacheError};

/// Every table with account rows, children before their org.
const ACCOUNT_TABLES: [&str; 12] = [
    "alerts_shown",
    "billing_overviews",
    "key_rolls",
    "sent_invites",
    "tokens",
    "members",
    "projects",
    "my_scopes",
    "orgs",
    "sync_times",
    "activity",
    "pending_reveals",
];

impl Cache {
    /// Deletes everything cached for `account` (lists, sync times and activity log) in
    /// one transaction. Other accounts are untouched.
    pub fn purge_account(&self, account: &str) -> Result<(), CacheError> {
        self.write(|tx| {
            for table in ACCOUNT_TABLES {
                // Table names come from the constant above, never from input.
                tx.execute(
                    &format!("DELETE FROM {table} WHERE account_id = ?1"),
                    [account],
                )?;
            }
            Ok(())
        })?;
        self.checkpoint_wal();
        tracing::info!(account, "purged the account's offline cache");
        Ok(())
    }

    /// Copies the WAL into the main file and empties it, so deleted rows (overwritten
    /// there by `secure_delete`) do not live on in the WAL either.
    fn checkpoint_wal(&self) {
        let outcome = self.read(|conn| {
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            Ok(())
        });
        // The purge itself is committed; a checkpoint that has to wait happens later.
        if let Err(error) = outcome {
            tracing::warn!(%error, "could not checkpoint the offline cache after a purge");
        }
    }
}

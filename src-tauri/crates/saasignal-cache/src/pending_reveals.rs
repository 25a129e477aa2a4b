//! Keys whose secret is on its way to the person: recorded before the create request is
//! sent and removed once its dialog has closed, so that a row still here at the next
//! start means the app stopped before the secret could be shown.

use rusqlite::params;
use saasignal_model::Timestamp;
use serde::Serialize;

use crate::columns::{required_timestamp, timestamp_text};
use crate::{Cache, CacheError};

/// A key whose secret may never have been shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingReveal {
    /// Identifies the record.
    pub seq: i64,
    /// The account that created the key.
    pub account_id: String,
    /// The org it was created in.
    pub org_id: String,
    /// The name it was given.
    pub key_name: String,
    /// Its id, once the server said it; `None` when no answer arrived.
    pub key_id: Option<String>,
    /// When the request was about to be sent.
    #[serde(skip)]
    pub started_at: Timestamp,
}

impl Cache {
    /// Records a key about to be created; returns the record's `seq`.
    pub fn begin_reveal(
        &self,
        account: &str,
        org_id: &str,
        key_name: &str,
        started_at: &Timestamp,
    ) -> Result<i64, CacheError> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO pending_reveals (account_id, org_id, key_name, started_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                account,
                org_id,
                key_name,
                timestamp_text(started_at)
            ])?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// The server created it: its id.
    pub fn reveal_created(&self, seq: i64, key_id: &str) -> Result<(), CacheError> {
        self.write(|tx| {
            tx.prepare_cached("UPDATE pending_reveals SET key_id = ?2 WHERE seq = ?1")?
                .execute(params![seq, key_id])?;
            Ok(())
        })
    }

    /// The dialog closed, the create failed, or the person dealt with the key.
    pub fn end_reveal(&self, seq: i64) -> Result<(), CacheError> {
        self.write(|tx| {
            tx.prepare_cached("DELETE FROM pending_reveals WHERE seq = ?1")?
                .execute([seq])?;
            Ok(())
        })
    }

    /// Every record, oldest first.
    pub fn pending_reveals(&self) -> Result<Vec<PendingReveal>, CacheError> {
        self.read(|conn| {
            let rows = conn
                .prepare_cached(
                    "SELECT seq, account_id, org_id, key_name, key_id, started_at
                     FROM pending_reveals ORDER BY seq",
                )?
                .query_map([], |row| {
                    Ok(PendingReveal {
                        seq: row.get(0)?,
                        account_id: row.get(1)?,
                        org_id: row.get(2)?,
                        key_name: row.get(3)?,
                        key_id: row.get(4)?,
                        started_at: required_timestamp(row, 5)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }
}

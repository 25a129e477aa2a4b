//! A local log of the writes made from this app, per account: what was done, to what,
//! and whether the server accepted it. It never holds a secret.

use rusqlite::params;
use saasignal_model::{Timestamp, timestamp};
use serde::{Serialize, Serializer};

use crate::columns::{required_timestamp, timestamp_text};
use crate::{Cache, CacheError};

/// How many entries each account keeps; older ones are dropped as new ones arrive.
const KEPT_PER_ACCOUNT: i64 = 1000;

/// What a credential of the platform contains (API keys, and the JWT inside a browser
/// token). A field holding one is stored as [`REDACTED`].
const CREDENTIAL_MARKERS: [&str; 3] = ["sk_live_", "sk_test_", "bt_eyJ"];

/// What replaces a field that looks like a credential.
pub const REDACTED: &str = "[redacted]";

/// One write made from the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityEntry {
    /// When the write was made.
    #[serde(serialize_with = "rfc3339")]
    pub at: Timestamp,
    /// What was done, as `resource.verb`: `token.create`, `project.delete`, ...
    pub action: String,
    /// The org it happened in, if any.
    pub org_id: Option<String>,
    /// The id of what was written (`tok_…`, `proj_…`, a user id), if known.
    pub target_id: Option<String>,
    /// Its name as the user saw it, if any.
    pub target_name: Option<String>,
    /// Whether the server accepted it.
    pub outcome: ActivityOutcome,
}

/// How a write ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub enum ActivityOutcome {
    /// The server accepted it (stored as `ok`).
    Ok,
    /// The server refused it or it never arrived; the error code, e.g.
    /// `insufficient_scope` or `network`.
    Failed(String),
}

impl ActivityOutcome {
    const OK: &'static str = "ok";

    fn as_stored(&self) -> &str {
        match self {
            Self::Ok => Self::OK,
            Self::Failed(code) => code,
        }
    }

    fn from_stored(text: String) -> Self {
        if text == Self::OK {
            Self::Ok
        } else {
            Self::Failed(text)
        }
    }
}

impl From<ActivityOutcome> for String {
    fn from(outcome: ActivityOutcome) -> Self {
        outcome.as_stored().to_owned()
    }
}

impl Cache {
    /// Appends an entry to the account's activity log, keeping the newest
    /// 1,000 entries per account. A field that looks like a credential is stored as
    /// [`REDACTED`]: the log is shown on screen and must never carry one.
    pub fn record_activity(&self, account: &str, entry: &ActivityEntry) -> Result<(), CacheError> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO activity (account_id, at, action, org_id, target_id, target_name, outcome)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                account,
                timestamp_text(&entry.at),
                redacted(&entry.action),
                entry.org_id.as_deref().map(redacted),
                entry.target_id.as_deref().map(redacted),
                entry.target_name.as_deref().map(redacted),
                redacted(entry.outcome.as_stored()),
            ])?;
            tx.prepare_cached(
                "DELETE FROM activity WHERE account_id = ?1 AND seq <= (
                     SELECT seq FROM activity WHERE account_id = ?1
                     ORDER BY seq DESC LIMIT 1 OFFSET ?2)",
            )?
            .execute(params![account, KEPT_PER_ACCOUNT])?;
            Ok(())
        })
    }

    /// The account's newest `limit` activity entries, newest first.
    pub fn activity(&self, account: &str, limit: usize) -> Result<Vec<ActivityEntry>, CacheError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.read(|conn| {
            let entries = conn
                .prepare_cached(
                    "SELECT at, action, org_id, target_id, target_name, outcome FROM activity
                     WHERE account_id = ?1 ORDER BY seq DESC LIMIT ?2",
                )?
                .query_map(params![account, limit], |row| {
                    Ok(ActivityEntry {
                        at: required_timestamp(row, 0)?,
                        action: row.get(1)?,
                        org_id: row.get(2)?,
                        target_id: row.get(3)?,
                        target_name: row.get(4)?,
                        outcome: ActivityOutcome::from_stored(row.get(5)?),
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(entries)
        })
    }
}

fn redacted(text: &str) -> &str {
    if CREDENTIAL_MARKERS
        .iter()
        .any(|marker| text.contains(marker))
    {
        tracing::warn!("an activity entry carried something like a credential; it was redacted");
        REDACTED
    } else {
        text
    }
}

fn rfc3339<S: Serializer>(instant: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&timestamp::format(instant))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_round_trip_through_their_stored_text() {
        for outcome in [
            ActivityOutcome::Ok,
            ActivityOutcome::Failed("insufficient_scope".into()),
        ] {
            assert_eq!(
                ActivityOutcome::from_stored(outcome.as_stored().to_owned()),
                outcome
            );
        }
    }

    #[test]
    fn credentials_are_redacted_and_plain_names_kept() {
        assert_eq!(redacted("created sk_live_abc123"), REDACTED);
        assert_eq!(redacted("bt_eyJhbGciOiJIUzI1NiJ9.x.y"), REDACTED);
        assert_eq!(redacted("ci deploy key"), "ci deploy key");
    }
}

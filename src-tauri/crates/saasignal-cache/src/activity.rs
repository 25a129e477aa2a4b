//! A local log of the writes made from this app, per account: what was done, to what,
//! and whether the server accepted it. It never holds a secret.

use chrono::{Days, NaiveTime};
use rusqlite::{Connection, Row, params};
use saasignal_model::{ActivityEntry, ActivityFilter, ActivityOutcome, Page, RowWindow};

use crate::columns::{required_timestamp, timestamp_text};
use crate::search::contains_pattern;
use crate::{Cache, CacheError};

/// How many entries each account keeps; older ones are dropped as new ones arrive.
const KEPT_PER_ACCOUNT: i64 = 1000;

/// What a credential of the platform contains (API keys, and the JWT inside a browser
/// token). A field holding one is stored as [`REDACTED`].
const CREDENTIAL_MARKERS: [&str; 3] = ["sk_live_", "sk_test_", "bt_eyJ"];

/// What replaces a field that looks like a credential.
pub const REDACTED: &str = "[redacted]";

impl Cache {
    /// Appends an entry to the account's activity log, keeping the newest
    /// 1,000 entries per account. A field that looks like a credential is stored as
    /// [`REDACTED`]: the log is shown on screen and must never carry one.
    pub fn record_activity(&self, account: &str, entry: &ActivityEntry) -> Result<(), CacheError> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO activity (account_id, at, action, org_id, target_id, target_name, outcome, related_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                account,
                timestamp_text(&entry.at),
                redacted(&entry.action),
                entry.org_id.as_deref().map(redacted),
                entry.target_id.as_deref().map(redacted),
                entry.target_name.as_deref().map(redacted),
                redacted(entry.outcome.as_stored()),
                entry.related_id.as_deref().map(redacted),
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
                    "SELECT seq, at, action, org_id, target_id, target_name, outcome, related_id FROM activity
                     WHERE account_id = ?1 ORDER BY seq DESC LIMIT ?2",
                )?
                .query_map(params![account, limit], entry)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(entries)
        })
    }
}

/// The entries of an org (and its account only) that a page of the Activity tab shows.
const SELECTED: &str = "account_id = ?1 AND org_id = ?2 \
     AND (?3 IS NULL OR action = ?3) AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < ?5) \
     AND (?6 IS NULL OR target_name LIKE ?6 ESCAPE '\\' OR target_id LIKE ?6 ESCAPE '\\' \
     OR related_id LIKE ?6 ESCAPE '\\')";

impl Cache {
    /// One window of the account's log in `org_id`, newest first: `filter`'s action and
    /// days, the window's search in the target's name and id; with the counts.
    pub fn activity_page(
        &self,
        account: &str,
        org_id: &str,
        window: &RowWindow,
        filter: &ActivityFilter,
    ) -> Result<Page<ActivityEntry>, CacheError> {
        let since = filter.since.map(start_of);
        // `until` is inclusive: everything before the next day's start.
        let until = filter
            .until
            .and_then(|day| day.checked_add_days(Days::new(1)))
            .map(start_of);
        let pattern = window.search_text().map(contains_pattern);
        let selected = params![account, org_id, filter.action, since, until, pattern];
        self.read(|conn| {
            let total: u32 = conn
                .prepare_cached("SELECT COUNT(*) FROM activity WHERE account_id = ?1 AND org_id = ?2")?
                .query_row(params![account, org_id], |row| row.get(0))?;
            let (limit, offset) = (window.capped_limit(), window.offset);
            let mut matching = 0;
            let rows = conn
                .prepare_cached(&format!(
                    "SELECT seq, at, action, org_id, target_id, target_name, outcome, related_id, COUNT(*) OVER ()
                     FROM activity WHERE {SELECTED} ORDER BY seq DESC LIMIT ?7 OFFSET ?8"
                ))?
                .query_map(
                    params![account, org_id, filter.action, since, until, pattern, limit, offset],
                    |row| {
                        matching = row.get(8)?;
                        entry(row)
                    },
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            if rows.is_empty() && offset > 0 {
                matching = count(conn, selected)?;
            }
            Ok(Page {
                offset,
                rows,
                matching,
                total,
            })
        })
    }

    /// The actions the account's log holds for `org_id`, for the Activity tab's filter.
    pub fn activity_actions(&self, account: &str, org_id: &str) -> Result<Vec<String>, CacheError> {
        self.read(|conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT DISTINCT action FROM activity WHERE account_id = ?1 AND org_id = ?2
                     ORDER BY action",
                )?
                .query_map(params![account, org_id], |row| row.get(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}

fn count(conn: &Connection, selected: &[&dyn rusqlite::ToSql]) -> rusqlite::Result<u32> {
    conn.prepare_cached(&format!("SELECT COUNT(*) FROM activity WHERE {SELECTED}"))?
        .query_row(selected, |row| row.get(0))
}

/// A day's first instant (UTC), as stored.
fn start_of(day: chrono::NaiveDate) -> String {
    timestamp_text(&day.and_time(NaiveTime::MIN).and_utc())
}

fn entry(row: &Row<'_>) -> rusqlite::Result<ActivityEntry> {
    Ok(ActivityEntry {
        seq: row.get(0)?,
        at: required_timestamp(row, 1)?,
        action: row.get(2)?,
        org_id: row.get(3)?,
        target_id: row.get(4)?,
        target_name: row.get(5)?,
        outcome: ActivityOutcome::from_stored(row.get(6)?),
        related_id: row.get(7)?,
    })
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

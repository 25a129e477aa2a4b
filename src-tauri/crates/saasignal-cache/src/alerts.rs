//! Which day an alert (the daily key-expiry notification) was last shown per account, so
//! it is shown at most once a day; forgotten with the account.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use crate::{Cache, CacheError};

impl Cache {
    /// The day `kind` was last shown for `account`, if ever.
    pub fn alert_shown_on(
        &self,
        account: &str,
        kind: &str,
    ) -> Result<Option<NaiveDate>, CacheError> {
        self.read(|conn| {
            let day: Option<String> = conn
                .prepare_cached("SELECT day FROM alerts_shown WHERE account_id = ?1 AND kind = ?2")?
                .query_row(params![account, kind], |row| row.get(0))
                .optional()?;
            // A day that does not read (written by hand) counts as never.
            Ok(day.and_then(|day| day.parse().ok()))
        })
    }

    /// Records that `kind` was shown for `account` on `day`.
    pub fn note_alert_shown(
        &self,
        account: &str,
        kind: &str,
        day: NaiveDate,
    ) -> Result<(), CacheError> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO alerts_shown (account_id, kind, day) VALUES (?1, ?2, ?3)
                 ON CONFLICT (account_id, kind) DO UPDATE SET day = excluded.day",
            )?
            .execute(params![account, kind, day.to_string()])?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_day_shown_is_kept_per_account_and_kind() {
        let cache = Cache::open_in_memory().unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert_eq!(cache.alert_shown_on("acc1", "key_expiry").unwrap(), None);
        cache
            .note_alert_shown("acc1", "key_expiry", day(1))
            .unwrap();
        cache
            .note_alert_shown("acc1", "key_expiry", day(2))
            .unwrap();
        assert_eq!(
            cache.alert_shown_on("acc1", "key_expiry").unwrap(),
            Some(day(2))
        );
        assert_eq!(cache.alert_shown_on("acc2", "key_expiry").unwrap(), None);
        assert_eq!(cache.alert_shown_on("acc1", "other").unwrap(), None);
    }
}

//! The local log of writes made from this app, per account (the cache keeps it; the
//! Activity tab shows it): what was done, to what, when, and how it ended. Never a secret.

use serde::{Deserialize, Serialize};

use crate::timestamp::{self, Timestamp};

/// One write made from the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ActivityEntry {
    /// Its place in the account's log (newest highest); 0 until the cache records it.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    /// When the write was made.
    #[serde(serialize_with = "timestamp::required")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
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
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub outcome: ActivityOutcome,
    /// Another id the write concerned: for a roll, the key it replaces.
    pub related_id: Option<String>,
}

/// How a write ended; on the wire `"ok"` or the error code.
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

    /// How it is stored and sent: `ok` or the error code.
    pub fn as_stored(&self) -> &str {
        match self {
            Self::Ok => Self::OK,
            Self::Failed(code) => code,
        }
    }

    pub fn from_stored(text: String) -> Self {
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

/// Which entries the Activity tab shows, beside its search (which looks in the target's
/// name and id): one action, and a range of days (`since` and `until` inclusive, in UTC).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ActivityFilter {
    #[serde(default)]
    pub action: Option<String>,
    /// `YYYY-MM-DD`: entries from this day on.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub since: Option<chrono::NaiveDate>,
    /// `YYYY-MM-DD`: entries up to the end of this day.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub until: Option<chrono::NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_reads_days_and_an_entry_sends_its_outcome_as_text() {
        let filter: ActivityFilter =
            serde_json::from_str(r#"{"action":"token.create","since":"2026-03-01"}"#).unwrap();
        assert_eq!(filter.action.as_deref(), Some("token.create"));
        assert_eq!(filter.since, chrono::NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(filter.until, None);
        assert!(serde_json::from_str::<ActivityFilter>(r#"{"since":"03/01/2026"}"#).is_err());
        let entry = ActivityEntry {
            seq: 3,
            at: timestamp::parse("2026-03-10T13:15:00Z").unwrap(),
            action: "token.revoke".into(),
            org_id: Some("org_1".into()),
            target_id: Some("tok_1".into()),
            target_name: Some("CI".into()),
            outcome: ActivityOutcome::Failed("network".into()),
            related_id: None,
        };
        let sent = serde_json::to_value(&entry).unwrap();
        assert_eq!(sent["outcome"], "network");
        assert_eq!(sent["at"], "2026-03-10T13:15:00.000Z");
        assert_eq!(sent["targetId"], "tok_1");
    }
}

//! The rules that judge an API key, each written once, as SQL over `tokens t` (joined to
//! its project as `p`): the Tokens table's status filters and the Health panel's
//! concerns. Stored timestamps are fixed-width UTC text, so text order is time order.

use chrono::Duration;
use rusqlite::types::Value;
use saasignal_model::{KeyConcern, KeyThresholds, StatusFilter, Timestamp};

use crate::columns::timestamp_text;

/// The tokens table joined to each key's project (a deleted project's keys have none).
pub(crate) const KEYS: &str =
    "tokens t LEFT JOIN projects p ON p.account_id = t.account_id AND p.id = t.project_id";

/// What the rules are judged against: the clock and the thresholds.
#[derive(Debug, Clone, Copy)]
pub struct KeyJudge {
    /// The clock: what "expired", "expiring" and "unused for" are measured from.
    pub now: Timestamp,
    /// The person's thresholds, in days.
    pub thresholds: KeyThresholds,
}

impl KeyJudge {
    /// `now` moved by `days` (negative: in the past), as stored text.
    fn days_from_now(&self, days: i64) -> String {
        timestamp_text(&(self.now + Duration::days(days)))
    }

    fn now_text(&self) -> String {
        timestamp_text(&self.now)
    }
}

/// The parameters of a statement being built; each value bound gets the next `?N`.
#[derive(Debug, Default, Clone)]
pub(crate) struct Params(pub(crate) Vec<Value>);

impl Params {
    pub(crate) fn bind(&mut self, value: impl Into<Value>) -> String {
        self.0.push(value.into());
        format!("?{}", self.0.len())
    }
}

/// The keys a status filter selects; `None` for every key.
pub(crate) fn status(filter: StatusFilter, judge: KeyJudge, params: &mut Params) -> Option<String> {
    Some(match filter {
        StatusFilter::All => return None,
        // Active includes keys about to expire: they still work.
        StatusFilter::Active => format!(
            "t.revoked = 0 AND (t.expires_at IS NULL OR t.expires_at > {})",
            params.bind(judge.now_text())
        ),
        StatusFilter::Expiring => expiring_soon(judge, params),
        StatusFilter::Expired => expired(judge, params),
        StatusFilter::Revoked => "t.revoked = 1".to_owned(),
        StatusFilter::NeverUsed => "t.revoked = 0 AND t.last_used_at IS NULL".to_owned(),
    })
}

/// A key's status as a SQL expression (`'revoked'`, `'expired'`, `'expiring'` or
/// `'active'`), by the very clauses the status filters use.
pub(crate) fn judged_status(judge: KeyJudge, params: &mut Params) -> String {
    format!(
        "CASE WHEN t.revoked = 1 THEN 'revoked' WHEN {} THEN 'expired' WHEN {} THEN 'expiring' ELSE 'active' END",
        expired(judge, params),
        expiring_soon(judge, params)
    )
}

/// The unrevoked keys with `concern`.
pub(crate) fn concern(concern: KeyConcern, judge: KeyJudge, params: &mut Params) -> String {
    let days = |n: u32| i64::from(n);
    match concern {
        KeyConcern::WideScopes => {
            // Scopes are stored as a JSON array: `"*"` is the whole wildcard, `:*"` ends
            // a family wildcard such as `"kv:*"`.
            r#"t.revoked = 0 AND (t.scopes LIKE '%"*"%' OR t.scopes LIKE '%:*"%')"#.to_owned()
        }
        KeyConcern::NoExpiry => "t.revoked = 0 AND t.expires_at IS NULL".to_owned(),
        KeyConcern::ExpiringSoon => expiring_soon(judge, params),
        KeyConcern::ExpiredUnrevoked => expired(judge, params),
        KeyConcern::NeverUsed => format!(
            "t.revoked = 0 AND t.last_used_at IS NULL AND t.created_at <= {}",
            params.bind(judge.days_from_now(-days(judge.thresholds.never_used_after_days)))
        ),
        KeyConcern::Unused => format!(
            "t.revoked = 0 AND t.last_used_at <= {}",
            params.bind(judge.days_from_now(-days(judge.thresholds.unused_after_days)))
        ),
        KeyConcern::ProjectDeleted => {
            "t.revoked = 0 AND t.project_id IS NOT NULL AND p.id IS NULL".to_owned()
        }
    }
}

/// Unrevoked, expiring after now and within the threshold (its last day included).
fn expiring_soon(judge: KeyJudge, params: &mut Params) -> String {
    let now = params.bind(judge.now_text());
    let soon = params.bind(judge.days_from_now(i64::from(judge.thresholds.expiring_within_days)));
    format!("t.revoked = 0 AND t.expires_at > {now} AND t.expires_at <= {soon}")
}

/// Unrevoked and expired at or before now.
fn expired(judge: KeyJudge, params: &mut Params) -> String {
    format!(
        "t.revoked = 0 AND t.expires_at <= {}",
        params.bind(judge.now_text())
    )
}

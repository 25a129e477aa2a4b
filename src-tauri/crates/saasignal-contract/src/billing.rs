//! Usage and billing (the reference's "Core > Tokens" balance, usage and top-up bundles,
//! and "Core > Billing"): who may ask, the primitives usage is counted by, and the
//! usage series' range.
//!
//! Where the reference is silent, these are the decisions (the sandbox and the app
//! follow them; the README lists them):
//! - reads need `billing:read`; switching to the free plan needs `*` (it drops the
//!   org's paid limits, so only the owner's level of trust may do it);
//! - the token endpoints are org-scoped: an API key or browser token speaks for its own
//!   org, a session names the org in `?org_id=`;
//! - the usage series is daily, up to the last [`USAGE_MAX_DAYS`] days including today
//!   (`?days=`, default [`USAGE_DEFAULT_DAYS`]);
//! - a billing cycle is [`CYCLE_DAYS`] days from the subscription's start, so a cycle
//!   began `CYCLE_DAYS` before `billing_cycle_end`, and the dashboard's breakdown is the
//!   series' per-primitive sums over the days of the current cycle.

/// The scope every usage and billing read needs.
pub const BILLING_READ: &str = "billing:read";

/// The scope the free-plan switch needs.
pub const FREE_PLAN_SWITCH: &str = crate::scopes::WILDCARD;

/// The package every org starts on, and the one the free-plan switch moves it to.
pub const FREE_PACKAGE_ID: &str = "free";

/// The longest usage series the API returns, in days.
pub const USAGE_MAX_DAYS: u32 = 90;

/// The series' length when `?days=` is not given.
pub const USAGE_DEFAULT_DAYS: u32 = 30;

/// The only granularity the usage series has.
pub const GRANULARITY_DAY: &str = "day";

/// A billing cycle's length.
pub const CYCLE_DAYS: i64 = 30;

/// The usage dashboard's breakdown counters, in the reference's order; the usage
/// series' `by_primitive` uses the same names.
pub const PRIMITIVES: [&str; 19] = [
    "kv_reads",
    "kv_writes",
    "kv_deletes",
    "channel_messages",
    "channel_connection_minutes",
    "jobs_created",
    "jobs_executed",
    "ai_responses",
    "ai_embeddings",
    "ai_rerank",
    "ai_moderations",
    "ai_audio",
    "ai_images",
    "ai_documents",
    "search_reads",
    "search_writes",
    "matching_solves",
    "ranking_queries",
    "ranking_events",
];

/// The usage percent at which the app warns (amber).
pub const WARN_PERCENT: f64 = 80.0;

/// The usage percent at which the app alarms (red).
pub const ALARM_PERCENT: f64 = 95.0;

/// Why a `?days=` value is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("days: use a whole number of days from 1 to {USAGE_MAX_DAYS}")]
pub struct DaysOutOfRange;

/// Checks a requested series length.
pub fn usage_days(days: i64) -> Result<u32, DaysOutOfRange> {
    u32::try_from(days)
        .ok()
        .filter(|days| (1..=USAGE_MAX_DAYS).contains(days))
        .ok_or(DaysOutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_bounded_to_the_series_range() {
        assert_eq!(usage_days(1), Ok(1));
        assert_eq!(usage_days(90), Ok(90));
        assert_eq!(usage_days(0), Err(DaysOutOfRange));
        assert_eq!(usage_days(91), Err(DaysOutOfRange));
        assert_eq!(usage_days(-3), Err(DaysOutOfRange));
    }

    #[test]
    fn primitives_are_distinct() {
        let mut names = PRIMITIVES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), PRIMITIVES.len());
    }
}

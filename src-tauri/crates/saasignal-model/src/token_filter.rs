//! Which of an org's API keys the Tokens table shows, and in what order: the filters
//! beside its search box and the Health panel's concerns. The cache applies them in SQL
//! (`saasignal-cache`'s `key_rules.rs`, each rule once), against the clock and the
//! thresholds the caller passes.

use serde::{Deserialize, Serialize};

/// The filters and order of one window of keys; the search is the window's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TokenFilter {
    #[serde(default)]
    pub project: ProjectFilter,
    #[serde(default)]
    pub status: StatusFilter,
    #[serde(default)]
    pub sort: TokenSort,
    /// Only the keys with this concern (the Health panel's one-click filter).
    #[serde(default)]
    pub concern: Option<KeyConcern>,
}

/// Whose keys: every project's and the org-wide ones, only the org-wide ones (no
/// project), or one project's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum ProjectFilter {
    #[default]
    All,
    OrgWide,
    Project(String),
}

/// A key's state as the Tokens table shows it: judged by the cache against the clock and
/// the person's "expiring within" threshold, by the same rules as [`StatusFilter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    Active,
    Expiring,
    Expired,
    Revoked,
}

impl KeyStatus {
    /// As the cache's judgement spells it.
    pub fn from_judged(text: &str) -> Self {
        match text {
            "revoked" => Self::Revoked,
            "expired" => Self::Expired,
            "expiring" => Self::Expiring,
            _ => Self::Active,
        }
    }
}

/// A key's state. `Active` includes keys about to expire: they still work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    #[default]
    All,
    Active,
    /// Not revoked, expiring within [`KeyThresholds::expiring_within_days`].
    Expiring,
    /// Past its expiry and not revoked.
    Expired,
    Revoked,
    /// Not revoked and never used.
    NeverUsed,
}

/// The table's order; ties (and keys without the date) go by name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TokenSort {
    /// Most recently used first; never used last.
    #[default]
    LastUsedDesc,
    /// Never used first (the likeliest to be unneeded), then the longest unused.
    LastUsedAsc,
    CreatedDesc,
    Name,
}

/// Why an unrevoked key needs attention: the Health panel's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum KeyConcern {
    /// It holds `*` or a family wildcard (`kv:*`).
    WideScopes,
    NoExpiry,
    /// It expires within [`KeyThresholds::expiring_within_days`].
    ExpiringSoon,
    /// Past its expiry and not revoked.
    ExpiredUnrevoked,
    /// Never used, and created more than [`KeyThresholds::never_used_after_days`] ago.
    NeverUsed,
    /// Last used more than [`KeyThresholds::unused_after_days`] ago.
    Unused,
    /// Its project is gone (judged only once the org's projects have been read).
    ProjectDeleted,
}

impl KeyConcern {
    /// Every concern, in the panel's order.
    pub const ALL: [KeyConcern; 7] = [
        KeyConcern::WideScopes,
        KeyConcern::NoExpiry,
        KeyConcern::ExpiringSoon,
        KeyConcern::ExpiredUnrevoked,
        KeyConcern::NeverUsed,
        KeyConcern::Unused,
        KeyConcern::ProjectDeleted,
    ];
}

/// The thresholds of the key rules, in days (a preference).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct KeyThresholds {
    pub expiring_within_days: u32,
    pub never_used_after_days: u32,
    pub unused_after_days: u32,
}

impl Default for KeyThresholds {
    fn default() -> Self {
        Self {
            expiring_within_days: 7,
            never_used_after_days: 30,
            unused_after_days: 90,
        }
    }
}

impl KeyThresholds {
    /// The longest threshold: ten years.
    pub const MAX_DAYS: u32 = 3650;

    /// The first threshold out of 1…[`Self::MAX_DAYS`] days: its field (camelCase, as
    /// the UI names it) and why.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        [
            ("expiringWithinDays", self.expiring_within_days),
            ("neverUsedAfterDays", self.never_used_after_days),
            ("unusedAfterDays", self.unused_after_days),
        ]
        .into_iter()
        .find(|(_, days)| !(1..=Self::MAX_DAYS).contains(days))
        .map(|(field, _)| {
            (
                field,
                format!("Enter a whole number of days from 1 to {}.", Self::MAX_DAYS),
            )
        })
    }
}

/// How many of an org's unrevoked keys have one concern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ConcernCount {
    pub concern: KeyConcern,
    pub keys: u32,
}

/// The Health panel: each concern's count, and the thresholds they were judged with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct KeyHealth {
    pub thresholds: KeyThresholds,
    pub concerns: Vec<ConcernCount>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_reads_from_the_ui_with_defaults_for_what_it_leaves_out() {
        let filter: TokenFilter = serde_json::from_str(
            r#"{"project":{"kind":"project","id":"proj_1"},"status":"never_used","sort":"last_used_asc"}"#,
        )
        .unwrap();
        assert_eq!(filter.project, ProjectFilter::Project("proj_1".into()));
        assert_eq!(filter.status, StatusFilter::NeverUsed);
        assert_eq!(filter.sort, TokenSort::LastUsedAsc);
        let org_wide: TokenFilter =
            serde_json::from_str(r#"{"project":{"kind":"org_wide"}}"#).unwrap();
        assert_eq!(org_wide.project, ProjectFilter::OrgWide);
        assert_eq!(org_wide.status, StatusFilter::All);
        assert_eq!(org_wide.sort, TokenSort::LastUsedDesc);
        assert_eq!(org_wide.concern, None);
        let concern: TokenFilter = serde_json::from_str(r#"{"concern":"never_used"}"#).unwrap();
        assert_eq!(concern.concern, Some(KeyConcern::NeverUsed));
    }

    #[test]
    fn a_threshold_must_be_one_day_to_ten_years() {
        assert_eq!(KeyThresholds::default().problem(), None);
        let zero = KeyThresholds {
            never_used_after_days: 0,
            ..KeyThresholds::default()
        };
        assert_eq!(
            zero.problem().map(|(field, _)| field),
            Some("neverUsedAfterDays")
        );
        let long = KeyThresholds {
            unused_after_days: KeyThresholds::MAX_DAYS + 1,
            ..KeyThresholds::default()
        };
        assert_eq!(
            long.problem().map(|(field, _)| field),
            Some("unusedAfterDays")
        );
    }

    #[test]
    fn thresholds_missing_from_a_settings_file_take_their_defaults() {
        let partial: KeyThresholds = serde_json::from_str(r#"{"unusedAfterDays":60}"#).unwrap();
        assert_eq!(
            partial,
            KeyThresholds {
                unused_after_days: 60,
                ..KeyThresholds::default()
            }
        );
    }
}

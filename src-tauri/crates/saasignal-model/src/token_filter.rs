//! Which of an org's API keys the Tokens table shows, and in what order: the filters
//! beside its search box. The cache applies them in SQL (`saasignal-cache`'s
//! `token_page`), against the clock the caller passes.

use serde::Deserialize;

/// A key "expires soon" when it expires within this many days (and has not yet).
pub const EXPIRING_WITHIN_DAYS: i64 = 7;

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

/// A key's state. `Active` includes keys about to expire: they still work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    #[default]
    All,
    Active,
    /// Not revoked, expiring within [`EXPIRING_WITHIN_DAYS`].
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
    }
}

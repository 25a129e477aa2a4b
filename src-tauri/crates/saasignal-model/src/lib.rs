//! The platform's resources: organizations, members, projects, API tokens, browser-token
//! metadata, users, and usage and billing.
//!
//! Each type reads the real API's shapes as they are (the Org and Project objects are
//! camelCase, Member and Token snake_case; nulls, missing optional fields and unknown
//! fields are tolerated; timestamps in any common form) and serialises in one consistent
//! camelCase for the UI and the cache. None of them can hold a secret: a created token's
//! raw value and a browser token travel separately, as `saasignal_secret::Secret`.

pub mod activity;
pub mod billing;
pub mod error_code;
pub mod key_roll;
mod lenient;
pub mod page;
pub mod sent_invite;
pub mod timestamp;
pub mod token_filter;

use std::sync::Arc;

/// Text kept inline up to 24 bytes: a list of 10,000 projects is read from the cache
/// whenever it is shown, and with a `String` per field a fifth of that read went to
/// allocating and freeing 50,000 strings. Names and regions fit inline.
pub use compact_str::CompactString;
use serde::{Deserialize, Serialize};

pub use activity::{ActivityEntry, ActivityFilter, ActivityOutcome};
pub use billing::{
    BillingOverview, Package, RateLimits, Subscription, TokenBalance, TokenUsage, TopupBundle,
    UsageDashboard, UsageLevel, UsagePeriod,
};
pub use error_code::ErrorCode;
pub use key_roll::KeyRoll;
pub use page::{MAX_WINDOW_ROWS, Page, RowWindow};

/// Something just created whose secret is shown once (an API key, a browser token): its
/// record, and its secret as the layer holds it. The client returns the raw value (a
/// `Secret`, which cannot be serialised); from the core on it is a handle the secret
/// waits under in memory, so only the handle crosses IPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Minted<T, S> {
    pub item: T,
    pub secret: S,
}
pub use sent_invite::SentInvite;
pub use timestamp::Timestamp;
pub use token_filter::{
    ConcernCount, KeyConcern, KeyHealth, KeyStatus, KeyThresholds, ProjectFilter, StatusFilter,
    TokenFilter, TokenSort,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Org {
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub slug: String,
    #[serde(default, alias = "created_at", with = "timestamp::optional")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub created_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Member {
    #[serde(alias = "user_id")]
    pub user_id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
    #[serde(default, deserialize_with = "lenient::string_list")]
    pub scopes: Vec<String>,
    #[serde(default, alias = "joined_at", with = "timestamp::optional")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub joined_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Project {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: CompactString,
    // Shared by every project of a list read from the cache: one org, one copy.
    #[serde(default, alias = "org_id", deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub org_id: Arc<str>,
    #[serde(default, deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub name: CompactString,
    #[serde(default, deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub description: CompactString,
    #[serde(default, deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub region: CompactString,
    #[serde(default, alias = "created_at", with = "timestamp::optional")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub created_at: Option<Timestamp>,
}

/// An API key's metadata. `hint` is the non-secret suffix the platform shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Token {
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub hint: String,
    #[serde(default, alias = "org_id", deserialize_with = "lenient::string")]
    pub org_id: String,
    #[serde(default, alias = "project_id")]
    pub project_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::string_list")]
    pub scopes: Vec<String>,
    #[serde(default, alias = "created_at", with = "timestamp::optional")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub created_at: Option<Timestamp>,
    #[serde(default, alias = "expires_at", with = "timestamp::optional")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub expires_at: Option<Timestamp>,
    #[serde(default, alias = "last_used_at", with = "timestamp::optional")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub last_used_at: Option<Timestamp>,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub revoked: bool,
    /// Its state as judged by the cache for the Tokens table, against the clock and the
    /// person's thresholds; `None` where nobody judged it (the server's answers).
    #[serde(default, skip_deserializing)]
    pub status: Option<KeyStatus>,
}

/// What a browser token is, without the token itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BrowserTokenInfo {
    #[serde(default, alias = "expires_at", with = "timestamp::optional")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub expires_at: Option<Timestamp>,
    #[serde(default)]
    pub ttl: u32,
    #[serde(default, deserialize_with = "lenient::string_list")]
    pub scopes: Vec<String>,
    #[serde(default, alias = "project_id")]
    pub project_id: Option<String>,
    #[serde(default, alias = "org_id")]
    pub org_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
}

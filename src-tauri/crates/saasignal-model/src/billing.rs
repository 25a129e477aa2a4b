//! Usage and billing: the plan, the token balance, the daily usage series and the
//! usage dashboard, with the catalog they are compared against. Read leniently (numbers
//! as text, nulls, unknown fields); sent to the UI and cached in camelCase.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lenient;
use crate::timestamp::{self, Timestamp};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RateLimits {
    #[serde(
        default,
        alias = "requests_per_second",
        deserialize_with = "lenient::number"
    )]
    pub requests_per_second: f64,
    #[serde(
        default,
        alias = "max_channel_subscriptions",
        deserialize_with = "lenient::number"
    )]
    pub max_channel_subscriptions: f64,
}

/// A subscription package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Package {
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub description: String,
    #[serde(default, alias = "price_monthly", deserialize_with = "lenient::number")]
    pub price_monthly: f64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub currency: String,
    #[serde(
        default,
        alias = "tokens_monthly",
        deserialize_with = "lenient::number"
    )]
    pub tokens_monthly: f64,
    #[serde(default, alias = "rate_limits")]
    pub rate_limits: RateLimits,
}

/// Tokens bought once, used after the included ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TopupBundle {
    pub id: String,
    #[serde(default, deserialize_with = "lenient::number")]
    pub tokens: f64,
    #[serde(default, deserialize_with = "lenient::number")]
    pub price: f64,
    #[serde(
        default,
        alias = "rate_per_token",
        deserialize_with = "lenient::number"
    )]
    pub rate_per_token: f64,
}

/// The org's active subscription.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    #[serde(default, alias = "org_id", deserialize_with = "lenient::string")]
    pub org_id: String,
    #[serde(default, alias = "package_id", deserialize_with = "lenient::string")]
    pub package_id: String,
    #[serde(default, alias = "stripe_customer_id")]
    pub stripe_customer_id: Option<String>,
    #[serde(default, alias = "stripe_subscription_id")]
    pub stripe_subscription_id: Option<String>,
    #[serde(default, alias = "created_at", with = "timestamp::optional")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub created_at: Option<Timestamp>,
    #[serde(default)]
    pub package: Option<Package>,
}

/// What is left of the org's tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TokenBalance {
    #[serde(default, alias = "org_id", deserialize_with = "lenient::string")]
    pub org_id: String,
    #[serde(
        default,
        alias = "included_tokens_remaining",
        deserialize_with = "lenient::number"
    )]
    pub included_tokens_remaining: f64,
    #[serde(
        default,
        alias = "topup_tokens_balance",
        deserialize_with = "lenient::number"
    )]
    pub topup_tokens_balance: f64,
    #[serde(default, alias = "total_balance", deserialize_with = "lenient::number")]
    pub total_balance: f64,
}

/// One period of the usage series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UsagePeriod {
    #[serde(default, alias = "period_start", with = "timestamp::optional")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub period_start: Option<Timestamp>,
    #[serde(default, deserialize_with = "lenient::number")]
    pub total: f64,
    #[serde(
        default,
        alias = "by_primitive",
        deserialize_with = "lenient::number_map"
    )]
    pub by_primitive: BTreeMap<String, f64>,
}

/// Tokens used per period, by primitive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TokenUsage {
    #[serde(default, alias = "org_id", deserialize_with = "lenient::string")]
    pub org_id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub granularity: String,
    #[serde(default, deserialize_with = "lenient::list")]
    pub series: Vec<UsagePeriod>,
}

/// The usage dashboard: the plan's cycle, its tokens and limits, and what used them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UsageDashboard {
    #[serde(default, deserialize_with = "lenient::string")]
    pub plan: String,
    #[serde(default, alias = "billing_cycle_end", with = "timestamp::optional")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub billing_cycle_end: Option<Timestamp>,
    #[serde(
        default,
        alias = "included_tokens_remaining",
        deserialize_with = "lenient::number"
    )]
    pub included_tokens_remaining: f64,
    #[serde(
        default,
        alias = "included_tokens_total",
        deserialize_with = "lenient::number"
    )]
    pub included_tokens_total: f64,
    #[serde(
        default,
        alias = "topup_tokens_balance",
        deserialize_with = "lenient::number"
    )]
    pub topup_tokens_balance: f64,
    #[serde(
        default,
        alias = "total_tokens_available",
        deserialize_with = "lenient::number"
    )]
    pub total_tokens_available: f64,
    #[serde(
        default,
        alias = "tokens_used_this_cycle",
        deserialize_with = "lenient::number"
    )]
    pub tokens_used_this_cycle: f64,
    #[serde(default, alias = "usage_percent", deserialize_with = "lenient::number")]
    pub usage_percent: f64,
    #[serde(
        default,
        alias = "rate_limit_per_second",
        deserialize_with = "lenient::number"
    )]
    pub rate_limit_per_second: f64,
    #[serde(
        default,
        alias = "channel_subscriptions_limit",
        deserialize_with = "lenient::number"
    )]
    pub channel_subscriptions_limit: f64,
    #[serde(
        default,
        alias = "usage_breakdown",
        deserialize_with = "lenient::number_map"
    )]
    pub usage_breakdown: BTreeMap<String, f64>,
}

/// Everything the Usage screen shows for one org, read together and cached together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BillingOverview {
    pub subscription: Subscription,
    pub balance: TokenBalance,
    pub dashboard: UsageDashboard,
    /// The daily series over the longest range; the screen cuts 7 and 30 days from it.
    pub usage: TokenUsage,
    pub packages: Vec<Package>,
    pub bundles: Vec<TopupBundle>,
}

/// How far into its included tokens one org is (the sidebar's warning).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UsageLevel {
    pub org_id: String,
    pub usage_percent: f64,
}

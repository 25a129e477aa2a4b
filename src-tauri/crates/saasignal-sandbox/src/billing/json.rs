//! The usage and billing JSON shapes, as the reference has them (the subscription is
//! camelCase, everything else snake_case).

use std::collections::BTreeMap;

use saasignal_contract::billing::{GRANULARITY_DAY, PRIMITIVES};
use serde::Serialize;

use super::catalog::{Package, TopupBundle};
use super::ledger::Ledger;
use crate::clock::{DAY_MS, iso};

#[derive(Debug, Clone, Serialize)]
pub struct TopupBundleJson {
    pub id: &'static str,
    pub tokens: u64,
    pub price: f64,
    pub rate_per_token: f64,
}

impl From<&TopupBundle> for TopupBundleJson {
    fn from(bundle: &TopupBundle) -> Self {
        Self {
            id: bundle.id,
            tokens: bundle.tokens,
            price: bundle.price,
            rate_per_token: bundle.rate_per_token(),
        }
    }
}

/// `Subscription` (camelCase in the reference). The sandbox has no Stripe: paid plans
/// carry made-up customer and subscription ids, the free plan nulls.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionJson {
    pub org_id: String,
    pub package_id: &'static str,
    pub stripe_customer_id: Option<String>,
    pub stripe_subscription_id: Option<String>,
    pub created_at: String,
    pub package: &'static Package,
}

impl From<&Ledger> for SubscriptionJson {
    fn from(ledger: &Ledger) -> Self {
        let paid = ledger.package.price_monthly > 0.0;
        let org = &ledger.billing.org_id;
        Self {
            org_id: org.clone(),
            package_id: ledger.package.id,
            stripe_customer_id: paid.then(|| format!("cus_sandbox_{org}")),
            stripe_subscription_id: paid.then(|| format!("sub_sandbox_{org}")),
            created_at: iso(ledger.billing.subscribed_at),
            package: ledger.package,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BalanceJson {
    pub org_id: String,
    pub included_tokens_remaining: u64,
    pub topup_tokens_balance: u64,
    pub total_balance: u64,
}

impl From<&Ledger> for BalanceJson {
    fn from(ledger: &Ledger) -> Self {
        Self {
            org_id: ledger.billing.org_id.clone(),
            included_tokens_remaining: ledger.included_remaining(),
            topup_tokens_balance: ledger.topup_remaining(),
            total_balance: ledger.included_remaining() + ledger.topup_remaining(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct UsagePeriodJson {
    pub period_start: String,
    pub total: u64,
    pub by_primitive: BTreeMap<&'static str, u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UsageJson {
    pub org_id: String,
    pub granularity: &'static str,
    pub series: Vec<UsagePeriodJson>,
}

impl UsageJson {
    pub fn new(ledger: &Ledger, days: u32) -> Self {
        let series = ledger
            .series(days)
            .into_iter()
            .map(|(day, used)| UsagePeriodJson {
                period_start: iso(day * DAY_MS),
                total: used.iter().sum(),
                by_primitive: by_name(used),
            })
            .collect();
        Self {
            org_id: ledger.billing.org_id.clone(),
            granularity: GRANULARITY_DAY,
            series,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DashboardJson {
    pub plan: &'static str,
    pub billing_cycle_end: String,
    pub included_tokens_remaining: u64,
    pub included_tokens_total: u64,
    pub topup_tokens_balance: u64,
    pub total_tokens_available: u64,
    pub tokens_used_this_cycle: u64,
    pub usage_percent: f64,
    pub rate_limit_per_second: u64,
    pub channel_subscriptions_limit: u64,
    pub usage_breakdown: BTreeMap<&'static str, u64>,
}

impl From<&Ledger> for DashboardJson {
    fn from(ledger: &Ledger) -> Self {
        Self {
            plan: ledger.package.id,
            billing_cycle_end: iso(ledger.cycle_end_ms()),
            included_tokens_remaining: ledger.included_remaining(),
            included_tokens_total: ledger.included_total(),
            topup_tokens_balance: ledger.topup_remaining(),
            total_tokens_available: ledger.included_remaining() + ledger.topup_remaining(),
            tokens_used_this_cycle: ledger.used(),
            usage_percent: ledger.usage_percent(),
            rate_limit_per_second: ledger.package.rate_limits.requests_per_second,
            channel_subscriptions_limit: ledger.package.rate_limits.max_channel_subscriptions,
            usage_breakdown: by_name(ledger.used_by_primitive()),
        }
    }
}

fn by_name(used: [u64; PRIMITIVES.len()]) -> BTreeMap<&'static str, u64> {
    PRIMITIVES.into_iter().zip(used).collect()
}

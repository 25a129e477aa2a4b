//! What an org's plan makes of its usage: the current cycle, the tokens used in it,
//! what is left of the included and top-up tokens.

use saasignal_contract::billing::{CYCLE_DAYS, PRIMITIVES};

use super::catalog::{self, Package};
use super::usage::UsageSource;
use crate::clock::DAY_MS;
use crate::store::billing::OrgBilling;

/// The day (since the Unix epoch, UTC) an instant falls on.
pub fn day_of(ms: i64) -> i64 {
    ms.div_euclid(DAY_MS)
}

/// One org's account of tokens, as of one day.
#[derive(Debug, Clone)]
pub struct Ledger {
    pub billing: OrgBilling,
    pub package: &'static Package,
    pub source: UsageSource,
    pub today: i64,
    /// The current cycle's first day; it ends `CYCLE_DAYS` later, at midnight UTC.
    pub cycle_start: i64,
}

impl Ledger {
    pub fn new(billing: OrgBilling, seed: u64, now_ms: i64) -> Self {
        let today = day_of(now_ms);
        let first = day_of(billing.subscribed_at);
        let cycles = (today - first).div_euclid(CYCLE_DAYS).max(0);
        Self {
            package: catalog::package(&billing.package_id),
            source: UsageSource::new(seed, &billing.org_id, billing.daily_tokens),
            today,
            cycle_start: first + cycles * CYCLE_DAYS,
            billing,
        }
    }

    /// When the current cycle ends (Unix ms).
    pub fn cycle_end_ms(&self) -> i64 {
        (self.cycle_start + CYCLE_DAYS) * DAY_MS
    }

    /// The tokens used this cycle (its first day through today), per primitive.
    pub fn used_by_primitive(&self) -> [u64; PRIMITIVES.len()] {
        self.source.sum(self.cycle_start..=self.today)
    }

    pub fn used(&self) -> u64 {
        self.used_by_primitive().iter().sum()
    }

    pub fn included_total(&self) -> u64 {
        self.package.tokens_monthly
    }

    pub fn included_remaining(&self) -> u64 {
        self.included_total().saturating_sub(self.used())
    }

    /// Top-up tokens left: usage past the included tokens draws on them.
    pub fn topup_remaining(&self) -> u64 {
        let overage = self.used().saturating_sub(self.included_total());
        self.billing.topup_tokens.saturating_sub(overage)
    }

    /// Used over included, in percent with two decimals; past 100 when the cycle ran
    /// over (the top-up pays for the rest).
    pub fn usage_percent(&self) -> f64 {
        let included = self.included_total().max(1) as f64;
        (self.used() as f64 * 10_000.0 / included).round() / 100.0
    }

    /// The last `days` days through today, oldest first, per primitive.
    pub fn series(&self, days: u32) -> Vec<(i64, [u64; PRIMITIVES.len()])> {
        let first = self.today - i64::from(days) + 1;
        (first..=self.today)
            .map(|day| (day, self.source.day(day)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn billing(package_id: &str, subscribed_day: i64, topup: u64) -> OrgBilling {
        OrgBilling {
            org_id: "org_1".into(),
            package_id: package_id.into(),
            subscribed_at: subscribed_day * DAY_MS + 5_000,
            daily_tokens: 200_000,
            topup_tokens: topup,
        }
    }

    #[test]
    fn cycles_run_thirty_days_from_the_subscription_day() {
        let ledger = Ledger::new(billing("pro", 100, 0), 1, 165 * DAY_MS + 1);
        assert_eq!(ledger.cycle_start, 160);
        assert_eq!(ledger.cycle_end_ms(), 190 * DAY_MS);
    }

    #[test]
    fn the_breakdown_is_the_series_over_the_cycle() {
        let ledger = Ledger::new(billing("pro", 100, 0), 1, 175 * DAY_MS);
        let in_cycle: Vec<_> = ledger
            .series(90)
            .into_iter()
            .filter(|(day, _)| *day >= ledger.cycle_start)
            .collect();
        assert_eq!(in_cycle.len(), 16);
        let summed: u64 = in_cycle.iter().flat_map(|(_, used)| used.iter()).sum();
        assert_eq!(summed, ledger.used());
    }

    #[test]
    fn overage_draws_on_the_top_up() {
        let ledger = Ledger::new(billing("free", 100, 10_000_000), 1, 129 * DAY_MS);
        let over = ledger.used() - ledger.included_total();
        assert_eq!(ledger.included_remaining(), 0);
        assert_eq!(ledger.topup_remaining(), 10_000_000 - over);
        assert!(ledger.usage_percent() > 100.0);
    }
}

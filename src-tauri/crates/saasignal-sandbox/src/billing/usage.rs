//! Synthetic token usage: a daily figure per primitive that is the same every time it
//! is asked for, given the sandbox's usage seed, the org and its daily average. Nothing
//! is stored per day, so any past day can be answered and every total adds up.

use saasignal_contract::billing::PRIMITIVES;

/// How the daily average splits over the primitives (per mille, in `PRIMITIVES` order).
const SHARES: [u64; 19] = [
    220, 90, 15, 120, 60, 35, 70, 95, 60, 15, 10, 20, 25, 15, 60, 25, 15, 35, 15,
];

/// One org's usage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UsageSource {
    org_key: u64,
    daily_tokens: u64,
}

impl UsageSource {
    pub fn new(seed: u64, org_id: &str, daily_tokens: u64) -> Self {
        Self {
            org_key: mix(seed ^ fnv1a(org_id.as_bytes())),
            daily_tokens,
        }
    }

    /// The tokens used on `day` (days since the Unix epoch, UTC), per primitive.
    pub fn day(&self, day: i64) -> [u64; PRIMITIVES.len()] {
        let day_key = mix(self.org_key ^ (day as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        // Weekends are quieter; each day varies by ±30 %, each primitive by ±50 %.
        let weekday = (day + 4).rem_euclid(7); // 1970-01-01 was a Thursday (4)
        let week_factor = if weekday == 0 || weekday == 6 {
            60
        } else {
            100
        };
        let day_factor = 70 + unit(day_key, 60);
        std::array::from_fn(|primitive| {
            let noise = 50 + unit(mix(day_key ^ primitive as u64), 100);
            self.daily_tokens * SHARES[primitive] * week_factor * day_factor * noise
                / (1000 * 100 * 100 * 100)
        })
    }

    /// The sum over `days`, per primitive.
    pub fn sum(&self, days: impl IntoIterator<Item = i64>) -> [u64; PRIMITIVES.len()] {
        let mut total = [0; PRIMITIVES.len()];
        for day in days {
            for (sum, used) in total.iter_mut().zip(self.day(day)) {
                *sum += used;
            }
        }
        total
    }
}

/// A number in `0..range` drawn from `key`.
fn unit(key: u64, range: u64) -> u64 {
    key % range
}

/// SplitMix64's finaliser: a fixed, well-spread bijection on u64 (stable across Rust
/// versions, unlike `std`'s hasher).
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_cover_the_whole_average() {
        assert_eq!(SHARES.iter().sum::<u64>(), 1000);
    }

    #[test]
    fn the_same_org_and_seed_give_the_same_days() {
        let a = UsageSource::new(7, "org_1", 10_000);
        assert_eq!(
            a.day(20_000),
            UsageSource::new(7, "org_1", 10_000).day(20_000)
        );
        assert_ne!(
            a.day(20_000),
            UsageSource::new(8, "org_1", 10_000).day(20_000)
        );
        assert_ne!(
            a.day(20_000),
            UsageSource::new(7, "org_2", 10_000).day(20_000)
        );
    }

    #[test]
    fn a_month_averages_near_the_daily_figure() {
        let source = UsageSource::new(1, "org_1", 100_000);
        let month: u64 = source.sum(20_000..20_030).iter().sum();
        // Weekdays at 100 %, weekends at 60 %, noise centred on 1: about 0.89 × 30 days.
        assert!((2_000_000..3_300_000).contains(&month), "{month}");
    }
}

//! The packages and top-up bundles: a small fixed catalog, the same in every sandbox.

use serde::Serialize;

/// A subscription package, serialised as the reference's `Package`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Package {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub price_monthly: f64,
    pub currency: &'static str,
    pub tokens_monthly: u64,
    pub rate_limits: RateLimits,
}

/// A package's limits.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RateLimits {
    pub requests_per_second: u64,
    pub max_channel_subscriptions: u64,
}

/// A top-up bundle: tokens bought once, used after the included ones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TopupBundle {
    pub id: &'static str,
    pub tokens: u64,
    pub price: f64,
}

impl TopupBundle {
    /// The price of one token in this bundle.
    pub fn rate_per_token(&self) -> f64 {
        self.price / self.tokens as f64
    }
}

pub const PACKAGES: [Package; 4] = [
    Package {
        id: "free",
        name: "Free",
        description: "For trying SaaSignal out and side projects",
        price_monthly: 0.0,
        currency: "usd",
        tokens_monthly: 100_000,
        rate_limits: RateLimits {
            requests_per_second: 10,
            max_channel_subscriptions: 100,
        },
    },
    Package {
        id: "starter",
        name: "Starter",
        description: "For a first production app",
        price_monthly: 29.0,
        currency: "usd",
        tokens_monthly: 2_000_000,
        rate_limits: RateLimits {
            requests_per_second: 50,
            max_channel_subscriptions: 1_000,
        },
    },
    Package {
        id: "pro",
        name: "Pro",
        description: "For teams running several apps in production",
        price_monthly: 99.0,
        currency: "usd",
        tokens_monthly: 10_000_000,
        rate_limits: RateLimits {
            requests_per_second: 200,
            max_channel_subscriptions: 10_000,
        },
    },
    Package {
        id: "scale",
        name: "Scale",
        description: "For high-traffic workloads with dedicated limits",
        price_monthly: 499.0,
        currency: "usd",
        tokens_monthly: 75_000_000,
        rate_limits: RateLimits {
            requests_per_second: 1_000,
            max_channel_subscriptions: 100_000,
        },
    },
];

pub const TOPUP_BUNDLES: [TopupBundle; 3] = [
    TopupBundle {
        id: "topup_1m",
        tokens: 1_000_000,
        price: 12.0,
    },
    TopupBundle {
        id: "topup_5m",
        tokens: 5_000_000,
        price: 50.0,
    },
    TopupBundle {
        id: "topup_25m",
        tokens: 25_000_000,
        price: 200.0,
    },
];

/// The package with this id. A stored id that left the catalog reads as free, so an
/// org never loses its dashboard.
pub fn package(id: &str) -> &'static Package {
    PACKAGES
        .iter()
        .find(|package| package.id == id)
        .unwrap_or(&PACKAGES[0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use saasignal_contract::billing::FREE_PACKAGE_ID;

    #[test]
    fn the_free_package_is_the_fallback() {
        assert_eq!(package("gone").id, FREE_PACKAGE_ID);
        assert_eq!(package("pro").id, "pro");
    }

    #[test]
    fn bigger_bundles_are_cheaper_per_token() {
        let rates: Vec<f64> = TOPUP_BUNDLES
            .iter()
            .map(TopupBundle::rate_per_token)
            .collect();
        assert!(rates.windows(2).all(|pair| pair[1] < pair[0]), "{rates:?}");
    }
}

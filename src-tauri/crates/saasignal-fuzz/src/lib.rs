//! What the property tests of the contract, the client and the sandbox share: how many
//! cases each property runs (256, or `SAASIGNAL_FUZZ_CASES`; `cargo xtask soak` sets
//! 1,000,000), and a count of the cases that ran, printed so the soak's figures are read
//! off the output rather than assumed.

use std::sync::atomic::{AtomicU64, Ordering};

use proptest::test_runner::Config;

/// The cases each property runs when `SAASIGNAL_FUZZ_CASES` does not say.
const DEFAULT_CASES: u32 = 256;

/// The settings of every property: the case count, and no failure files written into
/// the source tree (a failure prints its shrunk input instead).
pub fn config() -> Config {
    let cases = std::env::var("SAASIGNAL_FUZZ_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// How many cases of one property ran; reported at its end.
pub struct Count(&'static str, AtomicU64);

impl Count {
    pub const fn new(name: &'static str) -> Self {
        Self(name, AtomicU64::new(0))
    }

    pub fn tick(&self) {
        self.1.fetch_add(1, Ordering::Relaxed);
    }

    pub fn ran(&self) -> u64 {
        self.1.load(Ordering::Relaxed)
    }

    /// Prints `fuzz <name>: <n> cases, 0 panics` (reached only when none panicked).
    pub fn report(&self) {
        println!("fuzz {}: {} cases, 0 panics", self.0, self.ran());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_cases_that_ran() {
        let count = Count::new("test");
        count.tick();
        count.tick();
        assert_eq!(count.ran(), 2);
    }
}

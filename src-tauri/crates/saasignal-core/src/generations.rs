//! A generation number per account, so that what a request brings back after its account
//! was signed out is dropped instead of written back. Signing out starts a new
//! generation and purges under the same lock; a read writes its answer only if its
//! account is still at the generation it started in, and holds the lock while it writes,
//! so the two can never interleave.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::accounts::AccountId;

/// Which generation of an account a request belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Generation(u64);

#[derive(Default)]
pub(crate) struct Generations(Mutex<HashMap<AccountId, u64>>);

impl Generations {
    pub fn current(&self, account: &AccountId) -> Generation {
        Generation(self.lock().get(account).copied().unwrap_or(0))
    }

    /// Runs `write` if `account` is still at `seen`; `None` when it was signed out since.
    /// Blocking: call it from `spawn_blocking` when `write` is.
    pub fn write_if_current<T>(
        &self,
        account: &AccountId,
        seen: Generation,
        write: impl FnOnce() -> T,
    ) -> Option<T> {
        let generations = self.lock();
        let now = Generation(generations.get(account).copied().unwrap_or(0));
        (now == seen).then(write)
    }

    /// Starts a new generation of `account` and runs `purge` before any write of the
    /// old one can follow.
    pub fn advance<T>(&self, account: &AccountId, purge: impl FnOnce() -> T) -> T {
        let mut generations = self.lock();
        *generations.entry(account.clone()).or_default() += 1;
        purge()
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<AccountId, u64>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_from_before_a_sign_out_is_dropped() {
        let generations = Generations::default();
        let account = AccountId::generate();
        let other = AccountId::generate();
        let seen = generations.current(&account);
        assert_eq!(generations.write_if_current(&account, seen, || 1), Some(1));
        generations.advance(&account, || ());
        assert_eq!(generations.write_if_current(&account, seen, || 2), None);
        let fresh = generations.current(&account);
        assert_eq!(generations.write_if_current(&account, fresh, || 3), Some(3));
        let untouched = generations.current(&other);
        assert_eq!(
            generations.write_if_current(&other, untouched, || 4),
            Some(4)
        );
    }
}

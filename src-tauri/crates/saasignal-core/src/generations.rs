//! What keeps a late answer from overwriting newer data in the cache.
//!
//! - A generation number per account: signing out starts a new generation and purges
//!   under the same lock, so what a request brings back afterwards is dropped instead of
//!   bringing the signed-out account's data back.
//! - A write count per account and list: a write the server accepted bumps it when its
//!   change reaches the cache. A list read that started before such a write may hold the
//!   server's rows from before it, so it must not replace the cached rows (the new row
//!   would vanish until the next refresh); it reads again instead.
//!
//! Every check and the cache write it guards run under one lock, so they never
//! interleave.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::accounts::AccountId;
use crate::events::Resource;

/// Which generation of an account a request belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Generation(u64);

/// What a list read saw when it started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ReadStart {
    pub generation: Generation,
    writes: u64,
}

/// What became of a list read's answer.
pub(crate) enum Replaced<T> {
    Written(T),
    /// The account was signed out meanwhile: nothing was written.
    SignedOut,
    /// A write to the list landed meanwhile: nothing was written, read again.
    Overtaken,
}

#[derive(Default)]
struct State {
    generations: HashMap<AccountId, u64>,
    writes: HashMap<(AccountId, Resource), u64>,
}

impl State {
    fn generation(&self, account: &AccountId) -> Generation {
        Generation(self.generations.get(account).copied().unwrap_or(0))
    }

    fn writes(&self, account: &AccountId, list: Resource) -> u64 {
        let key = (account.clone(), list);
        self.writes.get(&key).copied().unwrap_or(0)
    }
}

#[derive(Default)]
pub(crate) struct Generations(Mutex<State>);

impl Generations {
    pub fn current(&self, account: &AccountId) -> Generation {
        self.lock().generation(account)
    }

    /// Notes where `account`'s `list` stands before it is read from the server.
    pub fn read_start(&self, account: &AccountId, list: Resource) -> ReadStart {
        let state = self.lock();
        ReadStart {
            generation: state.generation(account),
            writes: state.writes(account, list),
        }
    }

    /// Runs a write's cache change if `account` is still at `seen`, and counts it against
    /// each of the `changed` lists; `None` when the account was signed out since.
    /// Blocking: call it from `spawn_blocking` when `write` is.
    pub fn write_if_current<T>(
        &self,
        account: &AccountId,
        seen: Generation,
        changed: &[Resource],
        write: impl FnOnce() -> T,
    ) -> Option<T> {
        let mut state = self.lock();
        if state.generation(account) != seen {
            return None;
        }
        let outcome = write();
        for &list in changed {
            *state.writes.entry((account.clone(), list)).or_default() += 1;
        }
        Some(outcome)
    }

    /// Runs `replace` (a list read's answer into the cache) only if neither a sign-out
    /// nor a write to `list` came since `start`.
    pub fn replace_if_unchanged<T>(
        &self,
        account: &AccountId,
        list: Resource,
        start: ReadStart,
        replace: impl FnOnce() -> T,
    ) -> Replaced<T> {
        let state = self.lock();
        if state.generation(account) != start.generation {
            Replaced::SignedOut
        } else if state.writes(account, list) != start.writes {
            Replaced::Overtaken
        } else {
            Replaced::Written(replace())
        }
    }

    /// Starts a new generation of `account` and runs `purge` before any write of the
    /// old one can follow.
    pub fn advance<T>(&self, account: &AccountId, purge: impl FnOnce() -> T) -> T {
        let mut state = self.lock();
        *state.generations.entry(account.clone()).or_default() += 1;
        purge()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
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
        assert_eq!(
            generations.write_if_current(&account, seen, &[], || 1),
            Some(1)
        );
        generations.advance(&account, || ());
        assert_eq!(
            generations.write_if_current(&account, seen, &[], || 2),
            None
        );
        let fresh = generations.current(&account);
        assert_eq!(
            generations.write_if_current(&account, fresh, &[], || 3),
            Some(3)
        );
        let untouched = generations.current(&other);
        assert_eq!(
            generations.write_if_current(&other, untouched, &[], || 4),
            Some(4)
        );
    }

    #[test]
    fn a_list_read_from_before_a_write_to_it_is_not_written() {
        let generations = Generations::default();
        let account = AccountId::generate();
        let projects = generations.read_start(&account, Resource::Projects);
        let tokens = generations.read_start(&account, Resource::Tokens);
        let seen = generations.current(&account);
        generations.write_if_current(&account, seen, &[Resource::Projects], || ());
        assert!(matches!(
            generations.replace_if_unchanged(&account, Resource::Projects, projects, || ()),
            Replaced::Overtaken
        ));
        assert!(matches!(
            generations.replace_if_unchanged(&account, Resource::Tokens, tokens, || ()),
            Replaced::Written(())
        ));
        let again = generations.read_start(&account, Resource::Projects);
        assert!(matches!(
            generations.replace_if_unchanged(&account, Resource::Projects, again, || ()),
            Replaced::Written(())
        ));
        generations.advance(&account, || ());
        assert!(matches!(
            generations.replace_if_unchanged(&account, Resource::Projects, again, || ()),
            Replaced::SignedOut
        ));
    }
}

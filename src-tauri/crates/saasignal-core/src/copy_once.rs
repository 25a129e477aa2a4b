//! A new API key's secret is shown once. Creating a token hands the UI a [`RevealHandle`],
//! never the secret; the secret waits here until the dialog closes ([`PendingSecrets::discard`])
//! or [`HOLD_LIMIT`] passes, whichever is first, and is zeroized when it goes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use rand::RngCore;
use saasignal_model::{Minted, Token};
use saasignal_secret::Secret;
use serde::{Deserialize, Serialize};

use crate::accounts::AccountId;

/// How long an unclaimed secret is kept.
pub const HOLD_LIMIT: Duration = Duration::from_secs(5 * 60);

/// An opaque, unguessable name for one held secret; safe to give to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RevealHandle(String);

impl RevealHandle {
    fn random() -> Self {
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        Self(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for RevealHandle {
    fn from(value: String) -> Self {
        Self(value)
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CopyOnceError {
    #[error(
        "This secret is no longer available: it is shown only once, and only for 5 minutes after the token is created."
    )]
    Gone,
}

struct Held {
    secret: Secret,
    account: AccountId,
    /// The cache's record of a key on its way to the person (see `pending_reveals`).
    reveal_record: Option<i64>,
    key: Option<Token>,
    until: Instant,
}

/// What a secret is held for.
pub struct Hold {
    pub secret: Secret,
    pub account: AccountId,
    pub reveal_record: Option<i64>,
    /// The API key the secret belongs to, so its dialog can be shown again if the window
    /// loses its page; none for a browser token, which its own panel shows again.
    pub key: Option<Token>,
    /// How long it stays: [`HOLD_LIMIT`] for a new key, its own lifetime for a browser token.
    pub limit: Duration,
}

type HeldMap = HashMap<RevealHandle, Held>;

/// The secrets waiting for their dialog. Cheap to clone (shared).
#[derive(Clone, Default)]
pub struct PendingSecrets {
    held: Arc<Mutex<HeldMap>>,
}

impl PendingSecrets {
    /// Keeps the secret and returns the handle the UI will use for it. On a tokio
    /// runtime a timer drops it when its time is up, even if nothing else happens.
    pub fn hold(&self, hold: Hold) -> RevealHandle {
        let handle = RevealHandle::random();
        let until = Instant::now() + hold.limit;
        let limit = hold.limit;
        {
            let mut held = self.lock();
            drop_expired(&mut held);
            held.insert(
                handle.clone(),
                Held {
                    secret: hold.secret,
                    account: hold.account,
                    reveal_record: hold.reveal_record,
                    key: hold.key,
                    until,
                },
            );
        }
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let held = Arc::downgrade(&self.held);
            let expiring = handle.clone();
            runtime.spawn(async move {
                tokio::time::sleep(limit).await;
                // The timer fires when the time is up: the secret is dropped, and so
                // zeroized, here. The entry stays until its dialog closes its record.
                if let Some(held) = held.upgrade()
                    && let Some(entry) = held
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .get_mut(&expiring)
                {
                    entry.secret = Secret::new(String::new());
                }
            });
        }
        handle
    }

    /// Runs `use_secret` with the held secret (to reveal or copy it).
    pub fn with_secret<T>(
        &self,
        handle: &RevealHandle,
        use_secret: impl FnOnce(&Secret) -> T,
    ) -> Result<T, CopyOnceError> {
        let mut held = self.lock();
        drop_expired(&mut held);
        held.get(handle)
            .filter(|entry| !entry.secret.is_empty())
            .map(|entry| use_secret(&entry.secret))
            .ok_or(CopyOnceError::Gone)
    }

    /// The dialog closed: the secret is dropped (and so zeroized) now. Returns its
    /// record, for the caller to close.
    pub fn discard(&self, handle: &RevealHandle) -> Option<i64> {
        self.lock()
            .remove(handle)
            .and_then(|entry| entry.reveal_record)
    }

    /// Drops every held secret (on quit); returns their records.
    pub fn discard_all(&self) -> Vec<i64> {
        self.lock()
            .drain()
            .filter_map(|(_, entry)| entry.reveal_record)
            .collect()
    }

    /// Drops the secrets of one account (on its sign-out); returns their records.
    pub fn discard_account(&self, account: &AccountId) -> Vec<i64> {
        let mut held = self.lock();
        let gone: Vec<RevealHandle> = held
            .iter()
            .filter(|(_, entry)| &entry.account == account)
            .map(|(handle, _)| handle.clone())
            .collect();
        gone.iter()
            .filter_map(|handle| held.remove(handle).and_then(|entry| entry.reveal_record))
            .collect()
    }

    /// The API keys whose secret still waits for its dialog, each as its dialog shows it.
    pub fn waiting_keys(&self) -> Vec<Minted<Token, RevealHandle>> {
        let mut held = self.lock();
        drop_expired(&mut held);
        held.iter()
            .filter(|(_, entry)| !entry.secret.is_empty())
            .filter_map(|(handle, entry)| {
                entry.key.clone().map(|item| Minted {
                    item,
                    secret: handle.clone(),
                })
            })
            .collect()
    }

    /// How many secrets are still usable.
    pub fn live(&self) -> usize {
        let mut held = self.lock();
        drop_expired(&mut held);
        held.values()
            .filter(|entry| !entry.secret.is_empty())
            .count()
    }

    fn lock(&self) -> MutexGuard<'_, HeldMap> {
        // A panic while holding the lock leaves only a map of secrets behind; keep going.
        self.held.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Empties the secrets whose time is up. The entry itself stays (with its record)
/// until its dialog closes, so the record is closed then, not lost.
fn drop_expired(held: &mut HeldMap) {
    let now = Instant::now();
    for entry in held.values_mut() {
        if entry.until <= now && !entry.secret.is_empty() {
            entry.secret = Secret::new(String::new());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hold(pending: &PendingSecrets, value: &str, limit: Duration) -> RevealHandle {
        pending.hold(Hold {
            secret: Secret::new(value),
            account: AccountId::from("acc_1".to_owned()),
            reveal_record: Some(7),
            key: None,
            limit,
        })
    }

    #[test]
    fn a_held_secret_can_be_used_until_discarded() {
        let pending = PendingSecrets::default();
        let handle = hold(&pending, "sk_live_abc", HOLD_LIMIT);
        assert_eq!(
            pending.with_secret(&handle, |s| s.expose().to_owned()),
            Ok("sk_live_abc".to_owned())
        );
        // Revealing twice while the dialog is open is fine (reveal, then copy).
        assert!(pending.with_secret(&handle, |_| ()).is_ok());
        assert_eq!(pending.discard(&handle), Some(7));
        assert_eq!(
            pending.with_secret(&handle, |_| ()),
            Err(CopyOnceError::Gone)
        );
    }

    #[test]
    fn secrets_expire_after_their_limit_but_keep_their_record_for_the_dialog() {
        let pending = PendingSecrets::default();
        let handle = hold(&pending, "sk_live_abc", Duration::from_millis(20));
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(
            pending.with_secret(&handle, |_| ()),
            Err(CopyOnceError::Gone)
        );
        assert_eq!(pending.live(), 0);
        assert_eq!(
            pending.discard(&handle),
            Some(7),
            "closed when the dialog closes"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_timer_drops_the_secret_even_when_nothing_else_happens() {
        let pending = PendingSecrets::default();
        let handle = hold(&pending, "sk_live_abc", HOLD_LIMIT);
        tokio::time::sleep(HOLD_LIMIT - Duration::from_secs(1)).await;
        assert!(pending.with_secret(&handle, |_| ()).is_ok());
        tokio::time::sleep(Duration::from_secs(2)).await;
        // The timer ran on its own: the entry holds nothing any more.
        let emptied = pending
            .lock()
            .get(&handle)
            .is_some_and(|entry| entry.secret.is_empty());
        assert!(emptied);
    }

    #[test]
    fn handles_are_unguessable_and_distinct() {
        let pending = PendingSecrets::default();
        let first = hold(&pending, "a", HOLD_LIMIT);
        let second = hold(&pending, "b", HOLD_LIMIT);
        assert_ne!(first, second);
        assert_eq!(first.as_str().len(), 32);
        assert!(first.as_str().chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(
            pending.with_secret(&RevealHandle::from("nope".to_owned()), |_| ()),
            Err(CopyOnceError::Gone)
        );
    }

    #[test]
    fn discarding_an_account_keeps_the_others() {
        let pending = PendingSecrets::default();
        let mine = hold(&pending, "a", HOLD_LIMIT);
        let theirs = pending.hold(Hold {
            secret: Secret::new("b"),
            account: AccountId::from("acc_2".to_owned()),
            reveal_record: None,
            key: None,
            limit: HOLD_LIMIT,
        });
        assert_eq!(
            pending.discard_account(&AccountId::from("acc_1".to_owned())),
            [7]
        );
        assert!(pending.with_secret(&mine, |_| ()).is_err());
        assert!(pending.with_secret(&theirs, |_| ()).is_ok());
        assert!(pending.discard_all().is_empty());
    }
}

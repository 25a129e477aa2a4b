//! A new API key's secret is shown once. Creating a token hands the UI a [`RevealHandle`],
//! never the secret; the secret waits here until the dialog closes ([`PendingSecrets::discard`])
//! or [`HOLD_LIMIT`] passes, whichever is first, and is zeroized when it goes.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rand::RngCore;
use saasignal_secret::Secret;
use serde::{Deserialize, Serialize};

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
    since: Instant,
}

/// The secrets waiting for their dialog.
pub struct PendingSecrets {
    held: Mutex<HashMap<RevealHandle, Held>>,
    limit: Duration,
}

impl Default for PendingSecrets {
    fn default() -> Self {
        Self::with_limit(HOLD_LIMIT)
    }
}

impl PendingSecrets {
    pub fn with_limit(limit: Duration) -> Self {
        Self {
            held: Mutex::new(HashMap::new()),
            limit,
        }
    }

    /// Keeps `secret` and returns the handle the UI will use for it.
    pub fn hold(&self, secret: Secret) -> RevealHandle {
        let handle = RevealHandle::random();
        let mut held = self.lock();
        Self::drop_expired(&mut held, self.limit);
        held.insert(
            handle.clone(),
            Held {
                secret,
                since: Instant::now(),
            },
        );
        handle
    }

    /// Runs `use_secret` with the held secret (to reveal or copy it).
    pub fn with_secret<T>(
        &self,
        handle: &RevealHandle,
        use_secret: impl FnOnce(&Secret) -> T,
    ) -> Result<T, CopyOnceError> {
        let mut held = self.lock();
        Self::drop_expired(&mut held, self.limit);
        held.get(handle)
            .map(|entry| use_secret(&entry.secret))
            .ok_or(CopyOnceError::Gone)
    }

    /// The dialog closed: the secret is dropped (and so zeroized) now.
    pub fn discard(&self, handle: &RevealHandle) {
        self.lock().remove(handle);
    }

    /// Drops every held secret (on quit, on sign-out).
    pub fn discard_all(&self) {
        self.lock().clear();
    }

    /// Drops what has been held longer than the limit; returns how many remain.
    pub fn sweep(&self) -> usize {
        let mut held = self.lock();
        Self::drop_expired(&mut held, self.limit);
        held.len()
    }

    fn drop_expired(held: &mut HashMap<RevealHandle, Held>, limit: Duration) {
        held.retain(|_, entry| entry.since.elapsed() < limit);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<RevealHandle, Held>> {
        // A panic while holding the lock leaves only a map of secrets behind; keep going.
        self.held
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_secret_can_be_used_until_discarded() {
        let pending = PendingSecrets::default();
        let handle = pending.hold(Secret::new("sk_live_abc"));
        assert_eq!(
            pending.with_secret(&handle, |s| s.expose().to_owned()),
            Ok("sk_live_abc".to_owned())
        );
        // Revealing twice while the dialog is open is fine (reveal, then copy).
        assert!(pending.with_secret(&handle, |_| ()).is_ok());
        pending.discard(&handle);
        assert_eq!(
            pending.with_secret(&handle, |_| ()),
            Err(CopyOnceError::Gone)
        );
    }

    #[test]
    fn secrets_expire_after_the_limit() {
        let pending = PendingSecrets::with_limit(Duration::from_millis(20));
        let handle = pending.hold(Secret::new("sk_live_abc"));
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(
            pending.with_secret(&handle, |_| ()),
            Err(CopyOnceError::Gone)
        );
        assert_eq!(pending.sweep(), 0);
    }

    #[test]
    fn handles_are_unguessable_and_distinct() {
        let pending = PendingSecrets::default();
        let first = pending.hold(Secret::new("a"));
        let second = pending.hold(Secret::new("b"));
        assert_ne!(first, second);
        assert_eq!(first.as_str().len(), 32);
        assert!(first.as_str().chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(
            pending.with_secret(&RevealHandle::from("nope".to_owned()), |_| ()),
            Err(CopyOnceError::Gone)
        );
    }

    #[test]
    fn discard_all_forgets_everything() {
        let pending = PendingSecrets::default();
        let handle = pending.hold(Secret::new("a"));
        pending.discard_all();
        assert_eq!(
            pending.with_secret(&handle, |_| ()),
            Err(CopyOnceError::Gone)
        );
    }
}

//! [`CredentialStore`]: what the app asks of wherever credentials are kept, and the
//! start-up self-check that proves the store really keeps them.

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use saasignal_secret::Secret;

use crate::error::VaultError;

/// The future every store call returns (boxed, so the trait can be used as
/// `Arc<dyn CredentialStore>`).
pub type VaultFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, VaultError>> + Send + 'a>>;

/// The account id the self-check writes, reads back and deletes.
pub(crate) const PROBE_ACCOUNT: &str = "saasignal-self-check";

/// What a successful [`CredentialStore::self_check`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfCheck {
    /// Where credentials are kept, e.g. "Secret Service (gnome-keyring)".
    pub backend: String,
    /// How long the write, read and delete took together.
    pub round_trip: Duration,
}

/// One credential per account id: set, get, delete.
pub trait CredentialStore: Send + Sync {
    /// Where credentials are kept, for people: e.g. "macOS Keychain".
    fn backend_name(&self) -> String;

    /// Stores `secret` for `account_id`, replacing any earlier one.
    fn set<'a>(&'a self, account_id: &'a str, secret: &'a Secret) -> VaultFuture<'a, ()>;

    /// The credential of `account_id`, or `None` when there is none.
    fn get<'a>(&'a self, account_id: &'a str) -> VaultFuture<'a, Option<Secret>>;

    /// Deletes the credential of `account_id`; `false` when there was none.
    fn delete<'a>(&'a self, account_id: &'a str) -> VaultFuture<'a, bool>;

    /// Every account id with a credential here, to find those no account owns any more.
    /// A store that cannot list its entries answers with an error.
    fn stored_accounts(&self) -> VaultFuture<'_, Vec<String>> {
        Box::pin(async {
            Err(VaultError::Keychain {
                detail: format!("{} cannot list its entries", self.backend_name()),
            })
        })
    }

    /// Proves the store works: writes a random probe value, reads it back, deletes
    /// it and checks it is gone. Run at start-up; an error means no credential can
    /// be kept, and says why.
    fn self_check(&self) -> VaultFuture<'_, SelfCheck> {
        Box::pin(async move {
            let round_trip = probe(self).await?;
            Ok(SelfCheck {
                backend: self.backend_name(),
                round_trip,
            })
        })
    }
}

/// The write, read-back and delete of [`CredentialStore::self_check`].
pub(crate) async fn probe<S: CredentialStore + ?Sized>(store: &S) -> Result<Duration, VaultError> {
    let started = Instant::now();
    let value = Secret::new(probe_value());
    store.set(PROBE_ACCOUNT, &value).await?;
    let read_back = store.get(PROBE_ACCOUNT).await;
    // Removed even when the read failed, so no probe is left behind.
    let deleted = store.delete(PROBE_ACCOUNT).await;
    if read_back?.as_ref() != Some(&value) {
        return Err(keeps_nothing("did not give back the value just written"));
    }
    if !deleted? {
        return Err(keeps_nothing(
            "had no entry to delete right after writing one",
        ));
    }
    if store.get(PROBE_ACCOUNT).await?.is_some() {
        return Err(keeps_nothing("still had the entry after deleting it"));
    }
    Ok(started.elapsed())
}

fn keeps_nothing(what: &str) -> VaultError {
    VaultError::Keychain {
        detail: format!("the self-check's probe entry was not kept: the keychain {what}"),
    }
}

/// A value no earlier probe wrote: the process id and the current time.
fn probe_value() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos());
    format!("probe-{}-{nanos}", std::process::id())
}

/// Every account id is filed under: one without a visible character is refused.
pub(crate) fn checked_account(account_id: &str) -> Result<&str, VaultError> {
    if account_id.trim().is_empty() {
        Err(VaultError::InvalidAccountId)
    } else {
        Ok(account_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryStore;

    /// Accepts every write and keeps none, like a store that silently drops data.
    struct Forgetful;

    impl CredentialStore for Forgetful {
        fn backend_name(&self) -> String {
            "Forgetful".into()
        }

        fn set<'a>(&'a self, _: &'a str, _: &'a Secret) -> VaultFuture<'a, ()> {
            Box::pin(async { Ok(()) })
        }

        fn get<'a>(&'a self, _: &'a str) -> VaultFuture<'a, Option<Secret>> {
            Box::pin(async { Ok(None) })
        }

        fn delete<'a>(&'a self, _: &'a str) -> VaultFuture<'a, bool> {
            Box::pin(async { Ok(false) })
        }
    }

    #[tokio::test]
    async fn self_check_catches_a_store_that_keeps_nothing() {
        let error = Forgetful.self_check().await.unwrap_err();
        assert_eq!(error.code().as_str(), "keychain_error");
        assert!(error.to_string().contains("did not give back"), "{error}");
    }

    #[tokio::test]
    async fn self_check_reports_backend_and_timing() {
        let report = MemoryStore::new().self_check().await.unwrap();
        assert_eq!(report.backend, "Memory (tests only)");
        assert!(report.round_trip < Duration::from_secs(1));
    }

    #[test]
    fn probe_values_differ() {
        let first = probe_value();
        std::thread::sleep(Duration::from_millis(1));
        assert_ne!(first, probe_value());
    }
}

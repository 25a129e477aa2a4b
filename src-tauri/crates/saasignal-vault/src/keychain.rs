//! [`KeychainStore`]: the operating system's keychain through `keyring` 4.
//!
//! `keyring`'s `v1` API sets the platform's store as keyring-core's default store
//! on first use, once per process; [`keyring::Entry::store_status`] reports how that
//! went, so every call checks it first and a missing keychain surfaces as
//! [`VaultError::Unavailable`] rather than as a confusing per-entry error.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use saasignal_secret::Secret;

use crate::backend;
use crate::blocking::run_with_deadline;
use crate::error::VaultError;
use crate::store::{
    CredentialStore, PROBE_ACCOUNT, SelfCheck, VaultFuture, checked_account, probe,
};

/// The app identifier every entry is filed under (the keychain's "service").
pub const APP_SERVICE: &str = "dev.saasignal.admin";

/// How long one keychain call may take before [`VaultError::Timeout`]: long enough for a
/// person to notice an unlock prompt and type a password. The app says that the
/// keychain is waiting for them long before this (see `saasignal-core`).
pub const DEFAULT_CALL_TIMEOUT: Duration = Duration::from_secs(120);

/// Credentials in the OS keychain, one entry per account: service = the app
/// identifier, user = the account id. Each call runs on a thread of its own and
/// fails with [`VaultError::Timeout`] past its deadline; needs a tokio runtime with
/// its time driver.
#[derive(Debug, Clone)]
pub struct KeychainStore {
    service: Arc<str>,
    call_timeout: Duration,
    detected_backend: Arc<OnceLock<String>>,
}

impl KeychainStore {
    /// A store filing entries under `service` (normally [`APP_SERVICE`]).
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: Arc::from(service.into()),
            call_timeout: DEFAULT_CALL_TIMEOUT,
            detected_backend: Arc::new(OnceLock::new()),
        }
    }

    /// The same store with another per-call deadline (2 minutes by default).
    pub fn with_call_timeout(mut self, call_timeout: Duration) -> Self {
        self.call_timeout = call_timeout;
        self
    }

    /// The service entries are filed under.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// Runs `call` on the entry for `account_id`, off the async threads, within the deadline.
    async fn with_entry<T, F>(&self, account_id: &str, call: F) -> Result<T, VaultError>
    where
        T: Send + 'static,
        F: FnOnce(&keyring::Entry) -> Result<T, keyring::Error> + Send + 'static,
    {
        let account_id = checked_account(account_id)?.to_owned();
        let service = self.service.clone();
        run_with_deadline(self.call_timeout, move || {
            if let Err(error) = keyring::Entry::store_status() {
                return Err(VaultError::from_store_init(error));
            }
            let entry = keyring::Entry::new(&service, &account_id)?;
            Ok(call(&entry)?)
        })
        .await
    }
}

impl CredentialStore for KeychainStore {
    fn backend_name(&self) -> String {
        self.detected_backend
            .get()
            .cloned()
            .unwrap_or_else(|| backend::platform_store_name().to_owned())
    }

    fn set<'a>(&'a self, account_id: &'a str, secret: &'a Secret) -> VaultFuture<'a, ()> {
        let secret = secret.clone();
        Box::pin(async move {
            self.with_entry(account_id, move |entry| entry.set_password(secret.expose()))
                .await?;
            tracing::debug!(account_id, "credential stored in the keychain");
            Ok(())
        })
    }

    fn get<'a>(&'a self, account_id: &'a str) -> VaultFuture<'a, Option<Secret>> {
        Box::pin(async move {
            self.with_entry(account_id, |entry| match entry.get_password() {
                Ok(value) => Ok(Some(Secret::new(value))),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(error) => Err(error),
            })
            .await
        })
    }

    fn delete<'a>(&'a self, account_id: &'a str) -> VaultFuture<'a, bool> {
        Box::pin(async move {
            let deleted = self
                .with_entry(account_id, |entry| match entry.delete_credential() {
                    Ok(()) => Ok(true),
                    Err(keyring::Error::NoEntry) => Ok(false),
                    Err(error) => Err(error),
                })
                .await?;
            tracing::debug!(account_id, deleted, "credential deleted from the keychain");
            Ok(deleted)
        })
    }

    /// Every account id with an entry under this store's service (the self-check's
    /// probe excepted). Searches the keychain: the Secret Service by attribute, the
    /// macOS keychain by service; a store that cannot search says so as an error.
    fn stored_accounts(&self) -> VaultFuture<'_, Vec<String>> {
        let service = self.service.clone();
        Box::pin(async move {
            run_with_deadline(self.call_timeout, move || {
                if let Err(error) = keyring::Entry::store_status() {
                    return Err(VaultError::from_store_init(error));
                }
                let spec = std::collections::HashMap::from([("service", service.as_ref())]);
                let found = keyring_core::Entry::search(&spec)?;
                let mut accounts: Vec<String> = found
                    .iter()
                    .filter_map(keyring_core::Entry::get_specifiers)
                    .filter(|(of_service, user)| {
                        of_service.as_str() == service.as_ref() && user != PROBE_ACCOUNT
                    })
                    .map(|(_, user)| user)
                    .collect();
                accounts.sort();
                accounts.dedup();
                Ok(accounts)
            })
            .await
        })
    }

    /// The probe of [`CredentialStore::self_check`], then the name of the program
    /// answering as the keychain, which [`CredentialStore::backend_name`] reports
    /// from then on.
    fn self_check(&self) -> VaultFuture<'_, SelfCheck> {
        Box::pin(async move {
            let round_trip = probe(self).await?;
            let detected =
                run_with_deadline(self.call_timeout, || Ok(backend::detect_store_name()))
                    .await
                    .unwrap_or_else(|_| backend::platform_store_name().to_owned());
            let backend = self.detected_backend.get_or_init(|| detected).clone();
            tracing::info!(%backend, round_trip_ms = round_trip.as_millis() as u64, "keychain self-check passed");
            Ok(SelfCheck {
                backend,
                round_trip,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn blank_account_ids_never_reach_the_keychain() {
        let store = KeychainStore::new("dev.saasignal.admin.unit-test");
        let error = store.get(" ").await.unwrap_err();
        assert_eq!(error, VaultError::InvalidAccountId);
        let error = store.set("", &Secret::new("x")).await.unwrap_err();
        assert_eq!(error, VaultError::InvalidAccountId);
    }

    #[test]
    fn defaults() {
        let store = KeychainStore::new(APP_SERVICE);
        assert_eq!(store.service(), "dev.saasignal.admin");
        assert_eq!(store.call_timeout, Duration::from_secs(120));
        assert_eq!(
            store
                .with_call_timeout(Duration::from_millis(10))
                .call_timeout,
            Duration::from_millis(10)
        );
    }

    #[test]
    fn backend_name_before_the_self_check_is_the_platform_store() {
        let store = KeychainStore::new(APP_SERVICE);
        assert_eq!(store.backend_name(), backend::platform_store_name());
    }
}

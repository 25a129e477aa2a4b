//! [`MemoryStore`]: a store that forgets everything when dropped, for unit tests.
//! Compiled only for this crate's tests or with the `memory-store` feature.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use saasignal_secret::Secret;

use crate::store::{CredentialStore, VaultFuture, checked_account};

/// Credentials in a map, for tests. Not a keychain: never use it in the app.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, Secret>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many credentials it holds.
    pub fn len(&self) -> usize {
        self.entries().len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries().is_empty()
    }

    fn entries(&self) -> MutexGuard<'_, HashMap<String, Secret>> {
        // A test that panicked while holding the lock left a usable map behind.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl CredentialStore for MemoryStore {
    fn backend_name(&self) -> String {
        "Memory (tests only)".to_owned()
    }

    fn set<'a>(&'a self, account_id: &'a str, secret: &'a Secret) -> VaultFuture<'a, ()> {
        Box::pin(async move {
            let account_id = checked_account(account_id)?;
            self.entries().insert(account_id.to_owned(), secret.clone());
            Ok(())
        })
    }

    fn get<'a>(&'a self, account_id: &'a str) -> VaultFuture<'a, Option<Secret>> {
        Box::pin(async move {
            let account_id = checked_account(account_id)?;
            Ok(self.entries().get(account_id).cloned())
        })
    }

    fn delete<'a>(&'a self, account_id: &'a str) -> VaultFuture<'a, bool> {
        Box::pin(async move {
            let account_id = checked_account(account_id)?;
            Ok(self.entries().remove(account_id).is_some())
        })
    }

    fn stored_accounts(&self) -> VaultFuture<'_, Vec<String>> {
        Box::pin(async move {
            let mut accounts: Vec<String> = self.entries().keys().cloned().collect();
            accounts.sort();
            Ok(accounts)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::error::VaultError;
    use std::sync::Arc;

    use super::*;

    #[tokio::test]
    async fn set_get_replace_delete() {
        let store = MemoryStore::new();
        assert_eq!(store.get("acct_1").await, Ok(None));
        store.set("acct_1", &Secret::new("first")).await.unwrap();
        store.set("acct_1", &Secret::new("second")).await.unwrap();
        store.set("acct_2", &Secret::new("other")).await.unwrap();
        assert_eq!(
            store.get("acct_1").await.unwrap().unwrap().expose(),
            "second"
        );
        assert_eq!(
            store.get("acct_2").await.unwrap().unwrap().expose(),
            "other"
        );
        assert_eq!(store.delete("acct_1").await, Ok(true));
        assert_eq!(store.delete("acct_1").await, Ok(false));
        assert_eq!(store.get("acct_1").await, Ok(None));
        assert_eq!(store.len(), 1);
    }

    #[tokio::test]
    async fn blank_account_ids_are_refused() {
        let store = MemoryStore::new();
        for account in ["", "  "] {
            let error = store.set(account, &Secret::new("x")).await.unwrap_err();
            assert_eq!(error.code().as_str(), "invalid_account_id");
            assert_eq!(store.get(account).await, Err(VaultError::InvalidAccountId));
            assert_eq!(
                store.delete(account).await,
                Err(VaultError::InvalidAccountId)
            );
        }
        assert!(store.is_empty());
    }

    #[tokio::test]
    async fn self_check_leaves_nothing_behind() {
        let store = MemoryStore::new();
        store.set("acct_1", &Secret::new("kept")).await.unwrap();
        let report = store.self_check().await.unwrap();
        assert_eq!(report.backend, "Memory (tests only)");
        assert_eq!(store.len(), 1);
    }

    #[tokio::test]
    async fn usable_as_a_shared_trait_object() {
        let store: Arc<dyn CredentialStore> = Arc::new(MemoryStore::new());
        let task = {
            let store = store.clone();
            tokio::spawn(async move { store.set("acct_1", &Secret::new("v")).await })
        };
        task.await.unwrap().unwrap();
        assert!(store.get("acct_1").await.unwrap().is_some());
    }

    #[test]
    fn debug_output_hides_values() {
        let store = MemoryStore::new();
        store
            .entries()
            .insert("acct_1".into(), Secret::new("sk_live_hidden"));
        assert!(!format!("{store:?}").contains("sk_live_hidden"));
    }
}

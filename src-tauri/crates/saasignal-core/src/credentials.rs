//! Each account's credential, read from the keychain once and then kept in memory (as a
//! [`Secret`], zeroized when dropped). A refresh makes dozens of requests at once; with a
//! locked keychain, reading it for each would mean as many blocked threads and stacked
//! unlock prompts. One read per account is in flight at a time; the others wait for it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use saasignal_secret::Secret;
use saasignal_vault::{CredentialStore, VaultError};

use crate::accounts::AccountId;

type Slot = Arc<tokio::sync::Mutex<Option<Secret>>>;

#[derive(Default)]
pub(crate) struct Credentials {
    slots: Mutex<HashMap<AccountId, Slot>>,
}

impl Credentials {
    /// The account's credential: from memory, else from the keychain (then kept).
    pub async fn get(
        &self,
        account: &AccountId,
        vault: &dyn CredentialStore,
    ) -> Result<Option<Secret>, VaultError> {
        let slot = self.slot(account);
        let mut held = slot.lock().await;
        if let Some(secret) = held.as_ref() {
            return Ok(Some(secret.clone()));
        }
        let read = vault.get(account.as_str()).await?;
        held.clone_from(&read);
        Ok(read)
    }

    /// Keeps the credential just written to the keychain.
    pub async fn keep(&self, account: &AccountId, secret: &Secret) {
        *self.slot(account).lock().await = Some(secret.clone());
    }

    /// Forgets the account's credential: signed out, or refused by the server (the
    /// keychain is read again next time, in case the person fixed it there).
    pub fn forget(&self, account: &AccountId) {
        self.slots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(account);
    }

    fn slot(&self, account: &AccountId) -> Slot {
        self.slots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(account.clone())
            .or_default()
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use saasignal_vault::{MemoryStore, VaultFuture};

    use super::*;

    /// A keychain that counts reads and answers slowly, like one showing a prompt.
    struct CountingStore {
        inner: MemoryStore,
        reads: AtomicUsize,
    }

    impl CredentialStore for CountingStore {
        fn backend_name(&self) -> String {
            "counting".into()
        }
        fn set<'a>(&'a self, id: &'a str, secret: &'a Secret) -> VaultFuture<'a, ()> {
            self.inner.set(id, secret)
        }
        fn get<'a>(&'a self, id: &'a str) -> VaultFuture<'a, Option<Secret>> {
            Box::pin(async move {
                self.reads.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(50)).await;
                self.inner.get(id).await
            })
        }
        fn delete<'a>(&'a self, id: &'a str) -> VaultFuture<'a, bool> {
            self.inner.delete(id)
        }
    }

    #[tokio::test]
    async fn many_concurrent_requests_read_the_keychain_once() {
        let store = Arc::new(CountingStore {
            inner: MemoryStore::new(),
            reads: AtomicUsize::new(0),
        });
        let account = AccountId::generate();
        store
            .set(account.as_str(), &Secret::new("token"))
            .await
            .unwrap();
        let credentials = Arc::new(Credentials::default());
        let mut reads = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let (credentials, store, account) =
                (credentials.clone(), store.clone(), account.clone());
            reads.spawn(async move { credentials.get(&account, store.as_ref()).await });
        }
        while let Some(answer) = reads.join_next().await {
            assert_eq!(answer.unwrap().unwrap().unwrap().expose(), "token");
        }
        assert_eq!(store.reads.load(Ordering::SeqCst), 1);

        credentials.forget(&account);
        credentials.get(&account, store.as_ref()).await.unwrap();
        assert_eq!(
            store.reads.load(Ordering::SeqCst),
            2,
            "read again after forget"
        );
    }
}

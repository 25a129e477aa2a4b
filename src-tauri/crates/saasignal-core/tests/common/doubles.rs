//! Stand-ins with faults a test switches on: a keychain that fails, stalls or counts
//! its reads, and an account store whose saves fail.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use saasignal_core::accounts::{AccountStore, AccountStoreError, AccountsFile};
use saasignal_core::test_doubles::MemoryAccountStore;
use saasignal_secret::Secret;
use saasignal_vault::{CredentialStore, MemoryStore, VaultError, VaultFuture};

/// A memory keychain whose calls can be made to fail or to answer late.
pub struct FaultyVault {
    inner: MemoryStore,
    pub fail_set: AtomicBool,
    pub fail_delete: AtomicBool,
    /// Added before every call answers.
    pub delay: Mutex<Duration>,
    pub gets: AtomicUsize,
    /// Every value written, so a test can check what happened to it afterwards.
    pub written: Mutex<Vec<Secret>>,
}

impl FaultyVault {
    pub fn new(inner: MemoryStore) -> Self {
        Self {
            inner,
            fail_set: AtomicBool::new(false),
            fail_delete: AtomicBool::new(false),
            delay: Mutex::new(Duration::ZERO),
            gets: AtomicUsize::new(0),
            written: Mutex::new(Vec::new()),
        }
    }

    pub fn len(&self) -> usize {
        self.inner.len()
    }

    /// Writes behind the app's back (as another program could).
    pub async fn put(&self, account: &str, value: &str) {
        self.inner
            .set(account, &Secret::new(value))
            .await
            .expect("memory");
    }

    pub fn last_written(&self) -> Option<Secret> {
        self.written.lock().expect("lock").last().cloned()
    }

    async fn pause(&self) {
        let delay = *self.delay.lock().expect("lock");
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
    }
}

fn refused() -> VaultError {
    VaultError::Locked {
        detail: "test: the keychain refused".into(),
    }
}

impl CredentialStore for FaultyVault {
    fn backend_name(&self) -> String {
        "Faulty memory (tests only)".into()
    }

    fn set<'a>(&'a self, account_id: &'a str, secret: &'a Secret) -> VaultFuture<'a, ()> {
        Box::pin(async move {
            self.pause().await;
            self.written.lock().expect("lock").push(secret.clone());
            if self.fail_set.load(Ordering::SeqCst) {
                return Err(refused());
            }
            self.inner.set(account_id, secret).await
        })
    }

    fn get<'a>(&'a self, account_id: &'a str) -> VaultFuture<'a, Option<Secret>> {
        Box::pin(async move {
            self.pause().await;
            self.gets.fetch_add(1, Ordering::SeqCst);
            self.inner.get(account_id).await
        })
    }

    fn delete<'a>(&'a self, account_id: &'a str) -> VaultFuture<'a, bool> {
        Box::pin(async move {
            self.pause().await;
            if self.fail_delete.load(Ordering::SeqCst) {
                return Err(refused());
            }
            self.inner.delete(account_id).await
        })
    }

    fn stored_accounts(&self) -> VaultFuture<'_, Vec<String>> {
        self.inner.stored_accounts()
    }
}

/// Accounts in memory whose saves fail while `fail_saves` is set.
#[derive(Default)]
pub struct FlakyAccountStore {
    inner: MemoryAccountStore,
    pub fail_saves: AtomicBool,
    pub complete: AtomicBool,
}

impl FlakyAccountStore {
    pub fn new() -> Self {
        let store = Self::default();
        store.complete.store(true, Ordering::SeqCst);
        store
    }
}

impl AccountStore for FlakyAccountStore {
    fn load(&self) -> Result<AccountsFile, AccountStoreError> {
        self.inner.load()
    }

    fn save(&self, file: &AccountsFile) -> Result<(), AccountStoreError> {
        if self.fail_saves.load(Ordering::SeqCst) {
            return Err(AccountStoreError::Write("test: the disk is full".into()));
        }
        self.inner.save(file)
    }

    fn list_is_complete(&self) -> bool {
        self.complete.load(Ordering::SeqCst)
    }
}

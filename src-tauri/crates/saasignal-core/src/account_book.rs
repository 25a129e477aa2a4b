//! The accounts in memory, written through to their [`AccountStore`] on every change.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::accounts::{Account, AccountId, AccountStore, AccountsFile};
use crate::error::CoreError;

pub(crate) struct AccountBook {
    store: Arc<dyn AccountStore>,
    file: Mutex<AccountsFile>,
}

impl AccountBook {
    pub fn load(store: Arc<dyn AccountStore>) -> Result<Self, CoreError> {
        let file = store.load()?;
        Ok(Self {
            store,
            file: Mutex::new(file),
        })
    }

    /// Whether the store's list is every account there is (see [`AccountStore::list_is_complete`]).
    pub fn list_is_complete(&self) -> bool {
        self.store.list_is_complete()
    }

    /// Reads the store again (after the person fixed its file); the in-memory list is
    /// replaced only by what the store now holds.
    pub fn reload(&self) -> Result<(), CoreError> {
        let file = self.store.load()?;
        *self.lock() = file;
        Ok(())
    }

    pub fn snapshot(&self) -> AccountsFile {
        self.lock().clone()
    }

    pub fn get(&self, id: &AccountId) -> Result<Account, CoreError> {
        self.lock()
            .accounts
            .iter()
            .find(|account| &account.id == id)
            .cloned()
            .ok_or(CoreError::UnknownAccount)
    }

    /// The account already kept for this identity on this server, if any.
    pub fn find(&self, matches: impl Fn(&Account) -> bool) -> Option<Account> {
        self.lock().accounts.iter().find(|a| matches(a)).cloned()
    }

    /// Applies `change` to the whole file and saves it; nothing changes if saving fails.
    pub fn change<T>(
        &self,
        change: impl FnOnce(&mut AccountsFile) -> Result<T, CoreError>,
    ) -> Result<T, CoreError> {
        let mut file = self.lock();
        let mut next = file.clone();
        let outcome = change(&mut next)?;
        if next != *file {
            self.store.save(&next)?;
            *file = next;
        }
        Ok(outcome)
    }

    /// Applies `change` to one account and saves; returns the account as it now is.
    pub fn update(
        &self,
        id: &AccountId,
        change: impl FnOnce(&mut Account),
    ) -> Result<Account, CoreError> {
        self.change(|file| {
            let account = file
                .accounts
                .iter_mut()
                .find(|account| &account.id == id)
                .ok_or(CoreError::UnknownAccount)?;
            change(account);
            Ok(account.clone())
        })
    }

    fn lock(&self) -> MutexGuard<'_, AccountsFile> {
        self.file.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

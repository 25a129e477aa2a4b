//! Account metadata in the app's settings file (tauri-plugin-store). Never a credential:
//! `AccountsFile` has no field that could hold one.

use std::sync::Arc;

use saasignal_core::accounts::{AccountStore, AccountStoreError, AccountsFile};
use tauri::{AppHandle, Runtime};
use tauri_plugin_store::{Store, StoreExt};

const SETTINGS_FILE: &str = "settings.json";
const ACCOUNTS_KEY: &str = "accounts";

pub struct SettingsAccountStore<R: Runtime> {
    store: Arc<Store<R>>,
}

impl<R: Runtime> SettingsAccountStore<R> {
    pub fn open(app: &AppHandle<R>) -> Result<Self, tauri_plugin_store::Error> {
        Ok(Self {
            store: app.store(SETTINGS_FILE)?,
        })
    }
}

impl<R: Runtime> AccountStore for SettingsAccountStore<R> {
    fn load(&self) -> Result<AccountsFile, AccountStoreError> {
        match self.store.get(ACCOUNTS_KEY) {
            None => Ok(AccountsFile::default()),
            Some(value) => serde_json::from_value(value).map_err(|error| {
                AccountStoreError::Read(format!("{SETTINGS_FILE} is not readable: {error}"))
            }),
        }
    }

    fn save(&self, file: &AccountsFile) -> Result<(), AccountStoreError> {
        let value = serde_json::to_value(file)
            .map_err(|error| AccountStoreError::Write(error.to_string()))?;
        self.store.set(ACCOUNTS_KEY, value);
        self.store
            .save()
            .map_err(|error| AccountStoreError::Write(error.to_string()))
    }
}

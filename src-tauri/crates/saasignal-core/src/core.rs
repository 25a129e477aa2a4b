//! [`Core`]: the backend's state, shared by every service.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use saasignal_cache::Cache;
use saasignal_client::{ClientConfig, PlatformClient, RetryPolicy};
use saasignal_secret::Secret;
use saasignal_vault::CredentialStore;

use crate::account_book::AccountBook;
use crate::accounts::{Account, AccountId, AccountState, AccountStore};
use crate::clipboard::SecretClipboard;
use crate::copy_once::PendingSecrets;
use crate::error::CoreError;
use crate::events::{CoreEvent, EventSink};

/// How the core talks to servers; the defaults are production's.
#[derive(Debug, Clone)]
pub struct CoreConfig {
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
    /// How many requests one account's refresh runs at once.
    pub refresh_concurrency: usize,
}

impl Default for CoreConfig {
    fn default() -> Self {
        let defaults = ClientConfig::new("");
        Self {
            connect_timeout: defaults.connect_timeout,
            request_timeout: defaults.request_timeout,
            retry: defaults.retry,
            refresh_concurrency: 8,
        }
    }
}

/// The backend: accounts, their credentials (through the keychain), the cache, the
/// servers, and the secrets waiting to be shown once. Cheap to clone.
#[derive(Clone)]
pub struct Core {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub config: CoreConfig,
    pub accounts: AccountBook,
    pub vault: Arc<dyn CredentialStore>,
    pub cache: Cache,
    pub pending: PendingSecrets,
    pub clipboard: Option<SecretClipboard>,
    pub events: Arc<dyn EventSink>,
    clients: Mutex<HashMap<String, PlatformClient>>,
    local_sandbox_url: Mutex<Option<String>>,
}

/// One account ready to talk to its server.
pub(crate) struct Connection {
    pub account: Account,
    pub client: PlatformClient,
    pub credential: Secret,
}

impl Core {
    pub fn new(
        config: CoreConfig,
        account_store: Arc<dyn AccountStore>,
        vault: Arc<dyn CredentialStore>,
        cache: Cache,
        clipboard: Option<SecretClipboard>,
        events: Arc<dyn EventSink>,
    ) -> Result<Self, CoreError> {
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                accounts: AccountBook::load(account_store)?,
                vault,
                cache,
                pending: PendingSecrets::default(),
                clipboard,
                events,
                clients: Mutex::new(HashMap::new()),
                local_sandbox_url: Mutex::new(None),
            }),
        })
    }

    /// Where the embedded sandbox listens in this run (its port changes per launch).
    pub fn set_local_sandbox_url(&self, url: Option<String>) {
        *self
            .inner
            .local_sandbox_url
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = url;
    }

    /// The server address an account talks to now.
    pub fn effective_base_url(&self, account: &Account) -> Result<String, CoreError> {
        if account.is_local_sandbox {
            return self.local_sandbox_url();
        }
        Ok(account.base_url.clone())
    }

    pub(crate) fn local_sandbox_url(&self) -> Result<String, CoreError> {
        self.inner
            .local_sandbox_url
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
            .ok_or(CoreError::SandboxNotRunning)
    }

    /// A client for `base_url`, made once and reused (it pools connections).
    pub(crate) fn client_for(&self, base_url: &str) -> Result<PlatformClient, CoreError> {
        let mut clients = self
            .inner
            .clients
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(client) = clients.get(base_url) {
            return Ok(client.clone());
        }
        let config = ClientConfig {
            base_url: base_url.to_owned(),
            connect_timeout: self.inner.config.connect_timeout,
            request_timeout: self.inner.config.request_timeout,
            retry: self.inner.config.retry,
        };
        let client = PlatformClient::new(config)?;
        clients.insert(base_url.to_owned(), client.clone());
        Ok(client)
    }

    /// The account, its client and its credential from the keychain.
    pub(crate) async fn connect(&self, id: &AccountId) -> Result<Connection, CoreError> {
        let account = self.inner.accounts.get(id)?;
        let client = self.client_for(&self.effective_base_url(&account)?)?;
        let credential = self
            .inner
            .vault
            .get(id.as_str())
            .await?
            .ok_or(CoreError::SignedOut)?;
        Ok(Connection {
            account,
            client,
            credential,
        })
    }

    /// Records what a failed call says about the account (expired, offline) and
    /// passes the error on.
    pub(crate) fn note_failure(&self, id: &AccountId, error: CoreError) -> CoreError {
        let state = if error.is_unauthorized() {
            Some(AccountState::NeedsSignIn)
        } else if error.is_connectivity() {
            Some(AccountState::Offline)
        } else {
            None
        };
        if let Some(state) = state {
            self.set_state(id, state);
        }
        error
    }

    /// Marks the account reachable and accepted again after a successful call.
    pub(crate) fn note_success(&self, id: &AccountId) {
        self.set_state(id, AccountState::SignedIn);
    }

    pub(crate) fn set_state(&self, id: &AccountId, state: AccountState) {
        let before = self.inner.accounts.get(id).map(|account| account.state);
        if before.as_ref().ok() == Some(&state) {
            return;
        }
        match self
            .inner
            .accounts
            .update(id, |account| account.state = state)
        {
            Ok(_) => self.emit(CoreEvent::AccountState {
                account: id.clone(),
                state,
            }),
            Err(error) => tracing::warn!(%error, "could not record the account's state"),
        }
    }

    pub(crate) fn emit(&self, event: CoreEvent) {
        self.inner.events.emit(event);
    }

    pub fn cache(&self) -> &Cache {
        &self.inner.cache
    }
}

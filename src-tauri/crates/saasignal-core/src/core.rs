//! [`Core`]: the backend's state, shared by every service.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use saasignal_cache::Cache;
use saasignal_client::{
    ApiError, ClientConfig, DEFAULT_MAX_RESPONSE_BYTES, PlatformClient, ProxyPolicy, RetryPolicy,
};
use saasignal_secret::Secret;
use saasignal_vault::CredentialStore;

use crate::account_book::AccountBook;
use crate::accounts::{Account, AccountId, AccountState, AccountStore};
use crate::clipboard::SecretClipboard;
use crate::copy_once::PendingSecrets;
use crate::credentials::Credentials;
use crate::error::CoreError;
use saasignal_model::KeyThresholds;

use crate::events::{CoreEvent, EventSink};
use crate::generations::{Generation, Generations};
use crate::keychain::KeychainWaits;
use crate::notices::Notices;

/// How the core talks to servers; the defaults are production's.
#[derive(Debug, Clone)]
pub struct CoreConfig {
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
    /// How many requests one account's refresh runs at once.
    pub refresh_concurrency: usize,
    /// Whether remote servers are reached through the system's proxy (loopback never is).
    pub proxy: ProxyPolicy,
    /// The largest answer read from a server.
    pub max_response_bytes: u64,
    /// The key rules' thresholds (a preference).
    pub key_thresholds: KeyThresholds,
}

impl Default for CoreConfig {
    fn default() -> Self {
        let defaults = ClientConfig::new("");
        Self {
            connect_timeout: defaults.connect_timeout,
            request_timeout: defaults.request_timeout,
            retry: defaults.retry,
            // A refresh is about 4 requests per org, bound by round trips: with 100 ms
            // each, 50 orgs take 2.7 s at 8 in flight and 0.84 s at 32
            // (`cargo bench -p saasignal-core --bench core -- refresh`). Browsers allow 6
            // connections per host over HTTP/1.1; a desktop client with its own pool and
            // one server to talk to can keep more in flight without a server noticing.
            refresh_concurrency: 32,
            proxy: defaults.proxy,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            key_thresholds: KeyThresholds::default(),
        }
    }
}

/// How long to hold back after a 429 that named no wait.
const DEFAULT_SLOW_DOWN: Duration = Duration::from_secs(5);

/// The backend: accounts, their credentials (through the keychain), the cache, the
/// servers, and the secrets waiting to be shown once. Cheap to clone.
#[derive(Clone)]
pub struct Core {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub config: Mutex<CoreConfig>,
    pub accounts: AccountBook,
    pub vault: Arc<dyn CredentialStore>,
    pub credentials: Credentials,
    pub keychain_waits: KeychainWaits,
    pub generations: Generations,
    pub cache: Cache,
    pub pending: PendingSecrets,
    pub clipboard: Option<SecretClipboard>,
    pub events: Arc<dyn EventSink>,
    pub notices: Notices,
    clients: Mutex<HashMap<String, PlatformClient>>,
    /// Servers that answered 429, and until when nothing more is sent to them.
    slow_down: Mutex<HashMap<String, Instant>>,
    local_sandbox_url: Mutex<Option<String>>,
}

/// One account ready to talk to its server.
pub(crate) struct Connection {
    pub account: Account,
    pub client: PlatformClient,
    pub credential: Secret,
    /// The account's generation when the request started: what comes back is written
    /// to the cache only if the account was not signed out meanwhile.
    pub generation: Generation,
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
        let core = Self {
            inner: Arc::new(Inner {
                config: Mutex::new(config),
                accounts: AccountBook::load(account_store)?,
                vault,
                credentials: Credentials::default(),
                keychain_waits: KeychainWaits::default(),
                generations: Generations::default(),
                cache,
                pending: PendingSecrets::default(),
                clipboard,
                events,
                notices: Notices::default(),
                clients: Mutex::new(HashMap::new()),
                slow_down: Mutex::new(HashMap::new()),
                local_sandbox_url: Mutex::new(None),
            }),
        };
        core.post_unshown_key_notices();
        Ok(core)
    }

    /// Where the embedded sandbox listens in this run (its port changes per launch).
    pub fn set_local_sandbox_url(&self, url: Option<String>) {
        *self
            .inner
            .local_sandbox_url
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = url;
    }

    /// Whether remote servers go through the system's proxy, from now on.
    pub fn set_proxy(&self, proxy: ProxyPolicy) {
        self.inner
            .config
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .proxy = proxy;
        // Clients are built with their proxy: the next request builds new ones.
        self.inner
            .clients
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// The key rules' thresholds, from now on.
    pub fn set_key_thresholds(&self, thresholds: KeyThresholds) {
        self.inner
            .config
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .key_thresholds = thresholds;
    }

    /// What the key rules are judged against now: the clock and the person's thresholds.
    pub(crate) fn key_judge(&self) -> saasignal_cache::KeyJudge {
        saasignal_cache::KeyJudge {
            now: chrono::Utc::now(),
            thresholds: self.config().key_thresholds,
        }
    }

    pub(crate) fn config(&self) -> CoreConfig {
        self.inner
            .config
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
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
        let config = self.config();
        let client = PlatformClient::new(ClientConfig {
            base_url: base_url.to_owned(),
            connect_timeout: config.connect_timeout,
            request_timeout: config.request_timeout,
            retry: config.retry,
            proxy: config.proxy,
            max_response_bytes: config.max_response_bytes,
        })?;
        clients.insert(base_url.to_owned(), client.clone());
        Ok(client)
    }

    /// The account, its client and its credential (from memory, else the keychain once).
    pub(crate) async fn connect(&self, id: &AccountId) -> Result<Connection, CoreError> {
        let generation = self.inner.generations.current(id);
        let account = self.inner.accounts.get(id)?;
        let base_url = self.effective_base_url(&account)?;
        self.check_not_slowed_down(&base_url)?;
        let client = self.client_for(&base_url)?;
        let credential = self
            .keychain(self.inner.credentials.get(id, self.inner.vault.as_ref()))
            .await?
            .ok_or(CoreError::SignedOut)?;
        Ok(Connection {
            account,
            client,
            credential,
            generation,
        })
    }

    /// Refuses at once while the server asked to slow down, so a refresh does not
    /// send it dozens of requests it will refuse.
    fn check_not_slowed_down(&self, base_url: &str) -> Result<(), CoreError> {
        let until = self
            .inner
            .slow_down
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(base_url)
            .copied();
        match until {
            Some(until) if until > Instant::now() => Err(ApiError::RateLimited {
                retry_after: Some(until - Instant::now()),
            }
            .into()),
            _ => Ok(()),
        }
    }

    /// How long the account's server still asked to be left alone, if it did.
    pub(crate) fn slowed_down_for(&self, id: &AccountId) -> Option<Duration> {
        let account = self.inner.accounts.get(id).ok()?;
        let base_url = self.effective_base_url(&account).ok()?;
        let until = *self
            .inner
            .slow_down
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&base_url)?;
        until.checked_duration_since(Instant::now())
    }

    fn slow_down(&self, id: &AccountId, wait: Duration) {
        let Ok(account) = self.inner.accounts.get(id) else {
            return;
        };
        let Ok(base_url) = self.effective_base_url(&account) else {
            return;
        };
        let until = Instant::now() + wait;
        let mut slow_down = self
            .inner
            .slow_down
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let entry = slow_down.entry(base_url).or_insert(until);
        *entry = (*entry).max(until);
    }

    /// Records what a failed call says about the account (expired, offline, asked to
    /// slow down) and passes the error on.
    pub(crate) fn note_failure(&self, id: &AccountId, error: CoreError) -> CoreError {
        if let CoreError::Api(ApiError::RateLimited { retry_after }) = &error {
            self.slow_down(id, retry_after.unwrap_or(DEFAULT_SLOW_DOWN));
        }
        let state = if error.is_unauthorized() {
            // The keychain is read again next time, in case the person fixed it there.
            self.inner.credentials.forget(id);
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

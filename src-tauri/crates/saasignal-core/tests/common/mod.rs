//! A core wired to an in-process sandbox over real HTTP, with an in-memory keychain and
//! clipboard but a real SQLite cache file.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use saasignal_cache::Cache;
use saasignal_client::RetryPolicy;
use saasignal_core::CoreError;
use saasignal_core::accounts::{Account, AccountId};
use saasignal_core::clipboard::SecretClipboard;
use saasignal_core::copy_once::RevealHandle;
use saasignal_core::services::accounts::Server;
use saasignal_core::test_doubles::{MemoryAccountStore, MemoryClipboard, RecordedEvents};
use saasignal_core::{Core, CoreConfig, NewProject, NewToken, ReadMode};
use saasignal_model::{Minted, Token};
use saasignal_sandbox::seed::{DEMO_OWNER, DemoAccount};
use saasignal_sandbox::{DbLocation, Sandbox, SandboxConfig, SandboxHandle};
use saasignal_secret::Secret;
use saasignal_vault::MemoryStore;

pub mod doubles;

use doubles::FaultyVault;
use saasignal_core::accounts::AccountStore;

pub struct Harness {
    pub core: Core,
    pub sandbox: Option<SandboxHandle>,
    pub base_url: String,
    pub clipboard: MemoryClipboard,
    pub events: Arc<RecordedEvents>,
    /// The keychain the core uses: memory, with faults a test can switch on.
    pub vault: Arc<FaultyVault>,
    pub cache_dir: tempfile::TempDir,
    pub sandbox_dir: tempfile::TempDir,
}

pub fn quick_config() -> CoreConfig {
    CoreConfig {
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(2),
        retry: RetryPolicy {
            max_attempts: 2,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(20),
            max_retry_after: Duration::from_millis(50),
        },
        refresh_concurrency: 8,
        ..CoreConfig::default()
    }
}

pub async fn start_sandbox(dir: &std::path::Path) -> SandboxHandle {
    Sandbox::start(SandboxConfig {
        db: DbLocation::File(dir.join("sandbox.db")),
        seed_demo: true,
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox starts")
}

impl Harness {
    pub async fn new() -> Self {
        Self::with_store(Arc::new(MemoryAccountStore::default())).await
    }

    /// A harness whose accounts live in `store`.
    pub async fn with_store(store: Arc<dyn AccountStore>) -> Self {
        let sandbox_dir = tempfile::tempdir().expect("temp dir");
        let cache_dir = tempfile::tempdir().expect("temp dir");
        let sandbox = start_sandbox(sandbox_dir.path()).await;
        let base_url = sandbox.base_url();
        let (cache, _report) = Cache::open(cache_dir.path().join("cache.db")).expect("cache opens");
        let clipboard = MemoryClipboard::default();
        let events = Arc::new(RecordedEvents::default());
        let vault = Arc::new(FaultyVault::new(MemoryStore::new()));
        let core = Core::new(
            quick_config(),
            store,
            vault.clone(),
            cache,
            Some(SecretClipboard::new(Box::new(clipboard.clone()))),
            events.clone(),
        )
        .expect("core starts");
        Self {
            core,
            sandbox: Some(sandbox),
            base_url,
            clipboard,
            events,
            vault,
            cache_dir,
            sandbox_dir,
        }
    }

    pub async fn sign_in(&self, who: &DemoAccount) -> AccountId {
        self.try_sign_in(who).await.expect("signs in").id
    }

    /// Signs in as `who` on the harness's sandbox, as the person would.
    pub async fn try_sign_in(&self, who: &DemoAccount) -> Result<Account, CoreError> {
        self.core
            .sign_in(
                Server::Remote(self.base_url.clone()),
                who.name,
                who.email,
                &Secret::new(who.password),
            )
            .await
    }

    pub async fn demo(&self) -> AccountId {
        self.sign_in(&DEMO_OWNER).await
    }

    /// A harness signed in as the demo owner: (harness, account, the demo org's id read
    /// from the server).
    pub async fn with_demo_org() -> (Self, AccountId, String) {
        let h = Self::new().await;
        let account = h.demo().await;
        let org_id = h.first_org(&account, ReadMode::Network).await;
        (h, account, org_id)
    }

    /// Creates an org-wide key named `name` holding `scopes`, with no expiry.
    pub async fn create_key(
        &self,
        account: &AccountId,
        org_id: &str,
        name: &str,
        scopes: &[&str],
    ) -> Minted<Token, RevealHandle> {
        self.core
            .create_token(account, org_id, key_request(name, scopes))
            .await
            .expect("the key is created")
    }

    /// Adds a new key holding `scopes` (made by `account` in `org_id`) as an account of
    /// its own: (that account, the key).
    pub async fn api_key_account(
        &self,
        account: &AccountId,
        org_id: &str,
        scopes: &[&str],
    ) -> (AccountId, Secret) {
        let created = self
            .create_key(account, org_id, "as an account", scopes)
            .await;
        let key = self.core.reveal_secret(&created.secret).expect("secret");
        let added = self
            .core
            .add_api_key(Server::Remote(self.base_url.clone()), "", &key)
            .await
            .expect("the key is added as an account");
        (added.id, key)
    }

    /// The id of the first org `account` sees, read as `mode` says.
    pub async fn first_org(&self, account: &AccountId, mode: ReadMode) -> String {
        self.core.orgs(account, mode).await.expect("orgs").data[0]
            .id
            .clone()
    }

    pub fn sandbox(&self) -> &SandboxHandle {
        self.sandbox.as_ref().expect("sandbox running")
    }

    /// Stops the sandbox (the server "goes away").
    pub async fn stop_sandbox(&mut self) {
        if let Some(handle) = self.sandbox.take() {
            handle.shutdown().await;
        }
    }

    /// Every byte the cache wrote: the database and its WAL.
    pub fn cache_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        for entry in std::fs::read_dir(self.cache_dir.path()).expect("cache dir") {
            let path = entry.expect("entry").path();
            bytes.extend(std::fs::read(&path).unwrap_or_default());
        }
        bytes
    }
}

/// An org-wide key named `name` holding `scopes`, with no expiry.
pub fn key_request(name: &str, scopes: &[&str]) -> NewToken {
    NewToken {
        name: name.into(),
        scopes: scopes.iter().map(|scope| (*scope).to_owned()).collect(),
        project_id: None,
        expires_at: None,
    }
}

/// A project named `name` in `region` (the server's default when `None`).
pub fn project_request(name: &str, region: Option<&str>) -> NewProject {
    NewProject {
        name: name.into(),
        description: None,
        region: region.map(str::to_owned),
    }
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

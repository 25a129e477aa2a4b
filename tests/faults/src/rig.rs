//! The real app crates, as the app wires them, in this process: the core over a real
//! settings file and cache file in a data folder of its own, the real Secret Service
//! (under a service name of this run, so nothing meets the app's own entries), and the
//! sandbox over real HTTP with its fault injection.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use saasignal_client::{ClientConfig, PlatformClient, RetryPolicy};
use saasignal_core::accounts::{AccountId, AccountStore};
use saasignal_core::clipboard::SecretClipboard;
use saasignal_core::services::accounts::Server;
use saasignal_core::settings::SettingsFile;
use saasignal_core::storage::{CACHE_FILE, SETTINGS_FILE, Storage};
use saasignal_core::test_doubles::{MemoryClipboard, RecordedEvents};
use saasignal_core::{Core, CoreConfig, ReadMode};
use saasignal_sandbox::seed::{DEMO_ORG_NAME, DEMO_OWNER};
use saasignal_sandbox::{DbLocation, Faults, RateLimit, Sandbox, SandboxConfig, SandboxHandle};
use saasignal_secret::Secret;
use saasignal_vault::{CredentialStore, KeychainStore};

/// Production's retry policy with shorter waits, so a row takes seconds, not minutes.
pub fn config() -> CoreConfig {
    CoreConfig {
        connect_timeout: Duration::from_secs(3),
        request_timeout: Duration::from_secs(20),
        retry: RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(50),
            max_delay: Duration::from_millis(200),
            max_retry_after: Duration::from_secs(1),
        },
        ..CoreConfig::default()
    }
}

pub struct Rig {
    pub core: Core,
    pub storage: Storage,
    pub events: Arc<RecordedEvents>,
    pub vault: Arc<dyn CredentialStore>,
    pub keychain: Arc<KeychainStore>,
    pub sandbox: Option<SandboxHandle>,
    pub base_url: String,
    pub data_dir: PathBuf,
    sandbox_db: PathBuf,
    _dir: tempfile::TempDir,
}

impl Rig {
    /// A seeded sandbox and a core with no account yet.
    pub async fn start(name: &str) -> Result<Self> {
        Self::start_with_vault(name, |keychain| keychain).await
    }

    /// The same with the keychain wrapped (a slow one, say).
    pub async fn start_with_vault(
        name: &str,
        wrap: impl FnOnce(Arc<dyn CredentialStore>) -> Arc<dyn CredentialStore>,
    ) -> Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix(&format!("saasignal-fault-{name}-"))
            .tempdir()?;
        let data_dir = dir.path().join("data");
        let sandbox_db = dir.path().join("sandbox.sqlite");
        let sandbox = start_sandbox(&sandbox_db, 0).await?;
        let base_url = sandbox.base_url();
        let keychain = Arc::new(KeychainStore::new(format!(
            "dev.saasignal.admin.faults.{}.{name}",
            std::process::id()
        )));
        let vault = wrap(keychain.clone());
        let events = Arc::new(RecordedEvents::default());
        let storage = Storage::open(data_dir.clone());
        let core = core_over(&storage, vault.clone(), events.clone())?;
        Ok(Self {
            core,
            storage,
            events,
            vault,
            keychain,
            sandbox: Some(sandbox),
            base_url,
            data_dir,
            sandbox_db,
            _dir: dir,
        })
    }

    /// A new core over the same files and keychain: what a relaunch starts with.
    pub fn restart(&mut self) -> Result<()> {
        self.storage = Storage::open(self.data_dir.clone());
        self.core = core_over(&self.storage, self.vault.clone(), self.events.clone())?;
        Ok(())
    }

    pub fn sandbox(&self) -> Result<&SandboxHandle> {
        self.sandbox
            .as_ref()
            .ok_or_else(|| anyhow!("the sandbox is stopped"))
    }

    pub fn set_faults(&self, faults: Faults) -> Result<()> {
        self.sandbox()?.set_faults(faults);
        Ok(())
    }

    pub fn requests(&self) -> Result<u64> {
        Ok(self.sandbox()?.sandbox().requests_received())
    }

    /// The server goes away (its port closes).
    pub async fn stop_server(&mut self) {
        if let Some(handle) = self.sandbox.take() {
            handle.shutdown().await;
        }
    }

    /// The same database served again, on the same port.
    pub async fn start_server(&mut self) -> Result<()> {
        let port = self
            .base_url
            .rsplit(':')
            .next()
            .and_then(|port| port.parse().ok())
            .unwrap_or(0);
        self.sandbox = Some(start_sandbox(&self.sandbox_db, port).await?);
        Ok(())
    }

    /// Signs the demo owner in; returns the account and the demo org's id (cached).
    pub async fn demo(&self) -> Result<(AccountId, String)> {
        let account = self
            .core
            .sign_in(
                Server::Remote(self.base_url.clone()),
                "Demo",
                DEMO_OWNER.email,
                &Secret::new(DEMO_OWNER.password),
            )
            .await
            .context("demo sign-in")?
            .id;
        let orgs = self.core.orgs(&account, ReadMode::Network).await?;
        let org = orgs
            .data
            .iter()
            .find(|org| org.name == DEMO_ORG_NAME)
            .ok_or_else(|| anyhow!("no demo org"))?
            .id
            .clone();
        Ok((account, org))
    }

    /// The server's own view, through a session of the demo owner.
    pub async fn server_view(&self) -> Result<(PlatformClient, Secret)> {
        let client = PlatformClient::new(ClientConfig::new(self.base_url.clone()))?;
        let session = client
            .sign_in_email(DEMO_OWNER.email, &Secret::new(DEMO_OWNER.password), None)
            .await?
            .token;
        Ok((client, session))
    }

    /// How many accounts the settings file on disk holds.
    pub fn accounts_on_disk(&self) -> usize {
        SettingsFile::open(self.data_dir.join(SETTINGS_FILE))
            .load()
            .map(|file| file.accounts.len())
            .unwrap_or(0)
    }

    pub fn cache_path(&self) -> PathBuf {
        self.data_dir.join(CACHE_FILE)
    }

    /// Rows in the cache file of accounts the settings do not have, as a list of
    /// "table: account" strings: none may exist.
    pub fn foreign_cache_rows(&self) -> Result<Vec<String>> {
        let known: Vec<String> = SettingsFile::open(self.data_dir.join(SETTINGS_FILE))
            .load()
            .map(|file| file.accounts.iter().map(|a| a.id.to_string()).collect())
            .unwrap_or_default();
        rows_outside(&self.cache_path(), &known)
    }
}

impl Rig {
    /// Every file under the data folder searched for the marks of the platform's
    /// credentials and for each account's session token: "file: what" per find.
    pub async fn secrets_on_disk(&self) -> Result<Vec<String>> {
        let mut needles: Vec<(String, String)> = ["sk_live_", "sk_test_", "bt_eyJ"]
            .iter()
            .map(|mark| (mark.to_string(), format!("something starting {mark}")))
            .collect();
        for account in self.core.accounts().accounts {
            if let Ok(Some(token)) = self.keychain.get(account.id.as_str()).await {
                needles.push((
                    token.expose().to_owned(),
                    format!("the session of {}", account.label),
                ));
            }
        }
        let mut found = Vec::new();
        let mut folders = vec![self.data_dir.clone()];
        while let Some(folder) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let Ok(bytes) = std::fs::read(&path) else {
                    continue;
                };
                for (needle, what) in &needles {
                    if needle.len() >= 6
                        && bytes
                            .windows(needle.len())
                            .any(|window| window == needle.as_bytes())
                    {
                        found.push(format!("{}: {what}", path.display()));
                    }
                }
            }
        }
        Ok(found)
    }
}

fn core_over(
    storage: &Storage,
    vault: Arc<dyn CredentialStore>,
    events: Arc<RecordedEvents>,
) -> Result<Core> {
    let core = Core::new(
        config(),
        storage.settings.clone(),
        vault,
        storage.cache.clone(),
        Some(SecretClipboard::new(Box::new(MemoryClipboard::default()))),
        events,
    )?;
    for notice in &storage.notices {
        core.post_notice(notice.clone());
    }
    Ok(core)
}

async fn start_sandbox(db: &Path, port: u16) -> Result<SandboxHandle> {
    Ok(Sandbox::start(SandboxConfig {
        addr: ([127, 0, 0, 1], port).into(),
        db: DbLocation::File(db.to_owned()),
        seed_demo: true,
        sign_in_rate_limit: RateLimit::OFF,
        ..SandboxConfig::default()
    })
    .await?)
}

/// `table: account` for every cached row whose account is not in `known`.
pub fn rows_outside(cache: &Path, known: &[String]) -> Result<Vec<String>> {
    if !cache.exists() {
        return Ok(Vec::new());
    }
    let conn =
        rusqlite::Connection::open_with_flags(cache, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut found = Vec::new();
    for table in ["orgs", "projects", "members", "tokens", "my_scopes"] {
        let mut statement = conn.prepare(&format!("SELECT DISTINCT account_id FROM {table}"))?;
        let accounts = statement
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for account in accounts {
            if !known.contains(&account) {
                found.push(format!("{table}: {account}"));
            }
        }
    }
    Ok(found)
}

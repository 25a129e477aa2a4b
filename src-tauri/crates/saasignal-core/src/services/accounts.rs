//! Accounts: sign in, add an API key, sign in again after expiry, sign out, remove,
//! switch. Credentials go to the keychain; only metadata to the account store.

use saasignal_client::{BrowserTokenRequest, PlatformClient};
use saasignal_secret::Secret;

use crate::accounts::{
    Account, AccountId, AccountKind, AccountState, AccountsFile, ApiKeyReach, api_key_digest,
};
use crate::core::Core;
use crate::error::CoreError;
use crate::events::CoreEvent;

/// Where a new account should point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Server {
    /// An address typed by the person (production, staging, self-hosted).
    Remote(String),
    /// The sandbox embedded in the app, wherever it listens in this run.
    LocalSandbox,
}

/// How long the browser token minted to learn an API key's reach lives.
const PROBE_TTL_SECONDS: u32 = 60;

impl Core {
    /// Every account, the current one, and the last org of each.
    pub fn accounts(&self) -> AccountsFile {
        self.inner.accounts.snapshot()
    }

    /// Signs in with email and password and makes that account current. Signing in
    /// again to an identity already present refreshes that account instead of adding one.
    pub async fn sign_in(
        &self,
        server: Server,
        label: &str,
        email: &str,
        password: &Secret,
    ) -> Result<Account, CoreError> {
        let (base_url, is_local_sandbox) = self.server_address(&server)?;
        let client = self.client_for(&base_url)?;
        let signed_in = client.sign_in_email(email, password, Some(true)).await?;
        let stored_url = if is_local_sandbox {
            String::new()
        } else {
            base_url
        };
        let existing = self.inner.accounts.find(|account| {
            account.kind == AccountKind::Session
                && account.is_local_sandbox == is_local_sandbox
                && account.base_url == stored_url
                && account.identity.eq_ignore_ascii_case(&signed_in.user.email)
        });
        let account = Account {
            id: existing
                .as_ref()
                .map_or_else(AccountId::generate, |a| a.id.clone()),
            label: label_or(label, existing.as_ref(), &signed_in.user.email),
            base_url: stored_url,
            kind: AccountKind::Session,
            identity: signed_in.user.email.clone(),
            state: AccountState::SignedIn,
            last_used_at: Some(chrono::Utc::now()),
            api_key_reach: None,
            is_local_sandbox,
            credential_digest: None,
        };
        let kept = self
            .keep_new_account(account, existing.is_none(), &signed_in.token)
            .await;
        if kept.is_err() {
            // The server made a session the app could not keep: end it, so nothing is
            // left behind anywhere.
            if let Err(error) = client.sign_out(&signed_in.token).await {
                tracing::warn!(
                    code = error.code().as_str(),
                    "the unkept session could not be signed out"
                );
            }
        }
        kept
    }

    /// Adds an account that acts with an API key. Its org, project and scopes are learnt
    /// by exchanging it for a 60-second browser token.
    pub async fn add_api_key(
        &self,
        server: Server,
        label: &str,
        api_key: &Secret,
    ) -> Result<Account, CoreError> {
        let (base_url, is_local_sandbox) = self.server_address(&server)?;
        let client = self.client_for(&base_url)?;
        let reach = learn_reach(&client, api_key).await?;
        let identity = format!("…{}", api_key.hint());
        let digest = api_key_digest(api_key);
        let stored_url = if is_local_sandbox {
            String::new()
        } else {
            base_url
        };
        // The same key again (its whole value, by digest): refresh that account. Two keys
        // that merely end alike are two accounts.
        let existing = self.inner.accounts.find(|account| {
            account.kind == AccountKind::ApiKey
                && account.base_url == stored_url
                && account.credential_digest.as_deref() == Some(digest.as_str())
        });
        let account = Account {
            id: existing
                .as_ref()
                .map_or_else(AccountId::generate, |a| a.id.clone()),
            label: label_or(label, existing.as_ref(), &format!("API key {identity}")),
            base_url: stored_url,
            kind: AccountKind::ApiKey,
            identity,
            state: AccountState::SignedIn,
            last_used_at: Some(chrono::Utc::now()),
            api_key_reach: Some(reach),
            is_local_sandbox,
            credential_digest: Some(digest),
        };
        self.keep_new_account(account, existing.is_none(), api_key)
            .await
    }

    /// Signs in again after the session expired, keeping the account, its cache and
    /// whatever the screen showed.
    pub async fn sign_in_again(
        &self,
        account: &AccountId,
        password: &Secret,
    ) -> Result<Account, CoreError> {
        let current = self.inner.accounts.get(account)?;
        if current.kind != AccountKind::Session {
            return Err(CoreError::NotForThisAccount(
                "This account uses an API key: remove it and add a new key instead.".into(),
            ));
        }
        let client = self.client_for(&self.effective_base_url(&current)?)?;
        let signed_in = client
            .sign_in_email(&current.identity, password, Some(true))
            .await?;
        if let Err(error) = self
            .keychain(self.inner.vault.set(account.as_str(), &signed_in.token))
            .await
        {
            if let Err(sign_out) = client.sign_out(&signed_in.token).await {
                tracing::warn!(
                    code = sign_out.code().as_str(),
                    "the unkept session could not be signed out"
                );
            }
            return Err(error.into());
        }
        self.inner.credentials.keep(account, &signed_in.token).await;
        self.note_success(account);
        self.inner.accounts.get(account)
    }

    /// Signs out on the server (best effort), purges the account's cache, and deletes
    /// its keychain entry (best effort: a keychain that refuses now is tried again at the
    /// next start). The account stays listed, as needing sign-in.
    pub async fn sign_out(&self, account: &AccountId) -> Result<(), CoreError> {
        self.end_server_session(account).await;
        self.forget_locally(account, false).await?;
        self.delete_credential_best_effort(account).await;
        self.set_state(account, AccountState::NeedsSignIn);
        Ok(())
    }

    /// Signs out and forgets the account altogether.
    pub async fn remove_account(&self, account: &AccountId) -> Result<(), CoreError> {
        self.inner.accounts.get(account)?;
        self.end_server_session(account).await;
        self.forget_locally(account, true).await?;
        self.delete_credential_best_effort(account).await;
        Ok(())
    }

    /// The server's session ends too when the app can still reach it; otherwise it
    /// expires by itself.
    async fn end_server_session(&self, account: &AccountId) {
        let Ok(current) = self.inner.accounts.get(account) else {
            return;
        };
        if current.kind != AccountKind::Session {
            return;
        }
        match self.connect(account).await {
            Ok(connection) => {
                if let Err(error) = connection.client.sign_out(&connection.credential).await {
                    tracing::warn!(code = error.code().as_str(), "server sign-out failed");
                }
            }
            Err(error) => tracing::debug!(code = error.code().as_str(), "no session to sign out"),
        }
    }

    /// Everything of the account on this computer but its keychain entry: its cache
    /// (and any set-aside copy that may hold it), its held secrets, its credential in
    /// memory; recorded as owing a keychain delete. `remove` also drops the account.
    async fn forget_locally(&self, account: &AccountId, remove: bool) -> Result<(), CoreError> {
        self.inner.credentials.forget(account);
        for record in self.inner.pending.discard_account(account) {
            self.end_reveal_record(record);
        }
        self.withdraw_gone_secret_offers();
        let core = self.clone();
        let id = account.clone();
        tokio::task::spawn_blocking(move || {
            core.inner
                .generations
                .advance(&id, || core.inner.cache.purge_account(id.as_str()))
        })
        .await
        .map_err(|_| CoreError::Interrupted)??;
        self.delete_set_aside_cache_copies();
        self.inner.accounts.change(|file| {
            if !file.pending_keychain_deletes.contains(account) {
                file.pending_keychain_deletes.push(account.clone());
            }
            if remove {
                file.accounts.retain(|a| &a.id != account);
                file.last_org.remove(account);
                if file.current.as_ref() == Some(account) {
                    file.current = file.accounts.first().map(|a| a.id.clone());
                }
            }
            Ok(())
        })
    }

    /// Reads the account list again from its store, after the person fixed the settings
    /// file's folder (the storage Retry).
    pub fn reload_accounts(&self) -> Result<(), CoreError> {
        self.inner.accounts.reload()
    }

    /// Makes `account` the current one (reopened on the next launch).
    pub fn switch_account(&self, account: &AccountId) -> Result<Account, CoreError> {
        self.inner.accounts.change(|file| {
            let found = file
                .accounts
                .iter_mut()
                .find(|a| &a.id == account)
                .ok_or(CoreError::UnknownAccount)?;
            found.last_used_at = Some(chrono::Utc::now());
            let switched = found.clone();
            file.current = Some(account.clone());
            Ok(switched)
        })
    }

    /// Remembers the org open in `account`, to reopen it on launch.
    pub fn remember_org(&self, account: &AccountId, org_id: &str) -> Result<(), CoreError> {
        self.inner.accounts.change(|file| {
            file.last_org.insert(account.clone(), org_id.to_owned());
            Ok(())
        })
    }

    /// Renames an account in this app (the server is not involved).
    pub fn rename_account(&self, account: &AccountId, label: &str) -> Result<Account, CoreError> {
        let label = label.trim();
        if label.is_empty() {
            return Err(
                saasignal_client::ApiError::from(saasignal_contract::FieldError::new(
                    "label",
                    "Enter a name for this account",
                ))
                .into(),
            );
        }
        self.inner
            .accounts
            .update(account, |a| a.label = label.to_owned())
    }

    /// Keeps a new or refreshed account: its credential in the keychain, then its
    /// metadata in the settings. Should either fail, nothing of a new account is left:
    /// its keychain entry is deleted again (a keychain write that timed out and lands
    /// later is removed by the next start's sweep, its id being in no account).
    async fn keep_new_account(
        &self,
        account: Account,
        is_new: bool,
        credential: &Secret,
    ) -> Result<Account, CoreError> {
        let id = account.id.clone();
        let kept = async {
            self.keychain(self.inner.vault.set(id.as_str(), credential))
                .await?;
            self.inner.accounts.change(|file| {
                match file.accounts.iter_mut().find(|a| a.id == account.id) {
                    Some(existing) => *existing = account.clone(),
                    None => file.accounts.push(account.clone()),
                }
                file.pending_keychain_deletes
                    .retain(|pending| pending != &account.id);
                file.current = Some(account.id.clone());
                Ok(())
            })
        }
        .await;
        if let Err(error) = kept {
            if is_new
                && let Err(cleanup) = self.keychain(self.inner.vault.delete(id.as_str())).await
            {
                tracing::warn!(
                    code = cleanup.code().as_str(),
                    "the new account's keychain entry stays until the next start"
                );
            }
            return Err(error);
        }
        self.inner.credentials.keep(&id, credential).await;
        self.emit(CoreEvent::AccountState {
            account: id,
            state: account.state,
        });
        Ok(account)
    }

    /// Set-aside copies of a damaged cache may hold the rows of any account: nothing of
    /// a signed-out account may stay on disk, so they go at every sign-out.
    fn delete_set_aside_cache_copies(&self) {
        let Some(path) = self.inner.cache.file_path() else {
            return;
        };
        match saasignal_cache::delete_set_aside_copies(&path) {
            Ok(0) => {}
            Ok(files) => tracing::info!(files, "deleted set-aside copies of the cache"),
            Err(error) => {
                tracing::warn!(%error, "a set-aside copy of the cache could not be deleted")
            }
        }
    }

    fn server_address(&self, server: &Server) -> Result<(String, bool), CoreError> {
        match server {
            Server::Remote(url) => Ok((url.trim().to_owned(), false)),
            Server::LocalSandbox => Ok((self.local_sandbox_url()?, true)),
        }
    }
}

fn label_or(label: &str, existing: Option<&Account>, fallback: &str) -> String {
    let label = label.trim();
    if !label.is_empty() {
        label.to_owned()
    } else if let Some(existing) = existing {
        existing.label.clone()
    } else {
        fallback.to_owned()
    }
}

async fn learn_reach(client: &PlatformClient, api_key: &Secret) -> Result<ApiKeyReach, CoreError> {
    let probe = client
        .create_browser_token(
            api_key,
            &BrowserTokenRequest {
                scopes: None,
                ttl: Some(PROBE_TTL_SECONDS),
            },
        )
        .await?;
    let org_id = probe.item.org_id.clone().ok_or_else(|| {
        CoreError::NotForThisAccount(
            "The server did not say which organization this API key belongs to.".into(),
        )
    })?;
    Ok(ApiKeyReach {
        org_id,
        project_id: probe.item.project_id.clone(),
        scopes: probe.item.scopes.clone(),
    })
}

//! Accounts side by side: each is one identity on one server (production, staging,
//! self-hosted or the local sandbox). Only metadata lives here; the credential itself is
//! in the keychain under the account's id.

use std::collections::HashMap;

use saasignal_model::Timestamp;
use serde::{Deserialize, Serialize};

/// `acc_` + a ULID; also the keychain entry's name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct AccountId(String);

impl AccountId {
    pub fn generate() -> Self {
        Self(format!("acc_{}", ulid::Ulid::new()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for AccountId {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl std::fmt::Display for AccountId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How the account proves who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// Signed in with email and password; holds a session token.
    Session,
    /// Holds an API key (`sk_live_…`), bound to one org and maybe one project.
    ApiKey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    SignedIn,
    /// The server said 401: the credential expired or was revoked. The cache stays readable.
    NeedsSignIn,
    /// The server could not be reached at the last try.
    Offline,
}

/// What an API key may reach, learnt when it was added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyReach {
    pub org_id: String,
    pub project_id: Option<String>,
    pub scopes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub id: AccountId,
    /// What the person calls it ("Production", "Staging"…).
    pub label: String,
    pub base_url: String,
    pub kind: AccountKind,
    /// The email for a session account; `…a1b2` for an API key (its last 4 characters).
    pub identity: String,
    pub state: AccountState,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub last_used_at: Option<Timestamp>,
    /// Set for API-key accounts.
    pub api_key_reach: Option<ApiKeyReach>,
    /// The embedded local sandbox, which the app starts itself.
    #[serde(default)]
    pub is_local_sandbox: bool,
    /// For an API-key account: a digest of the whole key (never the key), so adding the
    /// same key again finds this account and a different key never replaces it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub credential_digest: Option<String>,
}

/// What identifies an API key among accounts without holding it: SHA-256 over the key
/// behind a label of this app's own, so it is not the digest a server stores either.
pub fn api_key_digest(api_key: &saasignal_secret::Secret) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(b"saasignal-admin api-key account v1\0");
    hasher.update(api_key.expose().as_bytes());
    let digest = hasher.finalize();
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("sha256:{hex}")
}

/// Everything persisted about accounts (never a credential).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AccountsFile {
    pub accounts: Vec<Account>,
    /// The account that was open last, reopened on launch.
    pub current: Option<AccountId>,
    /// The org that was open last in each account.
    #[serde(default)]
    pub last_org: HashMap<AccountId, String>,
    /// Accounts signed out or removed whose keychain entry could not be deleted yet;
    /// tried again at every start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub pending_keychain_deletes: Vec<AccountId>,
}

#[derive(Debug, thiserror::Error)]
pub enum AccountStoreError {
    /// A whole sentence saying which file, why, and what to do.
    #[error("{0}")]
    Write(String),
    /// A whole sentence saying which file, why, and what to do.
    #[error("{0}")]
    Read(String),
}

/// Where account metadata is kept; the app uses [`crate::settings::SettingsFile`].
pub trait AccountStore: Send + Sync {
    fn load(&self) -> Result<AccountsFile, AccountStoreError>;
    fn save(&self, file: &AccountsFile) -> Result<(), AccountStoreError>;

    /// Whether the loaded list is every account the person has: only then are keychain
    /// entries of other ids left over from a failed sign-in, safe to delete. A settings
    /// file that did not read (and so shows fewer accounts) answers `false`.
    fn list_is_complete(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_ids_are_prefixed_ulids() {
        let id = AccountId::generate();
        assert!(id.as_str().starts_with("acc_"));
        assert_eq!(id.as_str().len(), 4 + 26);
        assert_ne!(id, AccountId::generate());
    }

    #[test]
    fn the_accounts_file_round_trips_without_any_credential_field() {
        let account = Account {
            id: AccountId::generate(),
            label: "Production".into(),
            base_url: "https://api.saasignal.saastemly.com".into(),
            kind: AccountKind::ApiKey,
            identity: "…a1b2".into(),
            state: AccountState::SignedIn,
            last_used_at: None,
            api_key_reach: Some(ApiKeyReach {
                org_id: "org_1".into(),
                project_id: None,
                scopes: vec!["tokens:read".into()],
            }),
            is_local_sandbox: false,
            credential_digest: Some(api_key_digest(&saasignal_secret::Secret::new("sk_live_x"))),
        };
        let file = AccountsFile {
            current: Some(account.id.clone()),
            accounts: vec![account],
            ..AccountsFile::default()
        };
        let json = serde_json::to_string(&file).expect("encodes");
        assert!(!json.contains("sk_live_x"));
        for forbidden in ["token\"", "password", "secret", "apiKey\""] {
            assert!(!json.contains(forbidden), "{forbidden} in {json}");
        }
        let back: AccountsFile = serde_json::from_str(&json).expect("decodes");
        assert_eq!(back, file);
    }
}

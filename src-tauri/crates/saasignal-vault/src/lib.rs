//! Credentials (session tokens, API keys) in the operating system's keychain:
//! macOS Keychain, Windows Credential Manager, or the Secret Service on Linux
//! (gnome-keyring, KeePassXC, KWallet), through `keyring` 4.
//!
//! One entry per account: service = the app identifier ([`APP_SERVICE`]), user = the
//! account id. Values travel only as [`Secret`](saasignal_secret::Secret) and are never
//! logged. There is no fallback: when no keychain answers, every call fails with a
//! [`VaultError`] that says what to do, and [`CredentialStore::self_check`] proves at
//! start-up that a real store keeps what it is given.
//!
//! ```no_run
//! # async fn demo() -> Result<(), saasignal_vault::VaultError> {
//! use saasignal_secret::Secret;
//! use saasignal_vault::{CredentialStore, KeychainStore};
//!
//! let vault = KeychainStore::new(saasignal_vault::APP_SERVICE);
//! let report = vault.self_check().await?;
//! println!("credentials are kept in {}", report.backend);
//! vault.set("acct_01", &Secret::new("session-token")).await?;
//! assert!(vault.get("acct_01").await?.is_some());
//! # Ok(()) }
//! ```

mod backend;
mod blocking;
mod error;
mod keychain;
#[cfg(any(test, feature = "memory-store"))]
mod memory;
mod store;

pub use error::VaultError;
pub use keychain::{APP_SERVICE, DEFAULT_CALL_TIMEOUT, KeychainStore};
#[cfg(any(test, feature = "memory-store"))]
pub use memory::MemoryStore;
pub use store::{CredentialStore, SelfCheck, VaultFuture};

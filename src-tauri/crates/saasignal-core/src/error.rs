//! [`CoreError`]: every way a user action can fail, with the stable `code` the UI
//! branches on, the `field` it concerns and a message a person can act on.

use saasignal_cache::CacheError;
use saasignal_client::ApiError;
use saasignal_vault::VaultError;

use crate::accounts::AccountStoreError;
use crate::clipboard::ClipboardError;
use crate::copy_once::CopyOnceError;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Keychain(#[from] VaultError),
    #[error("The local cache failed: {0}")]
    Cache(#[from] CacheError),
    #[error(transparent)]
    AccountStore(#[from] AccountStoreError),
    #[error(transparent)]
    CopyOnce(#[from] CopyOnceError),
    #[error(transparent)]
    Clipboard(#[from] ClipboardError),
    #[error("That account no longer exists in this app.")]
    UnknownAccount,
    #[error("This account is signed out. Sign in again to continue.")]
    SignedOut,
    /// An action the account's kind cannot do (e.g. listing orgs with an API key).
    #[error("{0}")]
    NotForThisAccount(String),
    #[error("The local sandbox is not running.")]
    SandboxNotRunning,
    /// Work the app started stopped before it finished (a task panicked).
    #[error(
        "The app stopped this before it finished. Try again; if it happens again, the app's log says why."
    )]
    Interrupted,
    /// A notice that is no longer there (dealt with in another window, or at start).
    #[error("That notice has already been dealt with.")]
    UnknownNotice,
}

impl CoreError {
    /// A stable snake_case code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Api(error) => error.code(),
            CoreError::Keychain(error) => error.code(),
            CoreError::Cache(_) => "cache_error",
            CoreError::AccountStore(_) => "settings_error",
            CoreError::CopyOnce(_) => "secret_gone",
            CoreError::Clipboard(_) => "clipboard_unavailable",
            CoreError::UnknownAccount => "unknown_account",
            CoreError::SignedOut => "unauthorized",
            CoreError::NotForThisAccount(_) => "not_for_this_account",
            CoreError::SandboxNotRunning => "sandbox_not_running",
            CoreError::Interrupted => "interrupted",
            CoreError::UnknownNotice => "unknown_notice",
        }
    }

    /// The form field at fault, as the API spells it, where one applies.
    pub fn field(&self) -> Option<&str> {
        match self {
            CoreError::Api(error) => error.field(),
            _ => None,
        }
    }

    /// The scope the credential lacks, for a refused action.
    pub fn missing_scope(&self) -> Option<&str> {
        match self {
            CoreError::Api(error) => error.missing_scope(),
            _ => None,
        }
    }

    /// Whether the server could not be reached (as opposed to refusing). A 429 is not:
    /// the server answered, asking to slow down ([`CoreError::is_rate_limited`]).
    pub fn is_connectivity(&self) -> bool {
        matches!(
            self,
            CoreError::Api(
                ApiError::Offline { .. }
                    | ApiError::Timeout { .. }
                    | ApiError::ConnectionLost { .. }
                    | ApiError::Server { .. }
            )
        )
    }

    /// Whether a write that failed may still have been made: the request went out and
    /// no answer was read (the connection broke, the answer did not read, or none came).
    pub fn change_may_have_happened(&self) -> bool {
        matches!(
            self,
            CoreError::Api(
                ApiError::ConnectionLost {
                    request_may_have_run: true,
                    ..
                } | ApiError::Undecodable {
                    request_may_have_run: true,
                    ..
                } | ApiError::Timeout { .. }
                    | ApiError::TooLarge { .. }
            )
        )
    }

    /// Whether the server asked to slow down (429): cached data is shown, the account
    /// is not offline, and nothing is sent to that server until the wait is over.
    pub fn is_rate_limited(&self) -> bool {
        matches!(self, CoreError::Api(ApiError::RateLimited { .. }))
    }

    /// Whether the credential is no longer accepted.
    pub fn is_unauthorized(&self) -> bool {
        matches!(
            self,
            CoreError::Api(ApiError::Unauthorized) | CoreError::SignedOut
        )
    }
}

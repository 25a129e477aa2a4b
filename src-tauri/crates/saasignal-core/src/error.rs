//! [`CoreError`]: every way a user action can fail, with the stable `code` the UI
//! branches on, the `field` it concerns and a message a person can act on.

use saasignal_cache::CacheError;
use saasignal_client::ApiError;
use saasignal_model::ErrorCode;
use saasignal_model::key_roll::UnknownLifetime;
use saasignal_vault::VaultError;
use serde::Serialize;

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
    /// A key the action needs is revoked or no longer listed (e.g. rolling one).
    #[error("That key is revoked or no longer listed. Refresh the list and try again.")]
    KeyGone,
    #[error(transparent)]
    UnknownLifetime(#[from] UnknownLifetime),
    /// An export could not be written (the folder is read-only, the disk is full).
    #[error(
        "Could not write {path}: {source}. Choose another folder, or free some space, and export again."
    )]
    Export {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A preference out of its range; `field` is its name in `Preferences` (camelCase).
    #[error("{message}")]
    InvalidPreference {
        field: &'static str,
        message: String,
    },
}

impl CoreError {
    /// A stable snake_case code for the UI.
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::Api(error) => error.code(),
            CoreError::Keychain(error) => error.code(),
            CoreError::Cache(_) => ErrorCode::CacheError,
            CoreError::AccountStore(_) => ErrorCode::SettingsError,
            CoreError::CopyOnce(_) => ErrorCode::SecretGone,
            CoreError::Clipboard(_) => ErrorCode::ClipboardUnavailable,
            CoreError::UnknownAccount => ErrorCode::UnknownAccount,
            CoreError::SignedOut => ErrorCode::Unauthorized,
            CoreError::NotForThisAccount(_) => ErrorCode::NotForThisAccount,
            CoreError::SandboxNotRunning => ErrorCode::SandboxNotRunning,
            CoreError::Interrupted => ErrorCode::Interrupted,
            CoreError::UnknownNotice => ErrorCode::UnknownNotice,
            CoreError::KeyGone => ErrorCode::NotFound,
            CoreError::Export { .. } => ErrorCode::ExportFailed,
            CoreError::UnknownLifetime(_) => ErrorCode::Validation,
            CoreError::InvalidPreference { .. } => ErrorCode::Validation,
        }
    }

    /// The form field at fault, as the API spells it, where one applies.
    pub fn field(&self) -> Option<&str> {
        match self {
            CoreError::Api(error) => error.field(),
            CoreError::InvalidPreference { field, .. } => Some(field),
            CoreError::UnknownLifetime(_) => Some("expires_at"),
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
        self.code().is_connectivity()
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

/// A failure as the UI receives it: a command's error, or why a list is shown from the
/// cache. The UI shows `message` as it is (Rust owns every sentence), beside `field`
/// when there is one, and branches on `code` and `connectivity`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
    /// The server could not answer (offline, timed out, failing): the offline banner
    /// and Retry apply. A refusal or a 429 is not.
    pub connectivity: bool,
    /// The form field at fault, as the API spells it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub field: Option<String>,
    /// The scope the credential lacks, for a refused action.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub missing_scope: Option<String>,
    /// The server's advised wait, for a 429.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub retry_after_seconds: Option<u64>,
}

impl ErrorReport {
    /// A report with only a code and its sentence.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            connectivity: code.is_connectivity(),
            field: None,
            missing_scope: None,
            retry_after_seconds: None,
        }
    }
}

impl From<&CoreError> for ErrorReport {
    fn from(error: &CoreError) -> Self {
        let retry_after_seconds = match error {
            CoreError::Api(api) => api.retry_after().map(|wait| wait.as_secs().max(1)),
            _ => None,
        };
        Self {
            field: error.field().map(str::to_owned),
            missing_scope: error.missing_scope().map(str::to_owned),
            retry_after_seconds,
            ..Self::new(error.code(), error.to_string())
        }
    }
}

impl From<CoreError> for ErrorReport {
    fn from(error: CoreError) -> Self {
        Self::from(&error)
    }
}

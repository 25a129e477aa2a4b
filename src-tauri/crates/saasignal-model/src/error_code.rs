//! [`ErrorCode`]: the closed list of ways anything in the app can fail, as the UI
//! branches on them. Every error type of the crates maps onto it (`code()`), and the
//! UI receives it as a TypeScript union, so a code cannot be misspelt on either side.

use serde::{Deserialize, Serialize};

macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal,)*) => {
        /// A stable snake_case code for each way a call can fail.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum ErrorCode {
            $($(#[doc = $doc])* #[serde(rename = $code)] $variant,)*
        }

        impl ErrorCode {
            /// Every code, in declaration order (for generated lists and tests).
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as it crosses IPC and appears in logs.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }
        }
    };
}

error_codes! {
    /// The session expired or was signed out, or the API key was revoked.
    Unauthorized = "unauthorized",
    /// Sign-in was refused: wrong email or password.
    InvalidCredentials = "invalid_credentials",
    /// The credential may not do this.
    Forbidden = "forbidden",
    /// The resource does not exist, or this credential cannot see it.
    NotFound = "not_found",
    /// The request clashes with existing data (a slug already taken).
    Conflict = "conflict",
    /// A field is not acceptable.
    Validation = "validation",
    /// The server asked to slow down (429).
    RateLimited = "rate_limited",
    /// The server failed (5xx).
    Server = "server",
    /// The server answered with a status the contract does not name.
    UnexpectedStatus = "unexpected_status",
    /// The server could not be reached.
    Offline = "offline",
    /// The connection broke during the request.
    ConnectionLost = "connection_lost",
    /// No answer came in time.
    Timeout = "timeout",
    /// The answer could not be read.
    Undecodable = "undecodable",
    /// The answer was larger than the app accepts.
    ResponseTooLarge = "response_too_large",
    /// The server address is not a URL the app can use.
    InvalidBaseUrl = "invalid_base_url",
    /// The server address is plain HTTP to a machine other than this one.
    InsecureBaseUrl = "insecure_base_url",
    /// No keychain (Secret Service, Keychain, Credential Manager) answers.
    KeychainUnavailable = "keychain_unavailable",
    /// The keychain is locked.
    KeychainLocked = "keychain_locked",
    /// The keychain did not answer in time (an unlock prompt nobody answered).
    KeychainTimeout = "keychain_timeout",
    /// The keychain refused or failed.
    KeychainError = "keychain_error",
    /// An account id that cannot name a keychain entry.
    InvalidAccountId = "invalid_account_id",
    /// The offline cache failed.
    CacheError = "cache_error",
    /// The settings file could not be read or written.
    SettingsError = "settings_error",
    /// An export could not be written where the person chose.
    ExportFailed = "export_failed",
    /// A created key's secret is no longer held (closed, or 5 minutes passed).
    SecretGone = "secret_gone",
    /// There is no clipboard to copy to.
    ClipboardUnavailable = "clipboard_unavailable",
    /// No account has this id.
    UnknownAccount = "unknown_account",
    /// The action does not apply to this kind of account.
    NotForThisAccount = "not_for_this_account",
    /// The local sandbox is not running.
    SandboxNotRunning = "sandbox_not_running",
    /// The local sandbox could not be started.
    SandboxUnavailable = "sandbox_unavailable",
    /// The work stopped before it finished (the app is quitting).
    Interrupted = "interrupted",
    /// No notice has this id (it was already dismissed).
    UnknownNotice = "unknown_notice",
    /// The update server's answer could not be read, or named no release for this system.
    UpdateCheckFailed = "update_check_failed",
    /// A downloaded update is not signed with the app's release key (never installed).
    UpdateSignatureInvalid = "update_signature_invalid",
    /// A verified update could not be installed (nothing was changed).
    UpdateInstallFailed = "update_install_failed",
    /// There is no update waiting to be installed (check again first).
    NoPendingUpdate = "no_pending_update",
    /// A fault in the app itself.
    Internal = "internal",
}

impl ErrorCode {
    /// Whether the server could not answer (as opposed to refusing). A 429 is not one:
    /// the server answered, asking the app to slow down.
    pub const fn is_connectivity(self) -> bool {
        matches!(
            self,
            ErrorCode::Offline | ErrorCode::Timeout | ErrorCode::ConnectionLost | ErrorCode::Server
        )
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn each_code_serialises_as_its_own_name() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_value(code).expect("serialise");
            assert_eq!(json, code.as_str());
            let back: ErrorCode = serde_json::from_value(json).expect("deserialise");
            assert_eq!(back, *code);
        }
    }
}

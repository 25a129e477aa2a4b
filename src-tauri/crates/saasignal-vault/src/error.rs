//! [`VaultError`]: why the keychain could not keep or give back a credential, and
//! what the person can do about it.

use std::time::Duration;

use saasignal_model::ErrorCode;

/// What to do when no keychain answers, for this platform.
#[cfg(target_os = "linux")]
const NO_KEYCHAIN_HINT: &str = "On Linux install and start gnome-keyring or KeePassXC's Secret Service, then restart SaaSignal Admin.";
#[cfg(target_os = "macos")]
const NO_KEYCHAIN_HINT: &str =
    "Check that Keychain Access opens your login keychain, then restart SaaSignal Admin.";
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
const NO_KEYCHAIN_HINT: &str =
    "Check that the system's credential manager is running, then restart SaaSignal Admin.";

/// A failed keychain call. Never holds a credential: only the keychain's own
/// description of what went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// No keychain service could be reached.
    #[error("No keychain service found. {NO_KEYCHAIN_HINT}")]
    Unavailable { detail: String },
    /// The keychain is there but locked, or refused access.
    #[error("Your keychain is locked. Unlock it and try again.")]
    Locked { detail: String },
    /// The keychain did not answer in time (it may be waiting for a password prompt).
    #[error(
        "The keychain did not answer within {} s. If it asked for a password, unlock it and try again.",
        .after.as_secs()
    )]
    Timeout { after: Duration },
    /// The keychain answered with an error.
    #[error("The keychain failed: {detail}")]
    Keychain { detail: String },
    /// A credential needs an account id to be filed under.
    #[error("An account id is required to store a credential.")]
    InvalidAccountId,
}

impl VaultError {
    /// A stable snake_case code for the UI to branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            VaultError::Unavailable { .. } => ErrorCode::KeychainUnavailable,
            VaultError::Locked { .. } => ErrorCode::KeychainLocked,
            VaultError::Timeout { .. } => ErrorCode::KeychainTimeout,
            VaultError::Keychain { .. } => ErrorCode::KeychainError,
            VaultError::InvalidAccountId => ErrorCode::InvalidAccountId,
        }
    }

    /// The keychain's own words, for diagnostics.
    pub fn detail(&self) -> Option<&str> {
        match self {
            VaultError::Unavailable { detail }
            | VaultError::Locked { detail }
            | VaultError::Keychain { detail } => Some(detail),
            VaultError::Timeout { .. } | VaultError::InvalidAccountId => None,
        }
    }

    /// The error for a failed store initialisation: whatever the cause, there is
    /// no usable keychain (unless it merely refused access).
    pub(crate) fn from_store_init(error: &keyring::Error) -> Self {
        match error {
            keyring::Error::NoStorageAccess(_) => VaultError::Locked {
                detail: describe(error),
            },
            _ => VaultError::Unavailable {
                detail: describe(error),
            },
        }
    }
}

/// D-Bus and socket errors that mean the Secret Service is gone, not failing.
const GONE_MARKERS: &[&str] = &[
    "org.freedesktop.DBus.Error.ServiceUnknown",
    "org.freedesktop.DBus.Error.NameHasNoOwner",
    "org.freedesktop.DBus.Error.NoServer",
    "Connection refused",
    "No such file or directory",
];

impl From<keyring::Error> for VaultError {
    fn from(error: keyring::Error) -> Self {
        let detail = describe(&error);
        match error {
            keyring::Error::NoStorageAccess(_) => VaultError::Locked { detail },
            keyring::Error::NoDefaultStore => VaultError::Unavailable { detail },
            keyring::Error::PlatformFailure(_)
                if GONE_MARKERS.iter().any(|marker| detail.contains(marker)) =>
            {
                VaultError::Unavailable { detail }
            }
            _ => VaultError::Keychain { detail },
        }
    }
}

/// The error and its causes as text. `BadEncoding` carries the stored bytes, so it
/// is described without them.
fn describe(error: &keyring::Error) -> String {
    if let keyring::Error::BadEncoding(_) = error {
        return "the stored credential is not text".to_owned();
    }
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use std::io;

    use super::*;

    fn boxed(message: &str) -> Box<dyn std::error::Error + Send + Sync> {
        Box::new(io::Error::other(message.to_owned()))
    }

    #[test]
    fn keyring_errors_map_to_stable_codes() {
        let cases = [
            (
                keyring::Error::NoStorageAccess(boxed("Locked")),
                "keychain_locked",
            ),
            (keyring::Error::NoDefaultStore, "keychain_unavailable"),
            (
                keyring::Error::PlatformFailure(boxed(
                    "org.freedesktop.DBus.Error.ServiceUnknown: The name is not activatable",
                )),
                "keychain_unavailable",
            ),
            (
                keyring::Error::PlatformFailure(boxed("disk full")),
                "keychain_error",
            ),
            (
                keyring::Error::TooLong("user".into(), 255),
                "keychain_error",
            ),
            (
                keyring::Error::Invalid("user".into(), "empty".into()),
                "keychain_error",
            ),
        ];
        for (error, code) in cases {
            assert_eq!(VaultError::from(error).code().as_str(), code);
        }
    }

    #[test]
    fn store_initialisation_failures_mean_no_keychain() {
        let refused = keyring::Error::PlatformFailure(boxed("Connection refused"));
        assert_eq!(
            VaultError::from_store_init(&refused).code().as_str(),
            "keychain_unavailable"
        );
        let other = keyring::Error::PlatformFailure(boxed("zbus error: Address"));
        assert_eq!(
            VaultError::from_store_init(&other).code().as_str(),
            "keychain_unavailable"
        );
        let locked = keyring::Error::NoStorageAccess(boxed("Prompt dismissed"));
        assert_eq!(
            VaultError::from_store_init(&locked).code().as_str(),
            "keychain_locked"
        );
    }

    #[test]
    fn badly_encoded_values_are_never_shown() {
        let error = VaultError::from(keyring::Error::BadEncoding(b"sk_live_\xffsecret".to_vec()));
        assert_eq!(error.code().as_str(), "keychain_error");
        for text in [error.to_string(), format!("{error:?}")] {
            assert!(!text.contains("sk_live"), "{text}");
            assert!(!text.contains("115, 107"), "{text}");
        }
    }

    #[test]
    fn messages_say_what_to_do() {
        let unavailable = VaultError::Unavailable {
            detail: String::new(),
        };
        assert!(
            unavailable
                .to_string()
                .starts_with("No keychain service found.")
        );
        #[cfg(target_os = "linux")]
        assert!(
            unavailable
                .to_string()
                .contains("gnome-keyring or KeePassXC's Secret Service")
        );
        assert_eq!(
            VaultError::Locked {
                detail: String::new()
            }
            .to_string(),
            "Your keychain is locked. Unlock it and try again."
        );
        let timeout = VaultError::Timeout {
            after: Duration::from_secs(3),
        };
        assert!(
            timeout
                .to_string()
                .starts_with("The keychain did not answer within 3 s.")
        );
        assert_eq!(timeout.code().as_str(), "keychain_timeout");
        assert_eq!(timeout.detail(), None);
    }

    #[test]
    fn causes_are_included_in_the_detail() {
        let error = VaultError::from(keyring::Error::PlatformFailure(boxed("D-Bus said no")));
        assert!(
            error.detail().is_some_and(|d| d.contains("D-Bus said no")),
            "{error:?}"
        );
    }
}

//! An update's failures in the person's words, each with what to do, and its code.

use saasignal_core::ErrorReport;
use saasignal_model::ErrorCode;
use tauri_plugin_updater::Error as PluginError;

#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error(
        "Could not reach the update server ({0}). Check your connection, then check for updates again."
    )]
    Unreachable(String),
    #[error(
        "The update server's answer could not be read ({0}), so no update is offered. Nothing changed; try again later."
    )]
    UnreadableAnswer(String),
    #[error(
        "The download of version {version} is not signed with SaaSignal Admin's release key ({detail}), so it was not installed. Nothing changed; get the release from the project's releases page instead."
    )]
    BadSignature { version: String, detail: String },
    #[error("Version {version} could not be installed ({detail}). Nothing changed.")]
    InstallFailed { version: String, detail: String },
    #[error(
        "Updates are not set up in this build ({0}); install new versions from the releases page."
    )]
    NotConfigured(String),
    #[error("No update is waiting to be installed: check for updates first.")]
    NothingPending,
}

impl UpdateError {
    /// A failure while asking for the manifest.
    pub fn from_check(error: PluginError) -> Self {
        match error {
            // No answer at all: no network, no server, too slow.
            PluginError::Reqwest(error)
                if error.is_connect() || error.is_timeout() || error.is_request() =>
            {
                Self::Unreachable(error.without_url().to_string())
            }
            PluginError::EmptyEndpoints
            | PluginError::InsecureTransportProtocol
            | PluginError::UnsupportedArch
            | PluginError::UnsupportedOs
            | PluginError::FailedToDetermineExtractPath => Self::NotConfigured(error.to_string()),
            PluginError::ReleaseNotFound => {
                Self::UnreadableAnswer("it named no release".to_owned())
            }
            other => Self::UnreadableAnswer(other.to_string()),
        }
    }

    /// A failure while downloading or verifying version `version`.
    pub fn from_download(version: &str, error: PluginError) -> Self {
        match error {
            PluginError::Reqwest(error) => Self::Unreachable(error.without_url().to_string()),
            PluginError::Network(detail) => Self::Unreachable(detail),
            PluginError::Minisign(_)
            | PluginError::Base64(_)
            | PluginError::SignatureUtf8(_)
            | PluginError::SignedVersionMismatch { .. }
            | PluginError::MissingSignedVersion => Self::BadSignature {
                version: version.to_owned(),
                detail: error.to_string(),
            },
            other => Self::InstallFailed {
                version: version.to_owned(),
                detail: other.to_string(),
            },
        }
    }

    /// A failure while installing verified bytes (a signature failure is still one).
    pub fn from_install(version: &str, error: PluginError) -> Self {
        match error {
            PluginError::AuthenticationFailed => Self::InstallFailed {
                version: version.to_owned(),
                detail: "the administrator prompt was dismissed".to_owned(),
            },
            other => Self::from_download(version, other),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Unreachable(_) => ErrorCode::Offline,
            Self::UnreadableAnswer(_) | Self::NotConfigured(_) => ErrorCode::UpdateCheckFailed,
            Self::BadSignature { .. } => ErrorCode::UpdateSignatureInvalid,
            Self::InstallFailed { .. } => ErrorCode::UpdateInstallFailed,
            Self::NothingPending => ErrorCode::NoPendingUpdate,
        }
    }
}

impl From<&UpdateError> for ErrorReport {
    fn from(error: &UpdateError) -> Self {
        ErrorReport::new(error.code(), error.to_string())
    }
}

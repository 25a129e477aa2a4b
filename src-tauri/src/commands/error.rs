//! The one error shape that crosses IPC: `{code, message, field?, missingScope?,
//! retryAfterSeconds?}`. The UI branches on `code`, shows `message` to the person, puts
//! it beside `field` when there is one, and names `missingScope` on refused actions.

use saasignal_core::CoreError;
use serde::Serialize;

use crate::state::LocalSandboxError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CommandError {
    /// Stable snake_case code: `unauthorized`, `forbidden`, `not_found`, `conflict`,
    /// `validation`, `rate_limited`, `server`, `offline`, `timeout`, `connection_lost`,
    /// `undecodable`, `invalid_credentials`, `keychain_*`, `secret_gone`, `internal`…
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub missing_scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub retry_after_seconds: Option<u64>,
}

impl CommandError {
    pub fn internal(message: impl Into<String>) -> Self {
        Self {
            code: "internal".into(),
            message: message.into(),
            field: None,
            missing_scope: None,
            retry_after_seconds: None,
        }
    }
}

impl From<CoreError> for CommandError {
    fn from(error: CoreError) -> Self {
        let retry_after_seconds = match &error {
            CoreError::Api(api) => api.retry_after().map(|wait| wait.as_secs().max(1)),
            _ => None,
        };
        Self {
            code: error.code().to_owned(),
            message: error.to_string(),
            field: error.field().map(str::to_owned),
            missing_scope: error.missing_scope().map(str::to_owned),
            retry_after_seconds,
        }
    }
}

impl From<LocalSandboxError> for CommandError {
    fn from(error: LocalSandboxError) -> Self {
        tracing::error!(%error, "local sandbox");
        Self {
            code: "sandbox_unavailable".into(),
            ..Self::internal(error.to_string())
        }
    }
}

impl From<tauri::Error> for CommandError {
    fn from(error: tauri::Error) -> Self {
        tracing::error!(%error, "internal app error");
        Self::internal(format!("The app could not complete this: {error}"))
    }
}

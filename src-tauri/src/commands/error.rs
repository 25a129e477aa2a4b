//! The one error that crosses IPC: core's [`ErrorReport`] (`{code, message,
//! connectivity, field?, missingScope?, retryAfterSeconds?}`), wrapped so that the
//! app's own failures (Tauri, the embedded sandbox) become one too.

use saasignal_core::{CoreError, ErrorReport};
use saasignal_model::ErrorCode;
use serde::Serialize;

use crate::state::LocalSandboxError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct CommandError(pub ErrorReport);

impl From<CoreError> for CommandError {
    fn from(error: CoreError) -> Self {
        Self(ErrorReport::from(&error))
    }
}

impl From<LocalSandboxError> for CommandError {
    fn from(error: LocalSandboxError) -> Self {
        tracing::error!(%error, "local sandbox");
        Self(ErrorReport::new(
            ErrorCode::SandboxUnavailable,
            error.to_string(),
        ))
    }
}

impl From<tauri::Error> for CommandError {
    fn from(error: tauri::Error) -> Self {
        tracing::error!(%error, "internal app error");
        Self(ErrorReport::new(
            ErrorCode::Internal,
            format!("The app could not complete this: {error}"),
        ))
    }
}

//! The one error shape that crosses IPC: `{code, message, field?}`. The UI branches on
//! `code`, shows `message` to the person, and puts it beside `field` when there is one.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

/// Stable codes the UI switches on; new ones are added, never renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Something in the app itself failed (paths, window, state).
    Internal,
}

impl CommandError {
    pub fn internal(message: impl Into<String>) -> Self {
        Self {
            code: ErrorCode::Internal,
            message: message.into(),
            field: None,
        }
    }
}

impl From<tauri::Error> for CommandError {
    fn from(error: tauri::Error) -> Self {
        tracing::error!(%error, "internal app error");
        Self::internal(format!("The app could not complete this: {error}"))
    }
}

//! Updates: check, install on the person's yes, restart into the new version.

use tauri::{AppHandle, Runtime};

use super::error::CommandError;
use crate::updates::{self, UpdateCheck, UpdateError};

impl From<UpdateError> for CommandError {
    fn from(error: UpdateError) -> Self {
        Self((&error).into())
    }
}

#[tauri::command]
pub async fn check_for_update<R: Runtime>(app: AppHandle<R>) -> Result<UpdateCheck, CommandError> {
    Ok(updates::check(&app).await?)
}

/// Returns the installed version; the window then offers the restart.
#[tauri::command]
pub async fn install_update<R: Runtime>(app: AppHandle<R>) -> Result<String, CommandError> {
    Ok(updates::install(&app).await?)
}

#[tauri::command]
pub fn restart_app<R: Runtime>(app: AppHandle<R>) {
    tracing::info!("restarting into the installed update");
    app.restart();
}

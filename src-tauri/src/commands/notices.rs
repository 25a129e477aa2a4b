//! Notices (problems outside any one screen) and what they offer: dismiss, the storage
//! Retry, revoking a key nobody holds the secret of.

use saasignal_core::notices::Notice;
use tauri::State;

use super::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_notices(state: State<'_, AppState>) -> Result<Vec<Notice>, CommandError> {
    Ok(state.core.notices())
}

#[tauri::command]
pub async fn dismiss_notice(
    state: State<'_, AppState>,
    notice_id: String,
) -> Result<Vec<Notice>, CommandError> {
    state.core.dismiss_notice(&notice_id);
    Ok(state.core.notices())
}

/// Retry on a storage notice: the data folder, the settings file and the cache again.
#[tauri::command]
pub async fn retry_storage(state: State<'_, AppState>) -> Result<Vec<Notice>, CommandError> {
    let state = state.inner();
    Ok(state.core.retry_storage(&state.storage)?)
}

/// The Revoke of a "nobody has the secret" notice.
#[tauri::command]
pub async fn revoke_unshown_key(
    state: State<'_, AppState>,
    notice_id: String,
) -> Result<Vec<Notice>, CommandError> {
    state.core.revoke_unshown_key(&notice_id).await?;
    Ok(state.core.notices())
}

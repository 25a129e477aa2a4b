//! The local log of writes made from this app: one window of an org's entries, and the
//! actions it holds (for the filter). Never another account's.

use saasignal_core::accounts::AccountId;
use saasignal_model::{ActivityEntry, ActivityFilter, Page, RowWindow};
use tauri::State;

use super::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn activity_page(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    window: RowWindow,
    filter: ActivityFilter,
) -> Result<Page<ActivityEntry>, CommandError> {
    Ok(state
        .core
        .activity_page(&account_id, &org_id, &window, &filter)
        .await?)
}

#[tauri::command]
pub async fn activity_actions(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
) -> Result<Vec<String>, CommandError> {
    Ok(state.core.activity_actions(&account_id, &org_id)?)
}

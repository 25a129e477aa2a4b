//! Organizations: list, create, rename or re-slug, delete.

use saasignal_core::accounts::AccountId;
use saasignal_core::{Loaded, NewOrg, OrgPatch, ReadMode};
use saasignal_model::Org;
use tauri::State;

use super::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_orgs(
    state: State<'_, AppState>,
    account_id: AccountId,
    mode: ReadMode,
) -> Result<Loaded<Vec<Org>>, CommandError> {
    Ok(state.core.orgs(&account_id, mode).await?)
}

#[tauri::command]
pub async fn create_org(
    state: State<'_, AppState>,
    account_id: AccountId,
    org: NewOrg,
) -> Result<Org, CommandError> {
    Ok(state.core.create_org(&account_id, org).await?)
}

#[tauri::command]
pub async fn update_org(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    changes: OrgPatch,
) -> Result<Org, CommandError> {
    Ok(state.core.update_org(&account_id, &org_id, changes).await?)
}

#[tauri::command]
pub async fn delete_org(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    confirm_name: String,
) -> Result<(), CommandError> {
    Ok(state
        .core
        .delete_org(&account_id, &org_id, &confirm_name)
        .await?)
}

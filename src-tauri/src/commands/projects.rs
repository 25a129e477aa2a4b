//! Projects: list, a window of the list, one in full, create, delete.

use saasignal_core::accounts::AccountId;
use saasignal_core::{Loaded, NewProject, ReadMode};
use saasignal_model::{Page, Project, RowWindow};
use tauri::State;

use super::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_projects(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    mode: ReadMode,
) -> Result<Loaded<Vec<Project>>, CommandError> {
    Ok(state.core.projects(&account_id, &org_id, mode).await?)
}

#[tauri::command]
pub async fn project_page(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    window: RowWindow,
    mode: ReadMode,
) -> Result<Loaded<Page<Project>>, CommandError> {
    Ok(state
        .core
        .project_page(&account_id, &org_id, &window, mode)
        .await?)
}

#[tauri::command]
pub async fn get_project(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    project_id: String,
) -> Result<Project, CommandError> {
    Ok(state
        .core
        .project(&account_id, &org_id, &project_id)
        .await?)
}

#[tauri::command]
pub async fn create_project(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    project: NewProject,
) -> Result<Project, CommandError> {
    Ok(state
        .core
        .create_project(&account_id, &org_id, project)
        .await?)
}

#[tauri::command]
pub async fn delete_project(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    project_id: String,
) -> Result<(), CommandError> {
    Ok(state
        .core
        .delete_project(&account_id, &org_id, &project_id)
        .await?)
}

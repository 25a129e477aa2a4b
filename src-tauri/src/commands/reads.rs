//! Reading the lists: each answers from the cache (`mode: "cache"`, instant, offline)
//! or the server with the cache as fallback (`mode: "network"`), with its freshness.

use saasignal_core::accounts::AccountId;
use saasignal_core::{Loaded, ReadMode};
use saasignal_model::{Member, Org, Project, Token};
use serde::Deserialize;
use tauri::State;

use super::error::CommandError;
use crate::state::AppState;

#[derive(Debug, Clone, Copy, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ReadFrom {
    Cache,
    Network,
}

impl From<ReadFrom> for ReadMode {
    fn from(from: ReadFrom) -> Self {
        match from {
            ReadFrom::Cache => ReadMode::CacheOnly,
            ReadFrom::Network => ReadMode::Network,
        }
    }
}

#[tauri::command]
pub async fn list_orgs(
    state: State<'_, AppState>,
    account_id: AccountId,
    mode: ReadFrom,
) -> Result<Loaded<Vec<Org>>, CommandError> {
    Ok(state.core.orgs(&account_id, mode.into()).await?)
}

#[tauri::command]
pub async fn list_members(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    mode: ReadFrom,
) -> Result<Loaded<Vec<Member>>, CommandError> {
    Ok(state
        .core
        .members(&account_id, &org_id, mode.into())
        .await?)
}

#[tauri::command]
pub async fn my_scopes(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    mode: ReadFrom,
) -> Result<Loaded<Option<Vec<String>>>, CommandError> {
    Ok(state
        .core
        .my_scopes(&account_id, &org_id, mode.into())
        .await?)
}

#[tauri::command]
pub async fn list_projects(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    mode: ReadFrom,
) -> Result<Loaded<Vec<Project>>, CommandError> {
    Ok(state
        .core
        .projects(&account_id, &org_id, mode.into())
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
pub async fn list_tokens(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    mode: ReadFrom,
) -> Result<Loaded<Vec<Token>>, CommandError> {
    Ok(state.core.tokens(&account_id, &org_id, mode.into()).await?)
}

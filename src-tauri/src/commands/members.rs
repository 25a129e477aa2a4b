//! Members and scopes: list, the identity's own scopes, invite, re-scope, remove.

use saasignal_core::accounts::AccountId;
use saasignal_core::{InviteStatus, Loaded, NewInvite, ReadMode};
use saasignal_model::{Member, Page, RowWindow, SentInvite};
use tauri::State;

use super::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_members(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    mode: ReadMode,
) -> Result<Loaded<Vec<Member>>, CommandError> {
    Ok(state.core.members(&account_id, &org_id, mode).await?)
}

#[tauri::command]
pub async fn member_page(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    window: RowWindow,
    mode: ReadMode,
) -> Result<Loaded<Page<Member>>, CommandError> {
    Ok(state
        .core
        .member_page(&account_id, &org_id, &window, mode)
        .await?)
}

#[tauri::command]
pub async fn sent_invites(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
) -> Result<Vec<SentInvite>, CommandError> {
    Ok(state.core.sent_invites(&account_id, &org_id).await?)
}

#[tauri::command]
pub async fn forget_invite(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    email: String,
) -> Result<(), CommandError> {
    Ok(state.core.forget_invite(&account_id, &org_id, &email)?)
}

#[tauri::command]
pub async fn my_scopes(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    mode: ReadMode,
) -> Result<Loaded<Option<Vec<String>>>, CommandError> {
    Ok(state.core.my_scopes(&account_id, &org_id, mode).await?)
}

#[tauri::command]
pub async fn invite_member(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    invite: NewInvite,
) -> Result<InviteStatus, CommandError> {
    Ok(state
        .core
        .invite_member(&account_id, &org_id, invite)
        .await?)
}

#[tauri::command]
pub async fn update_member_scopes(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    user_id: String,
    scopes: Vec<String>,
) -> Result<(), CommandError> {
    Ok(state
        .core
        .update_member_scopes(&account_id, &org_id, &user_id, scopes)
        .await?)
}

#[tauri::command]
pub async fn remove_member(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    user_id: String,
) -> Result<(), CommandError> {
    Ok(state
        .core
        .remove_member(&account_id, &org_id, &user_id)
        .await?)
}

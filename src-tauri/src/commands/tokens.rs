//! API keys and the secrets of what was just minted (a key, a browser token): list,
//! create, revoke; reveal, copy and forget a held secret. Creating returns a reveal
//! handle; the secret crosses IPC only when the person presses Reveal, and copying
//! happens in Rust.

use saasignal_core::accounts::AccountId;
use saasignal_core::clipboard::CopyReceipt;
use saasignal_core::copy_once::RevealHandle;
use saasignal_core::services::bulk_revoke::{KeyRef, RevokeOutcome};
use saasignal_core::{Loaded, NewToken, ReadMode};
use saasignal_model::{KeyHealth, KeyRoll, Minted, Page, RowWindow, Token, TokenFilter};
use serde::Serialize;
use tauri::State;

use super::error::CommandError;
use crate::state::AppState;

/// The secret, for the dialog's Reveal button only.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RevealedSecret {
    pub value: String,
}

#[tauri::command]
pub async fn list_tokens(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    mode: ReadMode,
) -> Result<Loaded<Vec<Token>>, CommandError> {
    Ok(state.core.tokens(&account_id, &org_id, mode).await?)
}

#[tauri::command]
pub async fn token_page(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    window: RowWindow,
    filter: TokenFilter,
    mode: ReadMode,
) -> Result<Loaded<Page<Token>>, CommandError> {
    Ok(state
        .core
        .token_page(&account_id, &org_id, &window, &filter, mode)
        .await?)
}

#[tauri::command]
pub async fn key_health(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
) -> Result<KeyHealth, CommandError> {
    Ok(state.core.key_health(&account_id, &org_id).await?)
}

#[tauri::command]
pub async fn create_token(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    token: NewToken,
) -> Result<Minted<Token, RevealHandle>, CommandError> {
    Ok(state.core.create_token(&account_id, &org_id, token).await?)
}

#[tauri::command]
pub async fn revoke_token(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    token_id: String,
) -> Result<(), CommandError> {
    Ok(state
        .core
        .revoke_token(&account_id, &org_id, &token_id)
        .await?)
}

#[tauri::command]
pub async fn selectable_tokens(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    search: String,
    filter: TokenFilter,
) -> Result<Vec<KeyRef>, CommandError> {
    Ok(state
        .core
        .selectable_tokens(&account_id, &org_id, &search, &filter)
        .await?)
}

/// Each key's own outcome; the command itself does not fail.
#[tauri::command]
pub async fn revoke_tokens(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    token_ids: Vec<String>,
) -> Result<Vec<RevokeOutcome>, CommandError> {
    Ok(state
        .core
        .revoke_tokens(&account_id, &org_id, &token_ids)
        .await)
}

/// Creates the replacement of a key (its secret held like a new key's); the old key is
/// revoked with `revoke_token` once the person confirms the new secret is saved.
#[tauri::command]
pub async fn roll_token(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    token_id: String,
) -> Result<Minted<Token, RevealHandle>, CommandError> {
    Ok(state
        .core
        .roll_token(&account_id, &org_id, &token_id)
        .await?)
}

#[tauri::command]
pub async fn key_rolls(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
) -> Result<Vec<KeyRoll>, CommandError> {
    Ok(state.core.key_rolls(&account_id, &org_id).await?)
}

#[tauri::command]
pub async fn forget_roll(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    old_id: String,
) -> Result<(), CommandError> {
    Ok(state.core.forget_roll(&account_id, &org_id, &old_id)?)
}

#[tauri::command]
pub async fn reveal_token_secret(
    state: State<'_, AppState>,
    handle: RevealHandle,
) -> Result<RevealedSecret, CommandError> {
    let secret = state.core.reveal_secret(&handle)?;
    Ok(RevealedSecret {
        value: secret.expose().to_owned(),
    })
}

#[tauri::command]
pub async fn copy_token_secret(
    state: State<'_, AppState>,
    handle: RevealHandle,
) -> Result<CopyReceipt, CommandError> {
    Ok(state.core.copy_secret(&handle)?)
}

#[tauri::command]
pub async fn discard_token_secret(
    state: State<'_, AppState>,
    handle: RevealHandle,
) -> Result<(), CommandError> {
    state.core.discard_secret(&handle);
    Ok(())
}

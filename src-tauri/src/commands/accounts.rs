//! Accounts: list, sign in, API key, explore the sandbox, sign in again, sign out,
//! remove, switch, remember the open org; the keychain's health.

use saasignal_core::accounts::{Account, AccountId, AccountsFile};
use saasignal_core::services::accounts::Server;
use saasignal_sandbox::seed::DEMO_OWNER;
use saasignal_secret::Secret;
use tauri::State;

use super::error::CommandError;
use crate::state::{AppState, KeychainStatus};

#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>) -> Result<AccountsFile, CommandError> {
    Ok(state.core.accounts())
}

#[tauri::command]
pub async fn keychain_status(state: State<'_, AppState>) -> Result<KeychainStatus, CommandError> {
    Ok(state.keychain.lock().await.clone())
}

/// Runs the keychain self-check again (after the person unlocked or installed one).
#[tauri::command]
pub async fn recheck_keychain(state: State<'_, AppState>) -> Result<KeychainStatus, CommandError> {
    Ok(state.check_keychain().await)
}

#[tauri::command]
pub async fn sign_in(
    state: State<'_, AppState>,
    base_url: String,
    label: String,
    email: String,
    password: String,
) -> Result<Account, CommandError> {
    let password = Secret::new(password);
    Ok(state
        .core
        .sign_in(Server::Remote(base_url), &label, email.trim(), &password)
        .await?)
}

#[tauri::command]
pub async fn add_api_key(
    state: State<'_, AppState>,
    base_url: String,
    label: String,
    api_key: String,
) -> Result<Account, CommandError> {
    // Trimmed in place: no copy of the key is left unwiped.
    let api_key = Secret::trimmed(api_key);
    Ok(state
        .core
        .add_api_key(Server::Remote(base_url), &label, &api_key)
        .await?)
}

/// Starts the embedded sandbox (with its demo data) and signs in as the demo user.
#[tauri::command]
pub async fn explore_sandbox(state: State<'_, AppState>) -> Result<Account, CommandError> {
    let url = state.sandbox.ensure_running().await?;
    state.core.set_local_sandbox_url(Some(url));
    let password = Secret::new(DEMO_OWNER.password);
    Ok(state
        .core
        .sign_in(
            Server::LocalSandbox,
            "Local sandbox",
            DEMO_OWNER.email,
            &password,
        )
        .await?)
}

#[tauri::command]
pub async fn sign_in_again(
    state: State<'_, AppState>,
    account_id: AccountId,
    password: String,
) -> Result<Account, CommandError> {
    let password = Secret::new(password);
    Ok(state.core.sign_in_again(&account_id, &password).await?)
}

#[tauri::command]
pub async fn sign_out(
    state: State<'_, AppState>,
    account_id: AccountId,
) -> Result<(), CommandError> {
    Ok(state.core.sign_out(&account_id).await?)
}

#[tauri::command]
pub async fn remove_account(
    state: State<'_, AppState>,
    account_id: AccountId,
) -> Result<(), CommandError> {
    Ok(state.core.remove_account(&account_id).await?)
}

#[tauri::command]
pub async fn switch_account(
    state: State<'_, AppState>,
    account_id: AccountId,
) -> Result<Account, CommandError> {
    Ok(state.core.switch_account(&account_id)?)
}

#[tauri::command]
pub async fn rename_account(
    state: State<'_, AppState>,
    account_id: AccountId,
    label: String,
) -> Result<Account, CommandError> {
    Ok(state.core.rename_account(&account_id, &label)?)
}

#[tauri::command]
pub async fn remember_org(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
) -> Result<(), CommandError> {
    Ok(state.core.remember_org(&account_id, &org_id)?)
}

#[tauri::command]
pub async fn refresh_account(
    state: State<'_, AppState>,
    account_id: AccountId,
) -> Result<saasignal_core::RefreshReport, CommandError> {
    Ok(state.core.refresh_account(&account_id).await?)
}

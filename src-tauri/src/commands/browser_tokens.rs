//! Browser tokens (`bt_…`), minted from an API-key account. The token waits under its
//! reveal handle like an API key's secret (`reveal_token_secret`, `copy_token_secret`).

use saasignal_core::BrowserTokenRequest;
use saasignal_core::accounts::AccountId;
use saasignal_core::copy_once::RevealHandle;
use saasignal_model::{BrowserTokenInfo, Minted};
use tauri::State;

use super::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn mint_browser_token(
    state: State<'_, AppState>,
    account_id: AccountId,
    request: BrowserTokenRequest,
) -> Result<Minted<BrowserTokenInfo, RevealHandle>, CommandError> {
    Ok(state.core.mint_browser_token(&account_id, request).await?)
}

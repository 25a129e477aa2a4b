//! API tokens and browser tokens. Creating a token returns a reveal handle; the secret
//! crosses IPC only when the person presses Reveal in the one dialog that shows it, and
//! copying happens in Rust.

use saasignal_core::accounts::AccountId;
use saasignal_core::copy_once::RevealHandle;
use saasignal_core::{BrowserTokenRequest, CreatedTokenHandle, NewToken};
use saasignal_model::BrowserTokenInfo;
use serde::{Deserialize, Serialize};
use tauri::State;

use super::error::CommandError;
use crate::state::AppState;

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TokenInput {
    pub name: String,
    pub scopes: Vec<String>,
    #[ts(optional)]
    pub project_id: Option<String>,
    /// ISO 8601 UTC ending in Z; omitted for a key that never expires.
    #[ts(optional)]
    pub expires_at: Option<String>,
}

/// The secret, for the dialog's Reveal button only.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RevealedSecret {
    pub value: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CopiedSecret {
    /// When the clipboard will be cleared (if it still holds the secret), RFC 3339.
    pub clears_at: String,
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BrowserTokenInput {
    /// Omitted: all of the key's scopes.
    #[ts(optional)]
    pub scopes: Option<Vec<String>>,
    pub ttl: u32,
}

/// A browser token is meant for browser JavaScript; the UI shows it with its countdown,
/// and copies it with `copy_token_secret(reveal)`, through the same Rust clipboard path
/// as an API key's secret.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MintedBrowserToken {
    pub token: String,
    pub info: BrowserTokenInfo,
    pub reveal: RevealHandle,
}

#[tauri::command]
pub async fn create_token(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    token: TokenInput,
) -> Result<CreatedTokenHandle, CommandError> {
    let token = NewToken {
        name: token.name,
        scopes: token.scopes,
        project_id: token.project_id.filter(|p| !p.is_empty()),
        expires_at: token.expires_at.filter(|e| !e.is_empty()),
    };
    Ok(state.core.create_token(&account_id, &org_id, token).await?)
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
) -> Result<CopiedSecret, CommandError> {
    let receipt = state.core.copy_secret(&handle)?;
    Ok(CopiedSecret {
        clears_at: saasignal_model::timestamp::format(&receipt.clears_at),
    })
}

#[tauri::command]
pub async fn discard_token_secret(
    state: State<'_, AppState>,
    handle: RevealHandle,
) -> Result<(), CommandError> {
    state.core.discard_secret(&handle);
    Ok(())
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
pub async fn mint_browser_token(
    state: State<'_, AppState>,
    account_id: AccountId,
    request: BrowserTokenInput,
) -> Result<MintedBrowserToken, CommandError> {
    let minted = state
        .core
        .mint_browser_token(
            &account_id,
            BrowserTokenRequest {
                scopes: request.scopes,
                ttl: Some(request.ttl),
            },
        )
        .await?;
    Ok(MintedBrowserToken {
        token: minted.token.expose().to_owned(),
        info: minted.info,
        reveal: minted.reveal,
    })
}

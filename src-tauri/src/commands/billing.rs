//! Usage and billing: an org's overview, the free-plan switch, the sidebar's levels.

use saasignal_core::accounts::AccountId;
use saasignal_core::{Loaded, ReadMode};
use saasignal_model::{BillingOverview, Subscription, UsageLevel};
use tauri::State;

use super::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn billing_overview(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    mode: ReadMode,
) -> Result<Loaded<Option<BillingOverview>>, CommandError> {
    Ok(state
        .core
        .billing_overview(&account_id, &org_id, mode)
        .await?)
}

#[tauri::command]
pub async fn switch_to_free_plan(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
) -> Result<Subscription, CommandError> {
    Ok(state.core.switch_to_free_plan(&account_id, &org_id).await?)
}

#[tauri::command]
pub async fn usage_levels(
    state: State<'_, AppState>,
    account_id: AccountId,
) -> Result<Vec<UsageLevel>, CommandError> {
    Ok(state.core.usage_levels(&account_id)?)
}

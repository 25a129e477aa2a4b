//! The person's choices that are not about one account (network: the system proxy).

use saasignal_client::ProxyPolicy;
use saasignal_core::settings::Preferences;
use tauri::State;

use super::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn get_preferences(state: State<'_, AppState>) -> Result<Preferences, CommandError> {
    Ok(state.storage.settings.preferences())
}

#[tauri::command]
pub async fn set_preferences(
    state: State<'_, AppState>,
    preferences: Preferences,
) -> Result<Preferences, CommandError> {
    state
        .storage
        .settings
        .set_preferences(preferences.clone())
        .map_err(saasignal_core::CoreError::from)?;
    state.core.set_proxy(if preferences.use_system_proxy {
        ProxyPolicy::System
    } else {
        ProxyPolicy::Direct
    });
    Ok(preferences)
}

//! The person's choices that are not about one account: the system proxy, the key
//! rules' thresholds.

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
    if let Some((field, message)) = preferences.key_thresholds.problem() {
        return Err(saasignal_core::CoreError::InvalidPreference { field, message }.into());
    }
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
    state.core.set_key_thresholds(preferences.key_thresholds);
    Ok(preferences)
}

//! Links into the app: the one the launch was started with.

use tauri::State;

use super::error::CommandError;
use crate::deep_link::LaunchLink;
use crate::state::AppState;

/// Opens the link the app was launched with, if any, once; the window calls it when it
/// listens to the backend's events (the outcome arrives as one).
#[tauri::command]
pub async fn open_launch_link(
    state: State<'_, AppState>,
    link: State<'_, LaunchLink>,
) -> Result<(), CommandError> {
    if let Some(link) = link.take() {
        state.core.open_link(&link);
    }
    Ok(())
}

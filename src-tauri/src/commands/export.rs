//! Exporting a list to a file the person picks in the native save dialog. The dialog is
//! opened here, in Rust: the path always comes from the person, never from the page,
//! and the webview holds no dialog or filesystem permission at all.

use std::path::PathBuf;

use saasignal_core::ReadMode;
use saasignal_core::accounts::AccountId;
use saasignal_core::services::export::{ExportFormat, ExportReceipt, ExportRequest};
use tauri::{AppHandle, Manager, Runtime, State};

use super::error::CommandError;
use crate::state::AppState;

/// In debug builds, a folder to save exports to without asking (the WebDriver journeys
/// cannot drive a native dialog), while that folder exists. Release builds ignore it.
const SAVE_TO_WITHOUT_ASKING: &str = "SAASIGNAL_E2E_SAVE_DIR";

/// Writes the list `request` names, as its screen filters it, where the person chooses;
/// `None` when they cancel the dialog.
#[tauri::command]
pub async fn export_list<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    request: ExportRequest,
) -> Result<Option<ExportReceipt>, CommandError> {
    let slug = state
        .core
        .orgs(&account_id, ReadMode::CacheOnly)
        .await
        .ok()
        .and_then(|orgs| orgs.data.into_iter().find(|org| org.id == org_id))
        .map(|org| org.slug)
        .unwrap_or_default();
    let name = request.suggested_name(&slug, chrono::Local::now().date_naive());
    let Some(path) = choose_path(&app, name, request.format).await else {
        return Ok(None);
    };
    Ok(Some(
        state
            .core
            .export(&account_id, &org_id, &request, &path)
            .await?,
    ))
}

/// The path the person picks in the save dialog (over the main window), suggesting `name`.
async fn choose_path<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
    format: ExportFormat,
) -> Option<PathBuf> {
    if cfg!(debug_assertions)
        && let Some(folder) = std::env::var_os(SAVE_TO_WITHOUT_ASKING).map(PathBuf::from)
        && folder.is_dir()
    {
        return Some(folder.join(name));
    }
    let extension = format.extension();
    let label = extension.to_uppercase();
    let window = app.get_webview_window("main");
    let (sender, receiver) = tokio::sync::oneshot::channel();
    // Native dialogs are made on the main thread (GTK and AppKit insist); the wait for
    // the person is not.
    let made = app.run_on_main_thread(move || {
        let mut dialog = rfd::AsyncFileDialog::new()
            .set_title("Export")
            .set_file_name(name)
            .add_filter(label, &[extension]);
        if let Some(window) = &window {
            dialog = dialog.set_parent(window);
        }
        let _ = sender.send(dialog.save_file());
    });
    if let Err(error) = made {
        tracing::warn!(%error, "the save dialog could not be opened");
        return None;
    }
    let chosen = receiver.await.ok()?.await?;
    Some(chosen.path().to_path_buf())
}

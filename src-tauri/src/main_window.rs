//! The one main window.

use tauri::{AppHandle, Manager};

pub const LABEL: &str = "main";

/// Shows, un-minimises and focuses the main window (used when a second launch is refused).
pub fn bring_to_front(app: &AppHandle) {
    let Some(window) = app.get_webview_window(LABEL) else {
        tracing::warn!("a second launch found no main window to focus");
        return;
    };
    for (step, outcome) in [
        ("show", window.show()),
        ("unminimize", window.unminimize()),
        ("focus", window.set_focus()),
    ] {
        if let Err(error) = outcome {
            tracing::warn!(step, %error, "could not bring the main window forward");
        }
    }
}

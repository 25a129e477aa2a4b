//! The one main window. It is built here rather than from the config at start-up, so a
//! data folder that cannot be used does not stop it from opening: WebKit and WebView2
//! keep their storage in that folder, and Tauri would fail the whole start if it cannot
//! be made. The window then opens with a temporary one and explains the problem.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, WebviewWindowBuilder};

pub const LABEL: &str = "main";

/// Opens the main window as `tauri.conf.json` describes it.
pub fn open(app: &AppHandle) {
    let Some(config) = app
        .config()
        .app
        .windows
        .iter()
        .find(|window| window.label == LABEL)
        .cloned()
    else {
        fail("tauri.conf.json describes no main window");
    };
    let built = WebviewWindowBuilder::from_config(app, &config)
        .map(|builder| builder.data_directory(webview_data_dir(app)))
        .and_then(WebviewWindowBuilder::build);
    match built {
        Ok(window) => {
            crate::memory::tune_webview(&window);
            crate::page_recovery::watch(&window);
        }
        Err(error) => fail(&format!("the window could not be created: {error}")),
    }
}

/// Without a window nothing can be shown: say why where a person or a log can see it.
fn fail(why: &str) -> ! {
    tracing::error!(why, "SaaSignal Admin cannot open its window");
    eprintln!("SaaSignal Admin cannot open its window: {why}");
    std::process::exit(1);
}

/// The app's local data folder where it can be made, else a temporary one.
fn webview_data_dir(app: &AppHandle) -> PathBuf {
    let fallback = || std::env::temp_dir().join(format!("{}-webview", app.config().identifier));
    match app.path().app_local_data_dir() {
        Ok(dir) if std::fs::create_dir_all(&dir).is_ok() => dir,
        Ok(dir) => {
            tracing::warn!(path = %dir.display(), "the data folder cannot be made: the window keeps its storage in a temporary folder");
            fallback()
        }
        Err(error) => {
            tracing::warn!(%error, "no local data folder: the window keeps its storage in a temporary folder");
            fallback()
        }
    }
}

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

//! The Tauri shell of SaaSignal Admin: window, plugins and the IPC commands.
//! Every rule and credential lives in the Tauri-free crates under `src-tauri/crates/`;
//! this crate only wires them to the window.

mod bindings;
mod commands;
mod logging;
mod main_window;

use tauri::Manager;

/// Starts the app and blocks until it quits.
pub fn run() {
    let outcome = tauri::Builder::default()
        // Must be registered first: a second launch hands over to the running instance.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            main_window::bring_to_front(app);
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_store::Builder::default().build())
        .setup(|app| {
            let log_dir = app.path().app_log_dir()?;
            app.manage(logging::init(&log_dir));
            tracing::info!(version = %app.package_info().version, "SaaSignal Admin started");
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![commands::app_info::app_info])
        .run(tauri::generate_context!());
    if let Err(error) = outcome {
        eprintln!("SaaSignal Admin stopped with an error: {error}");
        std::process::exit(1);
    }
}

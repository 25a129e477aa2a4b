//! The Tauri shell of SaaSignal Admin: window, plugins and the IPC commands.
//! Every rule and credential lives in the Tauri-free crates under `src-tauri/crates/`;
//! this crate only wires them to the window.

mod bindings;
mod commands;
mod crash;
mod deep_link;
mod expiry_alerts;
mod logging;
mod main_window;
mod memory;
mod page_recovery;
mod release_config;
mod state;
mod updates;

use tauri::{Manager, RunEvent};

use crate::state::AppState;

/// Starts the app and blocks until it quits.
pub fn run() {
    memory::tune_allocator();
    memory::tune_javascript_engine();
    memory::tune_painting();
    crash::harden_process();
    let builder = tauri::Builder::default()
        // Must be registered first: a second launch hands over to the running instance.
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            deep_link::hand_over(app, argv);
            main_window::bring_to_front(app);
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(updates::plugin())
        .manage(updates::PendingUpdate::default());
    let app = expiry_alerts::with_notification_plugin(builder)
        .setup(|app| {
            let log_dir = app.path().app_log_dir().unwrap_or_else(|error| {
                eprintln!("no log folder ({error}): logging to stderr only");
                std::env::temp_dir()
            });
            app.manage(logging::init(&log_dir));
            app.manage(deep_link::LaunchLink::from_args(
                std::env::args_os().filter_map(|arg| arg.into_string().ok()),
            ));
            tracing::info!(version = %app.package_info().version, "SaaSignal Admin started");
            // The window first: its WebKit processes start up in parallel with the state
            // opening below (no command is served before setup returns).
            main_window::open(app.handle());
            // Nothing here may fail the start: whatever cannot be used is shown in the
            // window, which must open to say so.
            let state = AppState::open(app.handle());
            crash::clear_clipboard_on_panic(state.core.clone());
            app.manage(state);
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move { start_background_work(handle).await });
            Ok(())
        })
        .invoke_handler(logged(commands::all_commands!()))
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(error) => {
            tracing::error!(%error, "SaaSignal Admin could not start");
            eprintln!("SaaSignal Admin could not start: {error}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| match event {
        RunEvent::Exit => on_exit(handle),
        RunEvent::WindowEvent {
            event: tauri::WindowEvent::Focused(true),
            ..
        } => expiry_alerts::app_activated(handle),
        // macOS hands links to the running app as an event (Windows and Linux start the
        // app with the link as an argument, which single-instance passes on).
        #[cfg(target_os = "macos")]
        RunEvent::Opened { urls } => {
            deep_link::hand_over(handle, urls.into_iter().map(String::from).collect())
        }
        _ => {}
    });
}

/// Logs each command the window calls (its name only, never its arguments), so a run's
/// IPC traffic can be counted from the log (`tests/e2e`'s request-count journey does).
fn logged<R: tauri::Runtime>(
    handler: impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    move |invoke| {
        tracing::debug!(target: "saasignal_admin::ipc", command = invoke.message.command(), "ipc call");
        handler(invoke)
    }
}

/// The keychain self-check and clean-up, the local sandbox when an account uses it, then
/// the look for expiring keys every 15 minutes.
async fn start_background_work(app: tauri::AppHandle) {
    let state = app.state::<AppState>();
    if matches!(
        state.check_keychain().await,
        state::KeychainStatus::Ready { .. }
    ) {
        state.core.sweep_keychain().await;
    }
    let uses_sandbox = state
        .core
        .accounts()
        .accounts
        .iter()
        .any(|account| account.is_local_sandbox);
    if uses_sandbox {
        match state.sandbox.ensure_running().await {
            Ok(url) => state.core.set_local_sandbox_url(Some(url)),
            Err(error) => tracing::error!(%error, "the local sandbox did not start"),
        }
    }
    expiry_alerts::watch(app.clone()).await;
}

/// Forget held secrets and clear a copied one from the clipboard before quitting.
fn on_exit(app: &tauri::AppHandle) {
    if let Some(state) = app.try_state::<AppState>() {
        state.core.forget_secrets();
        tauri::async_runtime::block_on(state.sandbox.stop());
    }
}

//! The daily expiry notification: every 15 minutes, the accounts whose cached keys expire soon
//! or have expired unrevoked (the core words them, from the cache only, so offline too)
//! get one desktop notification a day, unless the person switched them off.
//!
//! Opening it shows those keys. On Linux the notification carries the freedesktop
//! `default` action, whose click the app waits for. `tauri-plugin-notification` reports
//! no click on desktop, so elsewhere it shows the notification, and the app's next
//! activation soon after (which is what clicking a notification does there) opens it.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use saasignal_core::services::expiry_alerts::ExpiryAlert;
use tauri::{AppHandle, Manager};

use crate::main_window;
use crate::state::AppState;

/// How often the cache is looked at: a few SQLite reads per account, and an alert is
/// shown at most once a day anyway.
const CHECK_EVERY: Duration = Duration::from_secs(15 * 60);

/// The first look waits this long after start, off the launch's path (the window and
/// the first sync come first).
const FIRST_CHECK_AFTER: Duration = Duration::from_secs(15);

/// How long after a notification the app's activation counts as opening it.
#[cfg_attr(target_os = "linux", allow(dead_code))]
const OPENED_WITHIN: Duration = Duration::from_secs(10 * 60);

/// The last notification shown where clicks are not reported, and when.
static LAST_SHOWN: Mutex<Option<(Instant, ExpiryAlert)>> = Mutex::new(None);

/// Checks soon after start and every 15 minutes, for as long as the app runs.
pub async fn watch(app: AppHandle) {
    tokio::time::sleep(FIRST_CHECK_AFTER).await;
    loop {
        check(&app).await;
        tokio::time::sleep(CHECK_EVERY).await;
    }
}

async fn check(app: &AppHandle) {
    let state = app.state::<AppState>();
    if !state.storage.settings.preferences().expiry_notifications {
        return;
    }
    let today = chrono::Local::now().date_naive();
    let alerts = match state.core.expiry_alerts_due(today).await {
        Ok(alerts) => alerts,
        Err(error) => {
            tracing::warn!(
                code = error.code().as_str(),
                "could not look for expiring keys"
            );
            return;
        }
    };
    tracing::debug!(due = alerts.len(), "looked for expiring keys");
    for alert in alerts {
        let (app, shown) = (app.clone(), alert.clone());
        let done = tokio::task::spawn_blocking(move || show(&app, shown)).await;
        if matches!(done, Ok(true)) {
            state.core.note_expiry_alert_shown(&alert, today);
        }
    }
}

/// The app became active (a window gained focus): if a notification was shown just
/// before, that is most likely its click (see the module's note).
#[cfg_attr(target_os = "linux", allow(dead_code))]
pub fn app_activated(app: &AppHandle) {
    let last = LAST_SHOWN.lock().ok().and_then(|mut last| last.take());
    if let Some((at, alert)) = last
        && at.elapsed() <= OPENED_WITHIN
    {
        open(app, &alert);
    }
}

fn open(app: &AppHandle, alert: &ExpiryAlert) {
    main_window::bring_to_front(app);
    app.state::<AppState>().core.open_expiry_alert(alert);
}

/// Registers `tauri-plugin-notification` where it shows the alerts (not Linux, where
/// notify-rust does: the plugin is not even linked there).
pub fn with_notification_plugin<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
) -> tauri::Builder<R> {
    #[cfg(not(target_os = "linux"))]
    let builder = builder.plugin(tauri_plugin_notification::init());
    builder
}

/// Shows `alert`; false when the system has no notifications (logged).
#[cfg(target_os = "linux")]
fn show(app: &AppHandle, alert: ExpiryAlert) -> bool {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname("SaaSignal Admin")
        .summary(&alert.title)
        .body(&alert.body)
        .icon("dev.saasignal.admin")
        .action("default", "Show the keys");
    match notification.show() {
        Ok(handle) => {
            let app = app.clone();
            // Waits (on a thread of its own) until it is clicked or closed.
            std::thread::spawn(move || {
                handle.wait_for_action(|action| {
                    if action == "default" {
                        open(&app, &alert);
                    }
                });
            });
            true
        }
        Err(error) => {
            tracing::warn!(%error, "no desktop notifications here: the expiry alert was not shown");
            false
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn show(app: &AppHandle, alert: ExpiryAlert) -> bool {
    use tauri_plugin_notification::NotificationExt;
    match app
        .notification()
        .builder()
        .title(&alert.title)
        .body(&alert.body)
        .show()
    {
        Ok(()) => {
            if let Ok(mut last) = LAST_SHOWN.lock() {
                *last = Some((Instant::now(), alert));
            }
            true
        }
        Err(error) => {
            tracing::warn!(%error, "the expiry alert could not be shown");
            false
        }
    }
}

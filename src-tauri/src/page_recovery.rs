//! When the window loses its page (Linux). WebKitGTK runs the page in a web process of
//! its own; when that process crashes (its software renderer has, under a long soak) or
//! is killed, wry leaves the window blank for good. Here the page is loaded again, the
//! cause is logged, and the core tells the person (offering again a new key's secret
//! that was on screen). Crashes in a row wait longer and longer before the reload, so a
//! page that cannot live does not spin the machine.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Crashes further apart than this are not "in a row".
const IN_A_ROW: Duration = Duration::from_secs(60);
const LONGEST_WAIT: Duration = Duration::from_secs(30);

/// Watches the window's web process and reloads the page when it ends.
pub fn watch(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    {
        use tauri::Manager;
        let app = window.app_handle().clone();
        let watched = window.with_webview(move |webview| {
            use webkit2gtk::WebViewExt;
            let crashes = std::cell::RefCell::new(CrashHistory::default());
            webview
                .inner()
                .connect_web_process_terminated(move |view, reason| {
                    let wait = crashes.borrow_mut().record(Instant::now());
                    let cause = describe(reason);
                    tracing::error!(
                        ?reason,
                        wait_ms = wait.as_millis() as u64,
                        "the window's web process ended: reloading the page"
                    );
                    if let Some(state) = app.try_state::<crate::state::AppState>() {
                        state.core.page_reloaded(cause);
                    }
                    if wait.is_zero() {
                        view.reload();
                    } else {
                        let view = view.clone();
                        webkit2gtk::glib::timeout_add_local_once(wait, move || view.reload());
                    }
                });
        });
        if let Err(error) = watched {
            tracing::warn!(%error, "the window's web process cannot be watched: a crash of it will leave the window blank");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

#[cfg(target_os = "linux")]
fn describe(reason: webkit2gtk::WebProcessTerminationReason) -> &'static str {
    use webkit2gtk::WebProcessTerminationReason as Reason;
    match reason {
        Reason::ExceededMemoryLimit => {
            "The window's page used more memory than the system allows and was stopped."
        }
        Reason::TerminatedByApi => "The window's page was stopped.",
        _ => "The window's page crashed (the web engine's process ended unexpectedly).",
    }
}

/// When the page last crashed, to space out reloads of a page that keeps crashing.
#[derive(Default)]
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
struct CrashHistory {
    recent: VecDeque<Instant>,
}

#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
impl CrashHistory {
    /// Notes a crash at `now`; returns how long to wait before reloading: nothing for the
    /// first in a minute, then 1 s, 2 s, 4 s… up to 30 s.
    fn record(&mut self, now: Instant) -> Duration {
        while self
            .recent
            .front()
            .is_some_and(|at| now.duration_since(*at) > IN_A_ROW)
        {
            self.recent.pop_front();
        }
        self.recent.push_back(now);
        match self.recent.len() {
            0 | 1 => Duration::ZERO,
            n => Duration::from_secs(1u64 << (n - 2).min(5)).min(LONGEST_WAIT),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crashes_in_a_row_wait_longer_up_to_a_limit() {
        let mut history = CrashHistory::default();
        let start = Instant::now();
        let waits: Vec<u64> = (0..8)
            .map(|n| history.record(start + Duration::from_secs(n)).as_secs())
            .collect();
        assert_eq!(waits, [0, 1, 2, 4, 8, 16, 30, 30]);
    }

    #[test]
    fn a_crash_after_a_quiet_minute_reloads_at_once() {
        let mut history = CrashHistory::default();
        let start = Instant::now();
        history.record(start);
        history.record(start + Duration::from_secs(1));
        assert_eq!(
            history.record(start + Duration::from_secs(120)),
            Duration::ZERO
        );
    }
}

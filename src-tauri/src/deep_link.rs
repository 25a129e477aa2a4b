//! Links into the app (`saasignal-admin://org/<id>/<view>`). The OS hands a link to a
//! launch as an argument: a second launch passes its arguments to the running app
//! (single-instance), which opens the link at once; the first launch keeps its link
//! until the window listens and asks for it (`open_launch_link`).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use saasignal_core::services::deep_links::link_in;
use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// The link this launch was started with (or one handed over before the window
/// listened), until the window takes it.
pub struct LaunchLink {
    pending: Mutex<Option<String>>,
    /// Set once the window has asked: from then on links are opened at once.
    window_listens: AtomicBool,
}

impl LaunchLink {
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Self {
        Self {
            pending: Mutex::new(link_in(args)),
            window_listens: AtomicBool::new(false),
        }
    }

    /// The window listens now: the link waiting for it, once.
    pub fn take(&self) -> Option<String> {
        self.window_listens.store(true, Ordering::SeqCst);
        self.pending.lock().ok().and_then(|mut link| link.take())
    }

    /// Keeps `link` for the window unless it already listens; `Some(link)` when it does.
    fn keep_until_listening(&self, link: String) -> Option<String> {
        if self.window_listens.load(Ordering::SeqCst) {
            return Some(link);
        }
        if let Ok(mut pending) = self.pending.lock() {
            *pending = Some(link); // the newest wins
        }
        None
    }
}

/// A second launch's arguments: its link, if any, is opened by this instance.
pub fn hand_over(app: &AppHandle, argv: Vec<String>) {
    let Some(link) = link_in(argv) else {
        return;
    };
    // Before the window listens, an event would reach nobody: it takes the link then.
    let link = match app.try_state::<LaunchLink>() {
        Some(pending) => pending.keep_until_listening(link),
        None => Some(link),
    };
    if let (Some(link), Some(state)) = (link, app.try_state::<AppState>()) {
        state.core.open_link(&link);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_waits_until_the_window_listens_and_is_taken_once() {
        let launch = ["app", "saasignal-admin://org/o/usage"].map(String::from);
        let link = LaunchLink::from_args(launch);
        assert_eq!(
            link.take().as_deref(),
            Some("saasignal-admin://org/o/usage")
        );
        assert_eq!(link.take(), None);
        // The window listens: a link handed over now is opened at once, not kept.
        let later = "saasignal-admin://org/p/tokens".to_owned();
        assert_eq!(link.keep_until_listening(later.clone()), Some(later));

        let early = LaunchLink::from_args(["app".to_owned()]);
        let handed = "saasignal-admin://org/q/usage".to_owned();
        assert_eq!(early.keep_until_listening(handed.clone()), None);
        assert_eq!(early.take(), Some(handed));
    }
}

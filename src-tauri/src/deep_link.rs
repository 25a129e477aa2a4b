//! Links into the app (`saasignal-admin://org/<id>/<view>`). The OS hands a link to a
//! launch as an argument: a second launch passes its arguments to the running app
//! (single-instance), which opens the link at once; the first launch keeps its link
//! until the window listens and asks for it (`open_launch_link`).

use std::sync::Mutex;

use saasignal_core::services::deep_links::link_in;
use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// The link this launch was started with, until the window takes it.
pub struct LaunchLink(Mutex<Option<String>>);

impl LaunchLink {
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Self {
        Self(Mutex::new(link_in(args)))
    }

    /// The link, once: later calls get `None`.
    pub fn take(&self) -> Option<String> {
        self.0.lock().ok().and_then(|mut link| link.take())
    }

    /// Keeps `link` for the window to take (the newest wins).
    fn keep(&self, link: String) {
        if let Ok(mut pending) = self.0.lock() {
            *pending = Some(link);
        }
    }
}

/// A second launch's arguments: its link, if any, is opened by this instance.
pub fn hand_over(app: &AppHandle, argv: Vec<String>) {
    let Some(link) = link_in(argv) else {
        return;
    };
    if let Some(state) = app.try_state::<AppState>() {
        state.core.open_link(&link);
    } else if let Some(pending) = app.try_state::<LaunchLink>() {
        // The app is still starting: the window takes it when it listens.
        pending.keep(link);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_launch_link_is_taken_once_and_a_later_one_replaces_it() {
        let link =
            LaunchLink::from_args(["app", "saasignal-admin://org/o/usage"].map(String::from));
        assert_eq!(
            link.take().as_deref(),
            Some("saasignal-admin://org/o/usage")
        );
        assert_eq!(link.take(), None);
        link.keep("saasignal-admin://org/p/tokens".into());
        assert_eq!(
            link.take().as_deref(),
            Some("saasignal-admin://org/p/tokens")
        );
    }
}

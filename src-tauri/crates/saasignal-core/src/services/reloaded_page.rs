//! The window lost its page and loaded it again: the web process that runs it crashed or
//! was killed (WebKit's software renderer has crashed under a long soak). Accounts,
//! credentials, held secrets and the cache live in the app's own process and are
//! untouched; only the page starts afresh. The person is told so, and a new key's
//! secret that was waiting in its dialog is offered again: a reload loses no secret.

use saasignal_model::{Minted, Token};

use crate::copy_once::RevealHandle;
use crate::core::Core;
use crate::notices::{Notice, NoticeAction, Severity};

const RELOADED: &str = "window-reloaded";
const WAITING_PREFIX: &str = "secret-waiting:";

impl Core {
    /// The page was loaded again after `cause` (a sentence saying what happened to it).
    pub fn page_reloaded(&self, cause: &str) {
        self.post_notice(Notice {
            id: RELOADED.to_owned(),
            severity: Severity::Warning,
            title: "The window was reloaded".to_owned(),
            message: format!(
                "{cause} The app loaded it again. Your accounts, keys and cached data are kept outside the window and were not affected; a form you were filling in has to be filled in again."
            ),
            path: None,
            action: NoticeAction::None,
            dismissible: true,
        });
        for minted in self.inner.pending.waiting_keys() {
            self.post_notice(waiting_notice(minted));
        }
    }

    /// Takes down the offers of secrets that are no longer held (their dialog closed,
    /// their account signed out, their time up).
    pub(crate) fn withdraw_gone_secret_offers(&self) {
        let waiting: Vec<String> = self
            .inner
            .pending
            .waiting_keys()
            .iter()
            .map(|minted| waiting_id(&minted.secret))
            .collect();
        for notice in self.notices() {
            if notice.id.starts_with(WAITING_PREFIX) && !waiting.contains(&notice.id) {
                self.clear_notice(&notice.id);
            }
        }
    }
}

/// The handle a "secret still here" notice offers, if `notice` is one.
pub(crate) fn offered_secret(notice: &str) -> Option<RevealHandle> {
    notice
        .strip_prefix(WAITING_PREFIX)
        .map(|handle| RevealHandle::from(handle.to_owned()))
}

fn waiting_id(handle: &RevealHandle) -> String {
    format!("{WAITING_PREFIX}{}", handle.as_str())
}

fn waiting_notice(minted: Minted<Token, RevealHandle>) -> Notice {
    let name = &minted.item.name;
    Notice {
        id: waiting_id(&minted.secret),
        severity: Severity::Warning,
        title: format!("The secret of “{name}” is still here"),
        message: format!(
            "The window was reloaded while the new key “{name}” was waiting for you to copy its secret. The app still holds it, for at most 5 minutes after the key was created: show it now and copy it. Dismiss forgets it for good."
        ),
        path: None,
        action: NoticeAction::ShowSecret { minted },
        dismissible: true,
    }
}

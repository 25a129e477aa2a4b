//! Copying a secret to the system clipboard: marked for exclusion from clipboard
//! history and cloud sync, and cleared after [`CLEAR_AFTER`] (and on quit) only if the
//! clipboard still holds that secret, so something the person copied since is kept.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use saasignal_secret::Secret;
use sha2::{Digest, Sha256};

/// How long a copied secret stays on the clipboard.
pub const CLEAR_AFTER: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum ClipboardError {
    #[error("The clipboard is not available: {0}")]
    Unavailable(String),
}

/// What the clipboard can do; the system one, or an in-memory one in unit tests.
pub trait ClipboardBackend: Send {
    /// Puts `text` on the clipboard, hidden from history and cloud sync where the OS allows.
    fn set_sensitive_text(&mut self, text: &str) -> Result<(), ClipboardError>;
    /// The clipboard's text now, if it holds text.
    fn text(&mut self) -> Option<String>;
    fn clear(&mut self) -> Result<(), ClipboardError>;
}

/// The OS clipboard through `arboard`.
pub struct SystemClipboard(arboard::Clipboard);

impl SystemClipboard {
    pub fn open() -> Result<Self, ClipboardError> {
        arboard::Clipboard::new()
            .map(Self)
            .map_err(|error| ClipboardError::Unavailable(error.to_string()))
    }
}

impl ClipboardBackend for SystemClipboard {
    fn set_sensitive_text(&mut self, text: &str) -> Result<(), ClipboardError> {
        let set = self.0.set();
        #[cfg(target_os = "linux")]
        let set = {
            use arboard::SetExtLinux;
            set.exclude_from_history()
        };
        #[cfg(target_os = "macos")]
        let set = {
            use arboard::SetExtApple;
            set.exclude_from_history()
        };
        #[cfg(target_os = "windows")]
        let set = {
            use arboard::SetExtWindows;
            set.exclude_from_monitoring()
        };
        set.text(text)
            .map_err(|error| ClipboardError::Unavailable(error.to_string()))
    }

    fn text(&mut self) -> Option<String> {
        self.0.get_text().ok()
    }

    fn clear(&mut self) -> Result<(), ClipboardError> {
        self.0
            .clear()
            .map_err(|error| ClipboardError::Unavailable(error.to_string()))
    }
}

/// When the copied secret will be cleared, for the UI's countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CopyReceipt {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub clears_at: DateTime<Utc>,
}

/// Fingerprint of what we put on the clipboard: enough to recognise it later without
/// keeping the secret itself.
type Fingerprint = [u8; 32];

fn fingerprint(text: &str) -> Fingerprint {
    Sha256::digest(text.as_bytes()).into()
}

struct State {
    backend: Box<dyn ClipboardBackend>,
    /// What the last copy put there, and which copy that was: copying the same secret
    /// twice makes a second timer, and only the last copy's timer may clear.
    copied: Option<(Fingerprint, u64)>,
    copies: u64,
}

/// The one clipboard the app copies secrets to. Cheap to clone.
#[derive(Clone)]
pub struct SecretClipboard {
    state: Arc<Mutex<State>>,
    clear_after: Duration,
}

impl SecretClipboard {
    pub fn new(backend: Box<dyn ClipboardBackend>) -> Self {
        Self::with_clear_after(backend, CLEAR_AFTER)
    }

    pub fn with_clear_after(backend: Box<dyn ClipboardBackend>, clear_after: Duration) -> Self {
        Self {
            state: Arc::new(Mutex::new(State {
                backend,
                copied: None,
                copies: 0,
            })),
            clear_after,
        }
    }

    /// Copies `secret` and schedules its removal on the current tokio runtime.
    pub fn copy(&self, secret: &Secret) -> Result<CopyReceipt, ClipboardError> {
        let mark = fingerprint(secret.expose());
        let copy = {
            let mut state = self.lock();
            state.backend.set_sensitive_text(secret.expose())?;
            state.copies += 1;
            let copy = (mark, state.copies);
            state.copied = Some(copy);
            copy
        };
        let clears_at = Utc::now()
            + chrono::Duration::from_std(self.clear_after).unwrap_or(chrono::Duration::zero());
        let this = self.clone();
        let delay = self.clear_after;
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            this.clear_if_holding(copy);
        });
        tracing::info!("copied a secret to the clipboard; it will be cleared");
        Ok(CopyReceipt { clears_at })
    }

    /// Clears the clipboard now if it still holds the last secret we copied (on quit).
    pub fn clear_now(&self) {
        let copied = self.lock().copied;
        if let Some(copy) = copied {
            self.clear_if_holding(copy);
        }
    }

    fn clear_if_holding(&self, copy: (Fingerprint, u64)) {
        let mut state = self.lock();
        if state.copied != Some(copy) {
            return; // a later copy owns the clipboard and its own timer
        }
        let (mark, _) = copy;
        state.copied = None;
        let still_ours = state
            .backend
            .text()
            .is_some_and(|text| fingerprint(&text) == mark);
        if !still_ours {
            tracing::debug!("clipboard changed since the copy; leaving it alone");
            return;
        }
        if let Err(error) = state.backend.clear() {
            tracing::warn!(%error, "could not clear the clipboard");
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_doubles::MemoryClipboard;

    #[tokio::test(start_paused = true)]
    async fn a_copied_secret_is_cleared_after_the_delay() {
        let memory = MemoryClipboard::default();
        let clipboard = SecretClipboard::new(Box::new(memory.clone()));
        clipboard.copy(&Secret::new("sk_live_x")).expect("copies");
        assert_eq!(memory.content().as_deref(), Some("sk_live_x"));
        tokio::time::sleep(CLEAR_AFTER - Duration::from_secs(1)).await;
        assert_eq!(memory.content().as_deref(), Some("sk_live_x"));
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(memory.content(), None);
    }

    #[tokio::test(start_paused = true)]
    async fn something_copied_since_is_left_alone() {
        let memory = MemoryClipboard::default();
        let clipboard = SecretClipboard::new(Box::new(memory.clone()));
        clipboard.copy(&Secret::new("sk_live_x")).expect("copies");
        memory.put("my own notes");
        tokio::time::sleep(CLEAR_AFTER + Duration::from_secs(1)).await;
        assert_eq!(memory.content().as_deref(), Some("my own notes"));
    }

    #[tokio::test(start_paused = true)]
    async fn a_second_copy_gets_its_own_full_delay() {
        let memory = MemoryClipboard::default();
        let clipboard = SecretClipboard::new(Box::new(memory.clone()));
        clipboard
            .copy(&Secret::new("sk_live_first"))
            .expect("copies");
        tokio::time::sleep(Duration::from_secs(20)).await;
        clipboard
            .copy(&Secret::new("sk_live_second"))
            .expect("copies");
        tokio::time::sleep(Duration::from_secs(15)).await;
        assert_eq!(memory.content().as_deref(), Some("sk_live_second"));
        tokio::time::sleep(Duration::from_secs(16)).await;
        assert_eq!(memory.content(), None);
    }

    #[tokio::test(start_paused = true)]
    async fn copying_the_same_secret_again_restarts_the_countdown() {
        let memory = MemoryClipboard::default();
        let clipboard = SecretClipboard::new(Box::new(memory.clone()));
        let secret = Secret::new("sk_live_same");
        clipboard.copy(&secret).expect("copies");
        tokio::time::sleep(Duration::from_secs(20)).await;
        let receipt = clipboard.copy(&secret).expect("copies again");
        // The first copy's timer fires at 30 s: it must leave the second copy alone.
        tokio::time::sleep(Duration::from_secs(15)).await;
        assert_eq!(memory.content().as_deref(), Some("sk_live_same"));
        assert!(receipt.clears_at > Utc::now());
        tokio::time::sleep(Duration::from_secs(16)).await;
        assert_eq!(memory.content(), None);
    }

    #[tokio::test]
    async fn clear_now_removes_our_secret_on_quit() {
        let memory = MemoryClipboard::default();
        let clipboard = SecretClipboard::new(Box::new(memory.clone()));
        clipboard.copy(&Secret::new("sk_live_x")).expect("copies");
        clipboard.clear_now();
        assert_eq!(memory.content(), None);
    }
}

//! Stand-ins for the core's outside world, for tests and benchmarks only: an account
//! store, a clipboard and an event sink in memory. Behind the `test-doubles` feature,
//! which only test crates turn on: the app on its own (`cargo build -p saasignal-admin`)
//! is built without them.

use std::sync::{Arc, Mutex};

use crate::accounts::{AccountStore, AccountStoreError, AccountsFile};
use crate::clipboard::{ClipboardBackend, ClipboardError};
use crate::events::{CoreEvent, EventSink};

/// An account store in memory, for tests.
#[derive(Default)]
pub struct MemoryAccountStore(Mutex<AccountsFile>);

impl AccountStore for MemoryAccountStore {
    fn load(&self) -> Result<AccountsFile, AccountStoreError> {
        Ok(self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone())
    }

    fn save(&self, file: &AccountsFile) -> Result<(), AccountStoreError> {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = file.clone();
        Ok(())
    }
}

/// A clipboard in memory, for tests.
#[derive(Clone, Default)]
pub struct MemoryClipboard {
    content: Arc<Mutex<Option<String>>>,
}

impl MemoryClipboard {
    pub fn content(&self) -> Option<String> {
        self.content
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// What the person copying something else would do.
    pub fn put(&self, text: &str) {
        *self
            .content
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(text.to_owned());
    }
}

impl ClipboardBackend for MemoryClipboard {
    fn set_sensitive_text(&mut self, text: &str) -> Result<(), ClipboardError> {
        self.put(text);
        Ok(())
    }

    fn text(&mut self) -> Option<String> {
        self.content()
    }

    fn clear(&mut self) -> Result<(), ClipboardError> {
        *self
            .content
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        Ok(())
    }
}

/// Drops every event (for callers that do not listen).
pub struct NoEvents;

impl EventSink for NoEvents {
    fn emit(&self, _event: CoreEvent) {}
}

/// Keeps every event, and counts the lists stored, for tests.
#[derive(Default)]
pub struct RecordedEvents {
    events: std::sync::Mutex<Vec<CoreEvent>>,
    lists_stored: std::sync::atomic::AtomicUsize,
}

impl RecordedEvents {
    /// How many lists from the server were written to the cache so far.
    pub fn lists_stored(&self) -> usize {
        self.lists_stored.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn take(&self) -> Vec<CoreEvent> {
        std::mem::take(
            &mut *self
                .events
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}

impl EventSink for RecordedEvents {
    fn emit(&self, event: CoreEvent) {
        self.events
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(event);
    }

    fn list_stored(&self) {
        self.lists_stored
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

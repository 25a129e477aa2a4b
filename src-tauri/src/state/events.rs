//! The core's events, sent to the window as the one Tauri event `core-event`; the UI
//! listens once and branches on `kind`.

use saasignal_cache::Cache;
use saasignal_core::events::{CoreEvent, EventSink};
use tauri::{AppHandle, Emitter, Runtime};

/// The one event name that crosses IPC.
pub const CORE_EVENT: &str = "core-event";

pub struct WindowEvents<R: Runtime> {
    app: AppHandle<R>,
    /// Whose memory is given back after a list from the server is stored.
    cache: Cache,
}

impl<R: Runtime> WindowEvents<R> {
    pub fn new(app: AppHandle<R>, cache: Cache) -> Self {
        Self { app, cache }
    }
}

impl<R: Runtime> EventSink for WindowEvents<R> {
    fn emit(&self, event: CoreEvent) {
        tracing::debug!(target: "saasignal_admin::ipc", kind = event.kind(), "event sent");
        if let Err(error) = self.app.emit(CORE_EVENT, &event) {
            tracing::warn!(%error, "could not send an event to the window");
        }
    }

    fn list_stored(&self) {
        crate::memory::release_freed_after_sync(&self.cache);
    }
}

//! The core's events, sent to the window as `cache-updated`, `sync-status` and
//! `account-state`.

use saasignal_core::events::{CoreEvent, EventSink};
use tauri::{AppHandle, Emitter, Runtime};

pub struct WindowEvents<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> WindowEvents<R> {
    pub fn new(app: AppHandle<R>) -> Self {
        Self { app }
    }
}

impl<R: Runtime> EventSink for WindowEvents<R> {
    fn emit(&self, event: CoreEvent) {
        let name = match &event {
            CoreEvent::CacheUpdated { .. } => "cache-updated",
            CoreEvent::SyncStatus { .. } => "sync-status",
            CoreEvent::AccountState { .. } => "account-state",
        };
        if let Err(error) = self.app.emit(name, &event) {
            tracing::warn!(%error, name, "could not send an event to the window");
        }
    }
}

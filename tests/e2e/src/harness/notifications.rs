//! A stand-in desktop notification server (`org.freedesktop.Notifications`) on the
//! journeys' own session bus: it records each notification the app sends and can click
//! one (the `default` action), as a person would in a real notification daemon.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context, Result};
use zbus::object_server::SignalEmitter;
use zbus::zvariant::OwnedValue;

const PATH: &str = "/org/freedesktop/Notifications";

/// One notification as it arrived.
#[derive(Debug, Clone)]
pub struct Sent {
    pub id: u32,
    pub app_name: String,
    pub summary: String,
    pub body: String,
    /// Action keys and labels, alternating, as the protocol sends them.
    pub actions: Vec<String>,
}

#[derive(Default)]
struct Daemon {
    sent: Arc<Mutex<Vec<Sent>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Daemon {
    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into()]
    }

    #[allow(clippy::too_many_arguments)] // the protocol's signature
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut sent = self.sent.lock().unwrap_or_else(PoisonError::into_inner);
        let id = u32::try_from(sent.len()).unwrap_or(u32::MAX - 1) + 1;
        sent.push(Sent {
            id,
            app_name,
            summary,
            body,
            actions,
        });
        id
    }

    fn close_notification(&self, _id: u32) {}

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "saasignal-e2e".into(),
            "saasignal".into(),
            "1".into(),
            "1.2".into(),
        )
    }

    #[zbus(signal)]
    async fn action_invoked(
        emitter: &SignalEmitter<'_>,
        id: u32,
        action_key: &str,
    ) -> zbus::Result<()>;
}

/// The server, for as long as it is held.
pub struct NotificationServer {
    connection: zbus::Connection,
    sent: Arc<Mutex<Vec<Sent>>>,
}

impl NotificationServer {
    /// Takes the notification service's name on the session bus.
    pub async fn start() -> Result<Self> {
        let daemon = Daemon::default();
        let sent = daemon.sent.clone();
        let connection = zbus::connection::Builder::session()
            .context("no session bus (the journeys run under dbus-run-session)")?
            .name("org.freedesktop.Notifications")?
            .serve_at(PATH, daemon)?
            .build()
            .await
            .context("could not serve org.freedesktop.Notifications")?;
        Ok(Self { connection, sent })
    }

    /// Every notification received so far.
    pub fn sent(&self) -> Vec<Sent> {
        self.sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Clicks notification `id` (its `default` action).
    pub async fn click(&self, id: u32) -> Result<()> {
        let iface = self
            .connection
            .object_server()
            .interface::<_, Daemon>(PATH)
            .await?;
        Daemon::action_invoked(iface.signal_emitter(), id, "default").await?;
        Ok(())
    }
}

//! The private desktop session the tests run in on Linux: a D-Bus session bus
//! (`dbus-run-session`), a virtual display (`xvfb-run`) and a fresh gnome-keyring as the
//! Secret Service. Nothing touches the person's own keychain or screen.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::cmd::Cmd;
use crate::steps::repo_root;

const INSIDE_MARKER: &str = "SAASIGNAL_XTASK_SESSION";
/// The throwaway keyring's password; it guards nothing but test entries. The fault
/// suite types it into the keyring's unlock prompt (`SAASIGNAL_TEST_KEYRING_PASSWORD`).
pub const KEYRING_PASSWORD: &str = "saasignal-test-keyring";

pub fn needs_session() -> bool {
    cfg!(target_os = "linux") && std::env::var_os(INSIDE_MARKER).is_none()
}

/// Re-runs `cargo xtask <command>` under dbus-run-session and xvfb-run.
pub fn rerun_inside(command: &str, extra: &[String]) -> Result<(), String> {
    let this =
        std::env::current_exe().map_err(|error| format!("cannot find xtask itself: {error}"))?;
    Cmd::new("dbus-run-session")
        .args(&[
            "--",
            "xvfb-run",
            "--auto-servernum",
            "--server-args=-screen 0 1440x900x24",
        ])
        .arg(this)
        .arg(command)
        .args(extra)
        .env(INSIDE_MARKER, "1")
        .run()
}

/// A running gnome-keyring for this session; its files are removed on drop.
pub struct Keyring {
    home: PathBuf,
}

impl Drop for Keyring {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

/// Starts gnome-keyring on this session's bus with a brand-new login keyring.
pub fn start_keyring() -> Result<Option<Keyring>, String> {
    if !cfg!(target_os = "linux") {
        return Ok(None);
    }
    let home = repo_root().join("target/test-keyring");
    let _ = std::fs::remove_dir_all(&home);
    let data = home.join("data");
    std::fs::create_dir_all(&data)
        .map_err(|error| format!("cannot create {}: {error}", data.display()))?;
    // The keyring's files go to a throwaway HOME/XDG_DATA_HOME for the daemon alone;
    // cargo and the tests keep the real HOME (and its cargo caches).
    Cmd::new("gnome-keyring-daemon")
        .args(&["--unlock", "--components=secrets", "--daemonize"])
        .env("HOME", &home)
        .env("XDG_DATA_HOME", &data)
        .run_with_stdin(KEYRING_PASSWORD.as_bytes())?;
    wait_for_secret_service()?;
    // Services the bus starts on demand (gnome-keyring's unlock prompt) get the display.
    Cmd::new("dbus-update-activation-environment")
        .args(&["DISPLAY", "XAUTHORITY"])
        .run()?;
    Ok(Some(Keyring { home }))
}

fn wait_for_secret_service() -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let reply = Cmd::new("dbus-send")
            .args(&[
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                "string:org.freedesktop.secrets",
            ])
            .output_text()
            .unwrap_or_default();
        if reply.contains("boolean true") {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err("gnome-keyring did not take the Secret Service name on D-Bus within 10 s".into())
}

//! The keychain through the window: no Secret Service on the bus at all, and a locked
//! collection that asks for its password in a real unlock prompt.

use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use saasignal_e2e::harness::wait::{self, Check};
use saasignal_e2e::{Journey, steps};
use saasignal_sandbox::seed::DEMO_ORG_NAME;

use super::{accounts_in, still_running};
use crate::table::Finding;

/// A session bus of its own with nothing on it and nothing it can start: no Secret
/// Service (the usual session config would start gnome-keyring on demand).
struct BareBus {
    address: String,
    pid: i32,
    _config: tempfile::NamedTempFile,
}

const BARE_BUS_CONFIG: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#;

impl BareBus {
    fn start() -> Result<Self> {
        let config = tempfile::Builder::new().suffix(".conf").tempfile()?;
        std::fs::write(config.path(), BARE_BUS_CONFIG)?;
        let output = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.path().display()))
            .args(["--fork", "--print-address=1", "--print-pid=1"])
            .stderr(Stdio::null())
            .output()
            .context("dbus-daemon")?;
        let text = String::from_utf8_lossy(&output.stdout);
        let mut lines = text.lines();
        let address = lines.next().context("no bus address")?.trim().to_owned();
        let pid = lines
            .next()
            .and_then(|pid| pid.trim().parse().ok())
            .context("no bus pid")?;
        Ok(Self {
            address,
            pid,
            _config: config,
        })
    }
}

impl Drop for BareBus {
    fn drop(&mut self) {
        // SAFETY: signals the daemon this guard started.
        unsafe {
            libc::kill(self.pid, libc::SIGTERM);
        }
    }
}

pub async fn no_secret_service(journey: &mut Journey) -> Result<Finding> {
    let bus = BareBus::start()?;
    let dirs = journey.new_launch_dirs().await?;
    let env = [("DBUS_SESSION_BUS_ADDRESS", bus.address.clone().into())];
    let app = journey.launch_in(dirs.clone(), &env).await?;
    let banner = app
        .wait_text_contains("keychain-banner", "No keychain service found")
        .await?;
    app.step("no-keychain").await?;
    app.click("welcome-sandbox").await?;
    let refused = app
        .wait_text_contains("sandbox-error", "No keychain service found")
        .await?;
    app.step("no-keychain-sign-in").await?;
    still_running(app)?;
    let accounts = accounts_in(&dirs.settings_file()).unwrap_or(0);
    ensure!(accounts == 0, "an account without a credential was kept");
    // The app is on this bus: it goes only once the app has quit.
    super::keep_until_quit(bus);
    Ok(Finding::new(format!(
        "the banner “{}”; signing in says “{}”, and keeps nothing half-done",
        one_line(&banner),
        one_line(&refused)
    )))
}

pub async fn locked_collection(journey: &mut Journey) -> Result<Finding> {
    let password = std::env::var("SAASIGNAL_TEST_KEYRING_PASSWORD")
        .context("SAASIGNAL_TEST_KEYRING_PASSWORD is not set (cargo xtask sets it)")?;
    let app = journey.launch().await?;
    steps::explore_sandbox(app).await?;
    let dirs = app.dirs().clone();
    journey.new_launch_dirs().await?; // quits
    let _unlock_at_the_end = LockedLogin::lock(&password)?;
    let app = journey.launch_in(dirs.clone(), &[]).await?;
    // The self-check writes to the keychain, which asks for its password: the window
    // says the keychain waits for the person.
    let waiting = app
        .wait_text_contains("keychain-waiting", "waiting for you")
        .await?;
    app.step("keychain-waiting").await?;
    answer_unlock_prompt(&password).await?;
    app.wait_gone("keychain-waiting").await?;
    steps::wait_org_title(app, DEMO_ORG_NAME).await?;
    app.wait_text("account-state", "Signed in", |s| s == "Signed in")
        .await?;
    still_running(app)?;
    ensure!(accounts_in(&dirs.settings_file())? == 1);
    Ok(Finding::new(format!(
        "“{}” while the unlock prompt is up; after the password, the account carries on",
        one_line(&waiting)
    ))
    .note(
        "the login collection locked over D-Bus; gnome-keyring's own prompt answered with xdotool",
    ))
}

/// The login collection locked for as long as this lives; unlocked again on drop (over
/// gnome-keyring's own D-Bus interface, no prompt), so a row that fails half-way does
/// not leave every later one waiting on a prompt.
struct LockedLogin {
    password: String,
}

impl LockedLogin {
    fn lock(password: &str) -> Result<Self> {
        lock_login_collection()?;
        Ok(Self {
            password: password.to_owned(),
        })
    }
}

impl Drop for LockedLogin {
    fn drop(&mut self) {
        if let Err(error) = unlock_login_collection(&self.password) {
            eprintln!("[faults] could not unlock the test keyring: {error:#}");
        }
    }
}

const LOGIN: &str = "/org/freedesktop/secrets/collection/login";

/// gnome-keyring's unlock without a prompt: a plain session, then the master password.
fn unlock_login_collection(password: &str) -> Result<()> {
    use zbus::zvariant::{ObjectPath, OwnedObjectPath, Value};
    let bus = zbus::blocking::Connection::session()?;
    let service = zbus::blocking::Proxy::new(
        &bus,
        "org.freedesktop.secrets",
        "/org/freedesktop/secrets",
        "org.freedesktop.Secret.Service",
    )?;
    let (_, session): (zbus::zvariant::OwnedValue, OwnedObjectPath) =
        service.call("OpenSession", &("plain", Value::from("")))?;
    let internal = zbus::blocking::Proxy::new(
        &bus,
        "org.freedesktop.secrets",
        "/org/freedesktop/secrets",
        "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
    )?;
    let secret = (
        session.as_ref(),
        Vec::<u8>::new(),
        password.as_bytes().to_vec(),
        "text/plain",
    );
    internal.call::<_, _, ()>(
        "UnlockWithMasterPassword",
        &(ObjectPath::try_from(LOGIN)?, secret),
    )?;
    Ok(())
}

fn lock_login_collection() -> Result<()> {
    let status = Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.secrets",
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.Lock",
            "array:objpath:/org/freedesktop/secrets/collection/login",
        ])
        .stdout(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("the login collection could not be locked");
    }
    Ok(())
}

/// Types the password into gnome-keyring's unlock prompt (gcr-prompter) once it shows.
async fn answer_unlock_prompt(password: &str) -> Result<()> {
    let window = wait::until(
        "the keychain's unlock prompt",
        Duration::from_secs(20),
        || async {
            let found = Command::new("xdotool")
                .args(["search", "--onlyvisible", "--class", "gcr-prompter"])
                .output()?;
            let text = String::from_utf8_lossy(&found.stdout);
            Ok(match text.lines().next() {
                Some(window) => Check::Done(window.trim().to_owned()),
                None => Check::Waiting("no prompt".into()),
            })
        },
    )
    .await?;
    // No window manager runs under Xvfb: focus the prompt directly, then type.
    for args in [
        vec!["windowfocus", "--sync", window.as_str()],
        vec!["type", "--delay", "30", password],
        vec!["key", "Return"],
    ] {
        let status = Command::new("xdotool").args(&args).status()?;
        if !status.success() {
            bail!("xdotool {} failed", args[0]);
        }
    }
    Ok(())
}

fn one_line(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" Retry", "")
}

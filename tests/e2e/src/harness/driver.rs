//! tauri-driver: the WebDriver server that starts the app binary (through
//! WebKitWebDriver) when a session opens. One per launch, on free ports, in its own
//! process group so ending it ends WebKitWebDriver too.

use std::ffi::OsString;
use std::fs::File;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};

use super::processes;
use super::wait::Deadline;
use super::{target_dir, workspace_root};

/// The env var every process of one launch carries, so they can be found in `/proc`.
pub const LAUNCH_MARKER: &str = "SAASIGNAL_E2E_LAUNCH";

/// The programs a launch needs.
#[derive(Debug, Clone)]
pub struct Tools {
    pub tauri_driver: PathBuf,
    pub native_driver: PathBuf,
    pub app: PathBuf,
}

impl Tools {
    /// Finds the app binary, tauri-driver and WebKitWebDriver, or says how to get them.
    /// Overrides: `SAASIGNAL_E2E_APP`, `TAURI_DRIVER`, `WEBKIT_WEBDRIVER`.
    pub fn locate() -> Result<Self> {
        let app = env_path("SAASIGNAL_E2E_APP")
            .unwrap_or_else(|| target_dir().join("debug").join("saasignal-admin"));
        Self::locate_for(app)
    }

    /// The same drivers, launching `app` (another build, or another app).
    pub fn locate_for(app: PathBuf) -> Result<Self> {
        ensure!(
            app.is_file(),
            "the app binary {} is missing. Build it in production mode first: \
             `cd ui && npm run build`, then `cargo build --locked --features \
             saasignal-admin/custom-protocol --bin saasignal-admin` (cargo xtask test does both)",
            app.display()
        );
        warn_if_older_than_ui(&app);
        let tauri_driver = env_path("TAURI_DRIVER")
            .or_else(|| on_path("tauri-driver"))
            .or_else(cargo_bin_tauri_driver)
            .context(
                "tauri-driver is not installed: `cargo install tauri-driver --version '^2' --locked` \
                 (cargo xtask test installs it)",
            )?;
        let native_driver = env_path("WEBKIT_WEBDRIVER")
            .or_else(|| on_path("WebKitWebDriver"))
            .context(
                "WebKitWebDriver is not installed: `apt-get install webkit2gtk-driver` \
                 (cargo xtask setup installs it)",
            )?;
        Ok(Self {
            tauri_driver,
            native_driver,
            app,
        })
    }
}

/// A running tauri-driver.
pub struct DriverProcess {
    child: Child,
    port: u16,
    stopped: bool,
}

impl DriverProcess {
    /// Starts tauri-driver with the launch's environment; its output (and that of
    /// WebKitWebDriver and the app, which inherit it) goes to `log`.
    pub fn spawn(
        tools: &Tools,
        env: &[(&str, OsString)],
        marker: &str,
        log: &Path,
    ) -> Result<Self> {
        let port = free_port()?;
        let native_port = free_port()?;
        let out = File::create(log).with_context(|| format!("cannot create {}", log.display()))?;
        let err = out.try_clone()?;
        let mut command = Command::new(&tools.tauri_driver);
        command
            .arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string())
            .arg("--native-driver")
            .arg(&tools.native_driver)
            .env(LAUNCH_MARKER, marker)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            // Its own group: one signal reaches tauri-driver and WebKitWebDriver.
            .process_group(0);
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command
            .spawn()
            .with_context(|| format!("cannot start {}", tools.tauri_driver.display()))?;
        Ok(Self {
            child,
            port,
            stopped: false,
        })
    }

    /// Waits until tauri-driver accepts connections (or has died).
    pub async fn wait_ready(&mut self) -> Result<()> {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let mut deadline = Deadline::new("tauri-driver to listen", Duration::from_secs(15));
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!("tauri-driver exited at start ({status}); see webdriver.log");
            }
            match tokio::net::TcpStream::connect(addr).await {
                Ok(_) => return Ok(()),
                Err(error) => deadline.tick(format!("connect: {error}")).await?,
            }
        }
    }

    /// The WebDriver endpoint.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Ends tauri-driver and WebKitWebDriver: SIGTERM to the group, SIGKILL after 3 s.
    pub fn stop(&mut self) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        let group = self.child.id() as i32;
        processes::signal_group(group, libc::SIGTERM);
        let deadline = std::time::Instant::now() + Duration::from_secs(3);
        while std::time::Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            // Synchronous on purpose (Drop calls this); bounded by the 3 s deadline.
            std::thread::sleep(Duration::from_millis(50));
        }
        processes::signal_group(group, libc::SIGKILL);
        let _ = self.child.wait();
    }
}

impl Drop for DriverProcess {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A port nobody listens on right now (the OS picks it; released before use).
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}

fn env_path(key: &str) -> Option<PathBuf> {
    std::env::var_os(key)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// `cargo install` puts tauri-driver here even when ~/.cargo/bin is not on PATH.
fn cargo_bin_tauri_driver() -> Option<PathBuf> {
    let cargo_home =
        env_path("CARGO_HOME").or_else(|| env_path("HOME").map(|home| home.join(".cargo")))?;
    Some(cargo_home.join("bin").join("tauri-driver")).filter(|path| path.is_file())
}

/// The production build embeds ui/dist at compile time: a binary older than the UI
/// build runs yesterday's screens. Said loudly, not failed: the xtask rebuilds both.
fn warn_if_older_than_ui(app: &Path) {
    let modified = |path: &Path| {
        std::fs::metadata(path)
            .and_then(|meta| meta.modified())
            .ok()
    };
    let ui = workspace_root().join("ui/dist/index.html");
    if let (Some(app_time), Some(ui_time)) = (modified(app), modified(&ui))
        && ui_time > app_time
    {
        eprintln!(
            "warning: {} is older than ui/dist; rebuild the app to test the current UI",
            app.display()
        );
    }
}

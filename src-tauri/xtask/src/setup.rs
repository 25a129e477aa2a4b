//! Machine set-up: the system packages Tauri needs (Debian/Ubuntu through apt-get, with
//! sudo when not root), the UI's npm packages, and the test tools. Idempotent: a second
//! run installs nothing.

use std::path::{Path, PathBuf};

use crate::cmd::Cmd;
use crate::steps::repo_root;

/// What Tauri needs to build and run on Debian 12 / Ubuntu 22.04+.
const APP_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "curl",
    "wget",
    "file",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "pkg-config",
    "fonts-dejavu-core",
];

/// What the tests add: a virtual display, the WebDriver for WebKitGTK, a D-Bus session
/// with a real Secret Service (gnome-keyring), X clipboard/screenshot tools, and the
/// validators of the Linux desktop entry and AppStream metadata.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "dbus",
    "dbus-x11",
    "gnome-keyring",
    // gnome-keyring's unlock prompt (the fault suite answers a real one)
    "gcr",
    "libsecret-tools",
    // chattr, for read-only files in the fault suite (also root cannot write them)
    "e2fsprogs",
    "xdotool",
    "xclip",
    "imagemagick",
    // appstreamcli and desktop-file-validate: the Linux packages' metadata is checked
    "appstream",
    "desktop-file-utils",
    // rpm -qpl: the install test lists the .rpm's files
    "rpm",
];

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    RunApp,
    Test,
}

/// `cargo xtask setup`: everything the tests need.
pub fn run() -> Result<(), String> {
    prepare(Purpose::Test)
}

pub fn prepare(purpose: Purpose) -> Result<(), String> {
    if cfg!(target_os = "linux") {
        let mut wanted: Vec<&str> = APP_PACKAGES.to_vec();
        if purpose == Purpose::Test {
            wanted.extend_from_slice(TEST_PACKAGES);
        }
        install_missing_debian_packages(&wanted)?;
        if purpose == Purpose::Test {
            ensure_tauri_driver()?;
        }
    } else {
        // macOS needs the Xcode command line tools; Windows needs WebView2 and the MSVC
        // build tools. Both are one-time installs the README walks through.
        eprintln!("xtask: not Linux: skipping system packages (see the README for this OS)");
    }
    install_ui_packages()
}

fn install_missing_debian_packages(wanted: &[&str]) -> Result<(), String> {
    if !Path::new("/usr/bin/dpkg-query").exists() {
        eprintln!(
            "xtask: no dpkg here: install these with your package manager: {}",
            wanted.join(" ")
        );
        return Ok(());
    }
    let missing: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|package| !is_installed(package))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing system packages: {}", missing.join(" "));
    let as_root = is_root();
    let apt = |args: &[&str]| {
        let mut cmd = if as_root {
            Cmd::new("apt-get")
        } else {
            Cmd::new("sudo").arg("apt-get")
        };
        cmd = cmd.env("DEBIAN_FRONTEND", "noninteractive");
        cmd.args(args)
    };
    apt(&["update", "-qq"]).run()?;
    apt(&["install", "-y", "-qq", "--no-install-recommends"])
        .args(&missing)
        .run()
}

fn is_installed(package: &str) -> bool {
    Cmd::new("dpkg-query")
        .args(&["-W", "-f=${Status}", package])
        .output_text()
        .map(|status| status.contains("install ok installed"))
        .unwrap_or(false)
}

fn is_root() -> bool {
    Cmd::new("id")
        .arg("-u")
        .output_text()
        .map(|uid| uid.trim() == "0")
        .unwrap_or(false)
}

/// tauri-driver drives the app's window for the end-to-end journeys (Linux only),
/// pinned to 2.x: the registry's "latest" is a 3.0 pre-release.
fn ensure_tauri_driver() -> Result<(), String> {
    let in_cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"))
        .is_some_and(|path| path.is_file());
    let on_path = Cmd::new("tauri-driver").arg("--help").output_text().is_ok();
    if in_cargo_bin || on_path {
        return Ok(());
    }
    Cmd::cargo()
        .args(&["install", "tauri-driver", "--version", "^2", "--locked"])
        .run()
}

/// `npm ci` when node_modules is missing or older than the lock file.
fn install_ui_packages() -> Result<(), String> {
    let ui = repo_root().join("ui");
    let lock = ui.join("package-lock.json");
    let installed_lock = ui.join("node_modules/.package-lock.json");
    let fresh = match (modified(&lock), modified(&installed_lock)) {
        (Some(wanted), Some(installed)) => installed >= wanted,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    Cmd::npm()
        .args(&["ci", "--no-audit", "--no-fund"])
        .dir(&ui)
        .run()
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path)
        .and_then(|meta| meta.modified())
        .ok()
}

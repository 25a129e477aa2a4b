//! The processes of one launch (the app, WebKit's web and network processes,
//! WebKitWebDriver), found by the marker variable tauri-driver passed down to them.
//! Needed because the app is a single-instance app on the session bus: a launch still
//! alive would swallow the next one.

use std::path::Path;
use std::time::Duration;

use super::driver::LAUNCH_MARKER;
use super::wait::Deadline;

/// Pids whose environment carries `LAUNCH_MARKER=marker`.
pub fn with_marker(marker: &str) -> Vec<i32> {
    let needle = format!("{LAUNCH_MARKER}={marker}");
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let me = std::process::id() as i32;
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| *pid != me)
        .filter(|pid| environment(*pid).contains(&needle))
        .collect()
}

/// `name`'s value in the environment the launch's WebKit web process started with
/// (`None` when it has no web process or no such variable).
pub fn web_process_variable(marker: &str, name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    with_marker(marker)
        .into_iter()
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|comm| comm.starts_with("WebKitWebProc"))
        })
        .find_map(|pid| {
            environment(pid)
                .into_iter()
                .find_map(|var| var.strip_prefix(&prefix).map(str::to_owned))
        })
}

/// The `NAME=value` pairs a process started with (empty when it is gone or not ours).
fn environment(pid: i32) -> Vec<String> {
    std::fs::read(Path::new("/proc").join(pid.to_string()).join("environ"))
        .map(|environ| {
            environ
                .split(|byte| *byte == 0)
                .map(|var| String::from_utf8_lossy(var).into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The launch's processes running `exe` (the app binary itself).
pub fn running(marker: &str, exe: &Path) -> Vec<i32> {
    let exe = std::fs::canonicalize(exe).unwrap_or_else(|_| exe.to_owned());
    with_marker(marker)
        .into_iter()
        .filter(|pid| {
            std::fs::read_link(format!("/proc/{pid}/exe"))
                // A binary rebuilt meanwhile reads as "<path> (deleted)".
                .map(|link| link.to_string_lossy().starts_with(&*exe.to_string_lossy()))
                .unwrap_or(false)
        })
        .collect()
}

/// Waits up to `timeout` for every process of the launch to exit; then ends the rest
/// (SIGTERM, then SIGKILL). Returns how many had to be ended.
pub async fn reap(marker: &str, timeout: Duration) -> usize {
    let mut deadline = Deadline::new("the launch's processes to exit", timeout);
    loop {
        let alive = with_marker(marker);
        if alive.is_empty() {
            return 0;
        }
        if deadline
            .tick(format!("{alive:?} still running"))
            .await
            .is_err()
        {
            break;
        }
    }
    let stragglers = with_marker(marker);
    for pid in &stragglers {
        signal(*pid, libc::SIGTERM);
    }
    let mut deadline = Deadline::new("ended processes to exit", Duration::from_secs(3));
    while !with_marker(marker).is_empty() {
        if deadline.tick("still running").await.is_err() {
            for pid in with_marker(marker) {
                signal(pid, libc::SIGKILL);
            }
            break;
        }
    }
    stragglers.len()
}

/// Sends `sig` to one process we started.
pub fn signal(pid: i32, sig: libc::c_int) {
    if pid > 1 {
        // SAFETY: kill(2) with a positive pid has no memory effects; failure (already
        // gone) is harmless.
        unsafe {
            libc::kill(pid, sig);
        }
    }
}

/// Sends `sig` to a process group we created (its leader's pid).
pub fn signal_group(group: i32, sig: libc::c_int) {
    if group > 1 {
        // SAFETY: as above; a negative pid addresses the group.
        unsafe {
            libc::kill(-group, sig);
        }
    }
}

//! Memory of one launch: the proportional set size (PSS) of the app and its WebKit
//! processes, from `/proc/<pid>/smaps_rollup`. PSS splits shared pages between the
//! processes that map them, so the sum is what the launch costs the machine.

/// The processes of a launch that are the drivers, not the app: left out of the sum.
const DRIVERS: [&str; 2] = ["tauri-driver", "WebKitWebDriv"];

/// Sums the PSS of `pids` (drivers left out), in MiB.
pub fn pss_mib(pids: &[i32]) -> f64 {
    let kib: u64 = pids
        .iter()
        .filter(|pid| !is_driver(**pid))
        .filter_map(|pid| pss_kib(*pid))
        .sum();
    kib as f64 / 1024.0
}

fn is_driver(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|comm| DRIVERS.iter().any(|driver| comm.trim().starts_with(driver)))
        .unwrap_or(true)
}

fn pss_kib(pid: i32) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    rollup
        .lines()
        .find_map(|line| line.strip_prefix("Pss:"))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
}

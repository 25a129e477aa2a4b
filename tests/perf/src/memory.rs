//! Memory of one launch: the proportional set size (PSS) of the app and its WebKit
//! processes, from `/proc/<pid>/smaps_rollup`. PSS splits shared pages between the
//! processes that map them, so the sum is what the launch costs the machine.

use std::collections::BTreeMap;

/// The processes of a launch that are the drivers, not the app: left out of the sum.
const DRIVERS: [&str; 2] = ["tauri-driver", "WebKitWebDriv"];

/// The PSS of a launch's processes (drivers left out), in MiB, summed per process name
/// (the app, `WebKitWebProces`, `WebKitNetworkP`): where the memory goes.
pub fn pss_by_process(pids: &[i32]) -> BTreeMap<String, f64> {
    let mut by_name = BTreeMap::new();
    for pid in pids {
        let Some(name) = comm(*pid) else { continue };
        if DRIVERS.iter().any(|driver| name.starts_with(driver)) {
            continue;
        }
        if let Some(kib) = pss_kib(*pid) {
            *by_name.entry(name).or_insert(0.0) += kib as f64 / 1024.0;
        }
    }
    by_name
}

fn comm(pid: i32) -> Option<String> {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .ok()
        .map(|comm| comm.trim().to_owned())
}

fn pss_kib(pid: i32) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    rollup
        .lines()
        .find_map(|line| line.strip_prefix("Pss:"))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
}

//! The fault suite: `cargo xtask faults` (also run by `cargo xtask test`).
//!
//! Every row plays one fault against the real app crates (the core over real files, the
//! real Secret Service, the sandbox over HTTP with fault injection) or against the real
//! app binary's window, and checks what the person saw and that nothing was lost: no
//! crash, no secret lost while its dialog was open, no account lost, no cache row under
//! the wrong account, and a message that names the thing and says what to do. It prints
//! one table row per fault and ends with `N passed, M failed`; the table is also written
//! to `target/faults/table.md`.
//!
//! Arguments narrow the run to the rows whose name contains one of them.

#[cfg(target_os = "linux")]
mod audit;
#[cfg(target_os = "linux")]
mod keychain;
#[cfg(target_os = "linux")]
mod rig;
#[cfg(target_os = "linux")]
mod server;
mod table;
#[cfg(target_os = "linux")]
mod window;

use std::process::ExitCode;

#[cfg(not(target_os = "linux"))]
fn main() -> ExitCode {
    println!("the fault suite runs on Linux only (Secret Service, Xvfb, tmpfs)");
    ExitCode::SUCCESS
}

#[cfg(target_os = "linux")]
fn main() -> ExitCode {
    if std::env::var("SAASIGNAL_FAULTS").as_deref() != Ok("1") {
        println!(
            "fault suite skipped: it mounts file systems and opens windows; run it with `cargo xtask faults`"
        );
        return ExitCode::SUCCESS;
    }
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with('-'))
        .collect();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("no tokio runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let rows = runtime.block_on(run(&filters));
    let rendered = table::render(&rows);
    println!("\n{rendered}");
    let out = saasignal_e2e::harness::target_dir().join("faults");
    if std::fs::create_dir_all(&out).is_ok() {
        let _ = std::fs::write(out.join("table.md"), &rendered);
    }
    if rows.iter().all(table::Row::passed) && !rows.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(target_os = "linux")]
async fn run(filters: &[String]) -> Vec<table::Row> {
    use std::future::Future;
    use std::pin::Pin;
    use std::time::Instant;

    use table::{Finding, Level, Row};

    type Scenario = Pin<Box<dyn Future<Output = anyhow::Result<Finding>>>>;
    /// Group, fault, where it is played, and the scenario.
    type Planned = (&'static str, &'static str, Level, fn() -> Scenario);
    let plan: Vec<Planned> = vec![
        ("server", "server down at start", Level::Core, || {
            Box::pin(server::down_at_start())
        }),
        ("server", "server gone mid-session", Level::Core, || {
            Box::pin(server::gone_mid_session())
        }),
        ("server", "10 s latency", Level::Core, || {
            Box::pin(server::ten_second_latency())
        }),
        (
            "server",
            "429 + Retry-After 30 s on every call",
            Level::Core,
            || Box::pin(server::rate_limited()),
        ),
        ("server", "500 and 503 bursts", Level::Core, || {
            Box::pin(server::bursts())
        }),
        (
            "server",
            "connection dropped during a token create",
            Level::Core,
            || Box::pin(server::dropped_create("token")),
        ),
        (
            "server",
            "connection dropped during an org create",
            Level::Core,
            || Box::pin(server::dropped_create("org")),
        ),
        (
            "server",
            "connection dropped during a project create",
            Level::Core,
            || Box::pin(server::dropped_create("project")),
        ),
        ("server", "truncated JSON", Level::Core, || {
            Box::pin(server::broken_body("truncated"))
        }),
        ("server", "malformed JSON", Level::Core, || {
            Box::pin(server::broken_body("malformed"))
        }),
        ("server", "100 MiB body", Level::Core, || {
            Box::pin(server::broken_body("huge"))
        }),
        ("server", "401 mid-session", Level::Core, || {
            Box::pin(server::unauthorized_mid_session())
        }),
        (
            "server",
            "HTTP_PROXY/ALL_PROXY at a recording proxy",
            Level::Window,
            || Box::pin(window::in_window("proxy", window::network::proxy_variables)),
        ),
        (
            "keychain",
            "no Secret Service at all",
            Level::Window,
            || {
                Box::pin(window::in_window(
                    "no-secret-service",
                    window::keychain::no_secret_service,
                ))
            },
        ),
        ("keychain", "the collection locked", Level::Window, || {
            Box::pin(window::in_window(
                "locked-collection",
                window::keychain::locked_collection,
            ))
        }),
        (
            "keychain",
            "a keychain that answers after 5 s",
            Level::Core,
            || Box::pin(keychain::answers_after_five_seconds()),
        ),
        (
            "keychain",
            "the entry deleted behind the app's back",
            Level::Core,
            || Box::pin(keychain::entry_deleted_behind_the_apps_back()),
        ),
        (
            "keychain",
            "the entry replaced by garbage",
            Level::Core,
            || Box::pin(keychain::entry_replaced_by_garbage()),
        ),
        (
            "cache",
            "the file corrupt: random bytes",
            Level::Window,
            || {
                Box::pin(window::in_window(
                    "cache-random",
                    async |j: &mut saasignal_e2e::Journey| {
                        window::startup::corrupt_cache(j, "random").await
                    },
                ))
            },
        ),
        (
            "cache",
            "the file corrupt: a truncated header",
            Level::Window,
            || {
                Box::pin(window::in_window(
                    "cache-truncated",
                    async |j: &mut saasignal_e2e::Journey| {
                        window::startup::corrupt_cache(j, "truncated").await
                    },
                ))
            },
        ),
        (
            "cache",
            "locked by another process (BEGIN EXCLUSIVE)",
            Level::Window,
            || {
                Box::pin(window::in_window(
                    "cache-locked",
                    window::startup::locked_cache,
                ))
            },
        ),
        ("cache", "read-only", Level::Window, || {
            Box::pin(window::in_window(
                "cache-read-only",
                window::startup::read_only_cache,
            ))
        }),
        (
            "cache",
            "the data folder not creatable",
            Level::Window,
            || {
                Box::pin(window::in_window(
                    "data-folder",
                    window::startup::data_folder_not_creatable,
                ))
            },
        ),
        ("cache", "disk full (a 16 MiB tmpfs)", Level::Window, || {
            Box::pin(window::in_window("disk-full", window::startup::disk_full))
        }),
        ("settings", "settings.json truncated", Level::Window, || {
            Box::pin(window::in_window(
                "settings-truncated",
                window::startup::truncated_settings,
            ))
        }),
        (
            "settings",
            "settings.json of a future schema",
            Level::Window,
            || {
                Box::pin(window::in_window(
                    "settings-future",
                    window::startup::settings_from_the_future,
                ))
            },
        ),
        (
            "settings",
            "settings.json not writable",
            Level::Window,
            || {
                Box::pin(window::in_window(
                    "settings-read-only",
                    window::startup::settings_not_writable,
                ))
            },
        ),
        (
            "process",
            "kill -9 during a full refresh, then relaunch",
            Level::Window,
            || {
                Box::pin(window::in_window(
                    "kill-refresh",
                    window::process::killed_during_refresh,
                ))
            },
        ),
        (
            "process",
            "kill -9 between the create-token response and its display",
            Level::Window,
            || {
                Box::pin(window::in_window(
                    "kill-create",
                    window::process::killed_before_the_secret_shows,
                ))
            },
        ),
        (
            "process",
            "the web process killed under the copy-once dialog",
            Level::Window,
            || {
                Box::pin(window::in_window(
                    "web-process",
                    window::process::web_process_killed,
                ))
            },
        ),
        ("process", "two launches at once", Level::Window, || {
            Box::pin(window::in_window(
                "two-launches",
                window::process::two_launches_at_once,
            ))
        }),
    ];
    let mut rows = Vec::new();
    for (group, fault, level, scenario) in plan {
        let wanted = filters.is_empty()
            || filters
                .iter()
                .any(|f| fault.contains(f.as_str()) || group.contains(f.as_str()));
        if !wanted {
            continue;
        }
        eprintln!("[faults] {group}: {fault}");
        let started = Instant::now();
        let outcome = scenario().await.map_err(|error| format!("{error:#}"));
        let row = Row {
            group,
            fault,
            level,
            outcome,
            took: started.elapsed(),
        };
        eprintln!(
            "[faults] {} in {:.1} s",
            if row.passed() { "pass" } else { "FAIL" },
            row.took.as_secs_f64()
        );
        rows.push(row);
    }
    rows
}

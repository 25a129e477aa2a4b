//! The steps behind `run`, `test` and `bundle`.

use std::path::{Path, PathBuf};

use crate::cmd::Cmd;
use crate::deb_repack;
use crate::env_session;
use crate::install_test;
use crate::setup::{self, Purpose};
use crate::test_build::{self, TEST_FLAGS, TestBuild};
use crate::ui_build::build_ui;

/// Turns on Tauri's production mode (UI from ui/dist, no dev server) for every build, so
/// lints, tests and the app share one set of compiled artifacts.
pub const APP_FEATURES: &str = "saasignal-admin/custom-protocol";

pub fn repo_root() -> PathBuf {
    // xtask lives at src-tauri/xtask; cargo sets this at compile time.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `cargo xtask run [-- app args]`
pub fn run_app(extra: &[String]) -> Result<(), String> {
    setup::prepare(Purpose::RunApp)?;
    build_ui()?;
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    Cmd::cargo()
        .args(&[
            "run",
            "--locked",
            "--features",
            APP_FEATURES,
            "--bin",
            "saasignal-admin",
            "--",
        ])
        .args(&extra)
        .run()
}

/// `cargo xtask test`: every check CI runs, in the order that fails fastest.
pub fn test_all(extra: &[String]) -> Result<(), String> {
    in_test_session("test", extra, || {
        Cmd::cargo().args(&["fmt", "--all", "--check"]).run()?;
        let ui = repo_root().join("ui");
        Cmd::npm().args(&["run", "check"]).dir(&ui).run()?;
        Cmd::npm().args(&["run", "lint:workflows"]).dir(&ui).run()?;
        // The UI's unit tests (about a minute and a half, mostly on one core) run beside
        // the Rust build, which leaves a core idle for much of its time.
        let ui_tests = Cmd::npm()
            .args(&["test"])
            .dir(&ui)
            .start_beside(&target_dir().join("ui-tests.log"))?;
        // Lints (clippy, -D warnings) are part of the one build.
        let build = TestBuild::build();
        ui_tests.finish()?;
        let build = build?;
        test_build::linting_cargo()
            .args(&["test"])
            .args(&TEST_FLAGS)
            .run()?;
        if cfg!(target_os = "linux") {
            end_to_end(&build, &[])?;
            fault_suite(&build, &[])?;
            install_test::run(&build)?;
        }
        Ok(())
    })
}

/// `cargo xtask install-test` (Linux): the packages installed, opened and removed.
pub fn install_test(extra: &[String]) -> Result<(), String> {
    if !cfg!(target_os = "linux") {
        return Err("the install test installs a .deb: Linux only".into());
    }
    in_test_session("install-test", extra, || {
        install_test::run(&TestBuild::build()?)
    })
}

/// `cargo xtask faults [names…]`: the fault suite alone (Linux), in its private session.
pub fn faults(extra: &[String]) -> Result<(), String> {
    if !cfg!(target_os = "linux") {
        return Err("the fault suite runs on Linux only".into());
    }
    in_test_session("faults", extra, || fault_suite(&TestBuild::build()?, extra))
}

/// `cargo xtask journeys [names…]`: the journeys through the real window alone (Linux),
/// in their private session; names pick journeys as `cargo test` filters do.
pub fn journeys(extra: &[String]) -> Result<(), String> {
    if !cfg!(target_os = "linux") {
        return Err(
            "the journeys run on Linux only (WKWebView and WebView2 have no driver here)".into(),
        );
    }
    in_test_session("journeys", extra, || {
        end_to_end(&TestBuild::build()?, extra)
    })
}

/// The fault suite (`tests/faults`): it mounts file systems and opens windows, so it runs
/// only when asked (`SAASIGNAL_FAULTS=1`).
fn fault_suite(build: &TestBuild, only: &[String]) -> Result<(), String> {
    Cmd::new(build.test("fault-suite")?)
        .args(only)
        .env("SAASIGNAL_FAULTS", "1")
        .env("SAASIGNAL_E2E_APP", build.bin("saasignal-admin")?)
        .env(
            "SAASIGNAL_TEST_KEYRING_PASSWORD",
            env_session::KEYRING_PASSWORD,
        )
        .run()
}

/// The journeys through the real window (tests/e2e), on the production-mode binary the
/// test build made (it embeds ui/dist). They are `#[ignore]`d in the plain run so that
/// no one's desktop gets windows and keyring entries by accident.
fn end_to_end(build: &TestBuild, only: &[String]) -> Result<(), String> {
    Cmd::new(build.test("journeys")?)
        .args(&["--ignored", "--test-threads=1"])
        .args(only)
        .env("SAASIGNAL_E2E_APP", build.bin("saasignal-admin")?)
        .run()
}

/// `cargo xtask soak [cases]`: every property test (decoders, validators, request
/// parsing) with `cases` cases each (1,000,000 by default), optimised. Each prints
/// "fuzz <target>: N cases, 0 panics"; a panic fails it with the shrunk input.
pub fn soak(extra: &[String]) -> Result<(), String> {
    let cases = extra.first().map_or("1000000", String::as_str);
    if cases.parse::<u64>().is_err() {
        return Err(format!("`{cases}` is not a number of cases"));
    }
    let run = |selection: &[&str]| {
        Cmd::cargo()
            .args(&["test", "--profile", "property-soak", "--locked"])
            .args(selection)
            .args(&["--", "--nocapture", "--test-threads=1"])
            .env("SAASIGNAL_FUZZ_CASES", cases)
            .run()
    };
    run(&[
        "-p",
        "saasignal-contract",
        "-p",
        "saasignal-sandbox",
        "--test",
        "properties",
    ])?;
    run(&[
        "-p",
        "saasignal-client",
        "-p",
        "saasignal-sandbox",
        "--lib",
        "properties",
    ])
}

/// `cargo xtask bench-launch [projects] [launches]`, `bench-soak [rounds] [projects]` and `cargo xtask bench-scroll
/// [projects] [tokens] [rounds]` (Linux): the app's release build through WebDriver in
/// the private session (`tests/perf`). `launch` compares it with a bare Tauri window
/// (`tests/perf/hello`); `scroll` scrolls and filters its tables against a plain
/// scroller. Both print their figures as ratios from the same run.
pub fn bench(mode: &str, extra: &[String]) -> Result<(), String> {
    if !cfg!(target_os = "linux") {
        return Err(format!(
            "bench-{mode} drives the window through WebDriver: Linux only"
        ));
    }
    in_test_session(&format!("bench-{mode}"), extra, || {
        // One invocation, one feature set: the hello world shares the app's Tauri build.
        let release = [
            "--release",
            "--locked",
            "--features",
            APP_FEATURES,
            "--features",
            "saasignal-perf-hello/custom-protocol",
        ];
        Cmd::cargo()
            .args(&["build"])
            .args(&release)
            .args(&["-p", "saasignal-admin", "-p", "saasignal-perf-hello"])
            .args(&["-p", "saasignal-perf"])
            .run()?;
        Cmd::new(release_dir().join("saasignal-perf"))
            .args(&[mode])
            .args(extra)
            .run()
    })
}

/// Cargo's release folder.
pub fn release_dir() -> PathBuf {
    target_dir().join("release")
}

/// Cargo's target folder (`CARGO_TARGET_DIR` when set, as cargo reads it).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                repo_root().join(dir)
            }
        })
        .unwrap_or_else(|| repo_root().join("target"))
}

/// `cargo xtask bundle`: installable packages for this OS.
pub fn bundle(extra: &[String]) -> Result<(), String> {
    setup::prepare(Purpose::RunApp)?;
    bundle_with(extra)
}

/// The `.deb` and `.rpm` of the test build's binary (`tauri bundle --debug` packs the
/// binary the journeys ran, so the install test adds no second, release build to CI; the
/// release packages come from `bundle`, whose profile alone differs).
pub fn bundle_test_build() -> Result<(), String> {
    tauri_cli()
        .args(&["bundle", "--debug", "--bundles", "deb,rpm"])
        .run()
}

fn bundle_with(extra: &[String]) -> Result<(), String> {
    let bundles = if cfg!(target_os = "linux") {
        "deb,rpm"
    } else {
        "all"
    };
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    tauri_cli()
        .args(&["build", "--bundles", bundles])
        .args(&extra)
        .run()?;
    if cfg!(target_os = "linux") {
        deb_repack::recompress_all(&release_dir().join("bundle").join("deb"))?;
    }
    Ok(())
}

/// The Tauri CLI from ui/node_modules, run from the root: it finds tauri.conf.json by
/// searching below its working directory, and the UI's package.json below that.
pub fn tauri_cli() -> Cmd {
    let bin = if cfg!(windows) { "tauri.cmd" } else { "tauri" };
    Cmd::new(repo_root().join("ui/node_modules/.bin").join(bin))
}

/// Runs `body` in a private D-Bus session and virtual display, so the keychain and window
/// tests touch nothing of the person's own desktop: this process re-runs
/// `cargo xtask <command>` inside one and returns its result; inside, the test keychain is
/// started (and stopped when `body` returns) and the UI built first.
fn in_test_session(
    command: &str,
    extra: &[String],
    body: impl FnOnce() -> Result<(), String>,
) -> Result<(), String> {
    setup::prepare(Purpose::Test)?;
    if env_session::needs_session() {
        return env_session::rerun_inside(command, extra);
    }
    let _keyring = env_session::start_keyring()?;
    build_ui()?;
    body()
}

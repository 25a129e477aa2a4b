//! `cargo xtask <command>`: the project's commands, the same on every machine.
//!
//! - `run`   set up the machine, build the UI and the app, and open the app
//! - `test`  set up the machine, then every check CI runs (format, lints, Rust tests,
//!   UI type check and tests, end-to-end journeys under Xvfb)
//! - `journeys` the end-to-end journeys alone, or those named (Linux)
//! - `faults` the fault suite alone: one row per fault, `N passed, M failed` (Linux)
//! - `soak`  every property test with 1,000,000 cases each (or the number given)
//! - `setup` only the set-up step (system packages, `npm ci`)
//! - `bundle` build the installable packages for this OS (`.deb` and `.rpm` on Linux; the
//!   `.deb` recompressed with xz)
//! - `install-test` the tested app packed into a `.deb`, installed into a clean root,
//!   opened to the welcome screen and removed; the `.rpm`'s file list checked (Linux; the last step of `test`)
//! - `bench-launch` launch time and memory against a bare Tauri window (Linux)
//! - `bench-scroll` scrolling and filtering the tables against a plain scroller (Linux)
//! - `bench-soak` memory over a long day of tab switches (Linux)

mod cmd;
mod deb_repack;
mod env_session;
mod install_test;
mod setup;
mod steps;
mod test_build;
mod ui_build;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("help", &[][..]),
    };
    let outcome = match command {
        "setup" => setup::run(),
        "run" => steps::run_app(rest),
        "test" => steps::test_all(rest),
        "journeys" => steps::journeys(rest),
        "faults" => steps::faults(rest),
        "soak" => steps::soak(rest),
        "bundle" => steps::bundle(rest),
        "install-test" => steps::install_test(rest),
        "bench-launch" => steps::bench("launch", rest),
        "bench-scroll" => steps::bench("scroll", rest),
        "bench-soak" => steps::bench("soak", rest),
        _ => {
            eprintln!(
                "usage: cargo xtask <setup|run|test|journeys|faults|soak|bundle|install-test|bench-launch|bench-scroll|bench-soak>"
            );
            return if command == "help" {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask {command}: {error}");
            ExitCode::FAILURE
        }
    }
}

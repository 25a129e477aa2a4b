//! One build for every test step. `cargo test --workspace --all-targets --no-run` with the
//! one feature set builds (and lints, through clippy-driver) the unit and integration
//! tests, the benchmarks, the journeys, the fault suite and the app binary together, and
//! cargo's JSON messages name each executable; the steps then run those directly. Asking
//! cargo for one target instead (`--test journeys`, `build --bin`) resolves the features
//! for that target alone and rebuilds much of the tree.

use std::path::{Path, PathBuf};

use crate::cmd::Cmd;
use crate::steps::APP_FEATURES;

/// The executables of the one test build.
pub struct TestBuild {
    artifacts: Vec<Artifact>,
}

struct Artifact {
    name: String,
    is_test: bool,
    executable: PathBuf,
}

/// The flags every test step shares, so each finds the same build fresh.
pub const TEST_FLAGS: [&str; 4] = ["--workspace", "--locked", "--features", APP_FEATURES];

/// Cargo with the workspace's own crates compiled by clippy-driver and its lints denied,
/// as `cargo clippy -- -D warnings` would: the test build then lints every target as it
/// compiles it, instead of a separate `cargo clippy` type-checking every dependency a
/// second time (3 min 23 s of a cold CI run). Every step that reuses the test build runs
/// cargo this way, so cargo finds the same compiler and the build fresh.
pub fn linting_cargo() -> Cmd {
    Cmd::cargo()
        .env("RUSTC_WORKSPACE_WRAPPER", clippy_driver())
        .env("CLIPPY_ARGS", CLIPPY_ARGS)
}

/// `-D warnings` as cargo-clippy hands its arguments to the driver.
const CLIPPY_ARGS: &str = "-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__";

/// The clippy-driver of the toolchain running this cargo (beside it), else the one on PATH.
fn clippy_driver() -> PathBuf {
    let name = if cfg!(windows) {
        "clippy-driver.exe"
    } else {
        "clippy-driver"
    };
    std::env::var_os("CARGO")
        .map(PathBuf::from)
        .map(|cargo| cargo.with_file_name(name))
        .filter(|driver| driver.is_file())
        .unwrap_or_else(|| PathBuf::from(name))
}

impl TestBuild {
    /// Builds everything the test steps run.
    pub fn build() -> Result<Self, String> {
        let stdout = linting_cargo()
            .args(&[
                "test",
                "--no-run",
                "--all-targets",
                "--message-format=json-render-diagnostics",
            ])
            .args(&TEST_FLAGS)
            .run_capturing_stdout()?;
        let artifacts = stdout.lines().filter_map(Artifact::parse).collect();
        Ok(Self { artifacts })
    }

    /// The integration test executable `name` (`journeys`, `fault-suite`).
    pub fn test(&self, name: &str) -> Result<&Path, String> {
        self.find(name, true)
    }

    /// The binary `name`, as built for the integration tests (the app the journeys launch).
    pub fn bin(&self, name: &str) -> Result<&Path, String> {
        self.find(name, false)
    }

    fn find(&self, name: &str, is_test: bool) -> Result<&Path, String> {
        self.artifacts
            .iter()
            .find(|artifact| artifact.name == name && artifact.is_test == is_test)
            .map(|artifact| artifact.executable.as_path())
            .ok_or_else(|| format!("the test build made no executable `{name}`"))
    }
}

impl Artifact {
    /// Reads one of cargo's `compiler-artifact` messages; `None` for other messages and
    /// for artifacts that are not executables (libraries).
    fn parse(line: &str) -> Option<Self> {
        if !line.contains(r#""reason":"compiler-artifact""#) {
            return None;
        }
        Some(Self {
            // The first "name" is the target's: nothing before it in the message has one.
            name: string_field(line, "name")?,
            // The profile's "test", not the target's (which says only that it may have tests).
            is_test: profile(line)?.contains(r#""test":true"#),
            executable: PathBuf::from(string_field(line, "executable")?),
        })
    }
}

/// The `"profile":{…}` object of a message (it holds no nested object).
fn profile(line: &str) -> Option<&str> {
    let start = line.find(r#""profile":{"#)?;
    let length = line[start..].find('}')?;
    Some(&line[start..start + length])
}

/// The value of `"key":"…"` in a JSON line (no escapes: names and paths here have none).
fn string_field(line: &str, key: &str) -> Option<String> {
    let opening = format!("\"{key}\":\"");
    let start = line.find(&opening)? + opening.len();
    let length = line[start..].find('"')?;
    Some(line[start..start + length].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_executables_of_cargos_messages() {
        let test = r#"{"reason":"compiler-artifact","package_id":"path+file:///w/tests/e2e#saasignal-e2e@0.1.0","target":{"kind":["test"],"crate_types":["bin"],"name":"journeys","test":true},"profile":{"opt_level":"0","test":true},"executable":"/w/target/debug/deps/journeys-1a2b","fresh":true}"#;
        let bin = r#"{"reason":"compiler-artifact","target":{"kind":["bin"],"name":"saasignal-admin","test":true},"profile":{"test":false},"executable":"/w/target/debug/saasignal-admin","fresh":false}"#;
        let lib = r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"saasignal_core"},"profile":{"test":false},"executable":null}"#;
        let build = TestBuild {
            artifacts: [
                test,
                bin,
                lib,
                r#"{"reason":"build-finished","success":true}"#,
            ]
            .iter()
            .filter_map(|line| Artifact::parse(line))
            .collect(),
        };
        assert_eq!(build.artifacts.len(), 2);
        assert_eq!(
            build.test("journeys"),
            Ok(Path::new("/w/target/debug/deps/journeys-1a2b"))
        );
        assert_eq!(
            build.bin("saasignal-admin"),
            Ok(Path::new("/w/target/debug/saasignal-admin"))
        );
        assert!(build.test("saasignal-admin").is_err());
    }
}

//! The app binary the journeys and the fault suite launch. Having an integration test
//! makes `cargo test` build that binary with the test build's one feature set (see
//! `xtask/src/test_build.rs`), so no step builds it again with another.

use std::path::Path;
use std::time::SystemTime;

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|metadata| metadata.modified())
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The binary embeds `ui/dist` (custom-protocol builds): it must be rebuilt whenever the
/// UI is, or the journeys would test yesterday's screens.
#[test]
fn the_binary_is_newer_than_the_ui_it_embeds() {
    let binary = Path::new(env!("CARGO_BIN_EXE_saasignal-admin"));
    let index = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/dist/index.html");
    if cfg!(feature = "custom-protocol") && index.is_file() {
        assert!(
            modified(binary) >= modified(&index),
            "{} is older than {}: the build did not pick up the new UI",
            binary.display(),
            index.display()
        );
    }
    assert!(binary.is_file());
}

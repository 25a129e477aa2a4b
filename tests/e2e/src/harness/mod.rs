//! Building blocks of a journey. One job per module:
//!
//! | module | job |
//! | --- | --- |
//! | `driver` | find the tools, run tauri-driver in its own process group, end it |
//! | `app` | one app launch: fresh dirs, a WebDriver session, find/type/click/read by `data-testid` |
//! | `wait` | poll a condition until a deadline (never a fixed sleep) |
//! | `evidence` | `target/e2e/<test>/`: numbered screenshots, page source and logs on failure |
//! | `scan` | the run's secrets, and the search for them in every file a launch left |
//! | `server` | the test's own sandbox on real HTTP, recording every secret it hands out |
//! | `clipboard` | the X clipboard, read back with `xclip` |
//! | `processes` | the app and WebKit processes of one launch, found by a marker in their env |
//! | `journey` | one test: serialised with the others, its launches, failure evidence, the scan |
//! | `second_launch` | the app started again beside the running one (a link handed over by single-instance) |
//! | `pointer` | the mouse: hover over an element (WebDriver pointer actions) |
//! | `a11y` | an axe-core audit (WCAG 2.1 A/AA) of what the window shows |
//! | `notifications` | a stand-in desktop notification server on the session bus, to read and click |

pub mod a11y;
pub mod app;
pub mod by;
pub mod clipboard;
pub mod driver;
pub mod evidence;
pub mod journey;
pub mod launch;
pub mod launch_dirs;
pub mod notifications;
mod page_scripts;
pub mod pointer;
pub mod processes;
pub mod scan;
pub mod second_launch;
pub mod server;
pub mod wait;

use std::path::{Path, PathBuf};

/// The repository root (this crate lives at `tests/e2e`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Cargo's target folder: `CARGO_TARGET_DIR` when set (as cargo reads it), else `target/`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                workspace_root().join(dir)
            }
        }
        _ => workspace_root().join("target"),
    }
}

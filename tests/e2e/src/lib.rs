//! The end-to-end harness of SaaSignal Admin: the real app binary, started by
//! tauri-driver and driven through WebDriver in a virtual X display, against a local
//! sandbox the test controls. The journeys themselves live in `tests/journeys/`.
//!
//! Linux only: tauri-driver needs WebKitWebDriver (macOS has no WebDriver for WKWebView),
//! and the clipboard and process checks use X11 and `/proc`.

pub mod harness;
pub mod steps;

pub use harness::app::{App, By};
pub use harness::journey::Journey;
pub use harness::server::TestServer;

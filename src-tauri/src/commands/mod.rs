//! IPC commands: one module per action, each a thin call into the core crates.

pub mod app_info;
pub mod error;

//! Against a scripted HTTP server that counts requests and records what was sent:
//! the retry policy (above all, that nothing that creates is ever sent twice) and
//! the wire forms the sandbox does not produce.

#[path = "../common/mod.rs"]
mod common;

mod billing_shapes;
mod limits;
mod retry_policy;
mod wire_forms;

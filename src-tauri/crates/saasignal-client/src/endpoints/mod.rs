//! The platform's endpoints as methods of [`crate::PlatformClient`], one module per
//! resource. Each validates its input before sending, picks its [`crate::RequestKind`]
//! (which decides retries) and decodes its answer leniently.

mod auth;
mod billing;
mod browser_tokens;
mod health;
mod members;
mod orgs;
mod projects;
mod tokens;

/// `/core/organizations`, the root of most paths.
const CORE: &str = "core";
const ORGANIZATIONS: &str = "organizations";

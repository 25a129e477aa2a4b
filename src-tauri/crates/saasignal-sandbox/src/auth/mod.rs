//! Credentials and who may do what: passwords, sessions, API keys, browser
//! tokens, the sign-in rate limit, and the per-org access check.

pub mod access;
pub mod actions;
pub mod browser_tokens;
pub mod passwords;
pub mod principal;
pub mod rate_limit;
pub mod secrets;
pub mod sessions;

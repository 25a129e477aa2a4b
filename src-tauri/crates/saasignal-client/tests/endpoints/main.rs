//! Every endpoint against the in-process sandbox over real HTTP: the happy path and
//! the errors the server itself gives (401, 403, 404, 409, 400, 429).

#[path = "../common/mod.rs"]
mod common;

mod auth;
mod billing;
mod browser_tokens;
mod health;
mod members;
mod orgs;
mod projects;
mod tokens;

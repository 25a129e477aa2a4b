//! A faithful local implementation of the SaaSignal Platform API on SQLite:
//! better-auth's email sign-in, organizations, members and invites, projects,
//! API keys and browser tokens, with the platform's shapes, statuses and scope
//! rules, plus fault injection for testing clients.
//!
//! ```no_run
//! # async fn demo() -> Result<(), saasignal_sandbox::SandboxError> {
//! use saasignal_sandbox::{Sandbox, SandboxConfig};
//! let handle = Sandbox::start(SandboxConfig { seed_demo: true, ..SandboxConfig::default() }).await?;
//! println!("{}", handle.base_url());
//! handle.shutdown().await;
//! # Ok(()) }
//! ```

mod auth;
pub mod billing;
mod body;
mod clock;
pub mod config;
pub mod errors;
pub mod faults;
mod ids;
mod net;
mod routes;
mod sandbox;
pub mod seed;
pub mod store;
pub mod wire;

pub use auth::rate_limit::RateLimit;
pub use config::SandboxConfig;
pub use errors::SandboxError;
pub use faults::{FaultAction, FaultRule, Faults, RouteMatch};
pub use sandbox::{Sandbox, SandboxHandle};
pub use seed::{SeedOutcome, seed_demo};
pub use store::DbLocation;

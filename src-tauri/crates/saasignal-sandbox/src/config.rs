//! How a sandbox is set up.

use std::net::{Ipv4Addr, SocketAddr};

use crate::auth::rate_limit::RateLimit;
use crate::faults::Faults;
use crate::store::DbLocation;

/// Everything [`crate::Sandbox::start`] needs to know.
#[derive(Debug, Clone, PartialEq)]
pub struct SandboxConfig {
    /// Where to listen; port 0 picks a free port (see [`crate::SandboxHandle::addr`]).
    pub addr: SocketAddr,
    /// Where the data lives.
    pub db: DbLocation,
    /// Whether to create the demo data (idempotent) before serving.
    pub seed_demo: bool,
    /// Injected failures; none by default. Changeable later through the handle.
    pub faults: Faults,
    /// The sign-in rate limit per client IP and email.
    pub sign_in_rate_limit: RateLimit,
}

impl Default for SandboxConfig {
    /// Loopback on a free port, in memory, no demo data, no faults, the default rate limit.
    fn default() -> Self {
        Self {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            db: DbLocation::Memory,
            seed_demo: false,
            faults: Faults::none(),
            sign_in_rate_limit: RateLimit::default(),
        }
    }
}

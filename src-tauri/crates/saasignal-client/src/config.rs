//! [`ClientConfig`]: how a [`crate::PlatformClient`] is set up.

use std::time::Duration;

use crate::retry::RetryPolicy;

/// Time allowed to open a connection (TCP and TLS).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Time allowed for one whole attempt: request sent, answer read.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// The largest answer read from a server: the API's biggest lists (10,000 projects) are a
/// few MiB, so anything past this is not a SaaSignal answer, and is not buffered.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;

/// Whether requests to a remote server go through the system's proxy settings.
///
/// Loopback servers (the embedded sandbox, a local server) are never proxied, whatever
/// this says: their traffic is plain http and carries passwords and bearer tokens.
/// Remote servers are https-only, so a proxy sees only a `CONNECT host:443` tunnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProxyPolicy {
    /// `HTTPS_PROXY`/`ALL_PROXY`/`NO_PROXY`, and on macOS and Windows the OS's own
    /// settings: what corporate networks need.
    #[default]
    System,
    /// Always connect directly.
    Direct,
}

/// The settings of one client. [`ClientConfig::new`] gives the production defaults;
/// tests shorten the timeouts and retry delays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// The server address, as typed (checked by [`crate::BaseUrl::parse`]).
    pub base_url: String,
    /// Time allowed to connect; 5 s by default.
    pub connect_timeout: Duration,
    /// Time allowed per attempt; 20 s by default.
    pub request_timeout: Duration,
    /// When failed requests are tried again.
    pub retry: RetryPolicy,
    /// Whether remote servers are reached through the system's proxy.
    pub proxy: ProxyPolicy,
    /// Answers larger than this fail with [`crate::ApiError::TooLarge`]; 16 MiB by default.
    pub max_response_bytes: u64,
}

impl ClientConfig {
    /// The defaults for `base_url`: connect 5 s, request 20 s, [`RetryPolicy::default`].
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            retry: RetryPolicy::default(),
            proxy: ProxyPolicy::System,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }
}

/// `SaaSignalAdmin/<version> (<os>)`, sent with every request.
pub fn user_agent() -> String {
    format!(
        "SaaSignalAdmin/{} ({})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_documented_ones() {
        let config = ClientConfig::new("https://api.saasignal.saastemly.com");
        assert_eq!(config.connect_timeout, Duration::from_secs(5));
        assert_eq!(config.request_timeout, Duration::from_secs(20));
        assert_eq!(config.retry, RetryPolicy::default());
        assert_eq!(config.proxy, ProxyPolicy::System);
        assert_eq!(config.max_response_bytes, 16 * 1024 * 1024);
    }

    #[test]
    fn user_agent_names_app_version_and_os() {
        let agent = user_agent();
        assert!(agent.starts_with("SaaSignalAdmin/0."), "{agent}");
        assert!(
            agent.ends_with(&format!("({})", std::env::consts::OS)),
            "{agent}"
        );
    }
}

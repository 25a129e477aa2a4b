//! [`ClientConfig`]: how a [`crate::PlatformClient`] is set up.

use std::time::Duration;

use crate::retry::RetryPolicy;

/// Time allowed to open a connection (TCP and TLS).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Time allowed for one whole attempt: request sent, answer read.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

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
}

impl ClientConfig {
    /// The defaults for `base_url`: connect 5 s, request 20 s, [`RetryPolicy::default`].
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            retry: RetryPolicy::default(),
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

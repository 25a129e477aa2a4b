//! Shared by the integration tests: an in-process sandbox with the demo data, a
//! client tuned for fast tests, and the demo sign-ins.
#![allow(dead_code)] // each test binary uses a different subset

pub mod scripted;

use std::net::TcpListener;
use std::time::Duration;

use saasignal_client::{ClientConfig, PlatformClient, RetryPolicy};
use saasignal_model::Org;
use saasignal_sandbox::seed::{
    DEMO_MAINTAINER, DEMO_ORG_NAME, DEMO_OWNER, DEMO_READER, DemoAccount,
};
use saasignal_sandbox::{Faults, RateLimit, Sandbox, SandboxConfig, SandboxHandle};
use saasignal_secret::Secret;

/// Retries with waits short enough for tests, same attempts as production.
pub const FAST_RETRY: RetryPolicy = RetryPolicy {
    max_attempts: 3,
    base_delay: Duration::from_millis(10),
    max_delay: Duration::from_millis(40),
    max_retry_after: Duration::from_secs(2),
};

/// A client config for `base_url` with short timeouts and [`FAST_RETRY`].
pub fn fast_config(base_url: &str) -> ClientConfig {
    ClientConfig {
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(3),
        retry: FAST_RETRY,
        ..ClientConfig::new(base_url)
    }
}

/// A running sandbox with the demo data and a client for it.
pub struct TestSandbox {
    pub handle: SandboxHandle,
    pub client: PlatformClient,
}

impl TestSandbox {
    /// Demo data, no sign-in rate limit, no faults.
    pub async fn start() -> Self {
        Self::start_with(SandboxConfig {
            seed_demo: true,
            sign_in_rate_limit: RateLimit::OFF,
            ..SandboxConfig::default()
        })
        .await
    }

    pub async fn start_with(config: SandboxConfig) -> Self {
        let handle = Sandbox::start(config).await.expect("sandbox starts");
        let client = PlatformClient::new(fast_config(&handle.base_url())).expect("client");
        Self { handle, client }
    }

    /// A second client for the same sandbox with other settings.
    pub fn client_with(&self, edit: impl FnOnce(&mut ClientConfig)) -> PlatformClient {
        let mut config = fast_config(&self.handle.base_url());
        edit(&mut config);
        PlatformClient::new(config).expect("client")
    }

    pub fn set_faults(&self, faults: Faults) {
        self.handle.set_faults(faults);
    }

    pub async fn sign_in(&self, account: DemoAccount) -> Secret {
        self.client
            .sign_in_email(account.email, &Secret::new(account.password), None)
            .await
            .expect("demo sign-in")
            .token
    }

    /// The demo owner's session (scopes `*`).
    pub async fn owner(&self) -> Secret {
        self.sign_in(DEMO_OWNER).await
    }

    /// Ada's session: read scopes only.
    pub async fn reader(&self) -> Secret {
        self.sign_in(DEMO_READER).await
    }

    /// Grace's session: `projects:*`, `tokens:*`, `orgs:read`.
    pub async fn maintainer(&self) -> Secret {
        self.sign_in(DEMO_MAINTAINER).await
    }

    /// The demo organization, "Acme Corp".
    pub async fn demo_org(&self, session: &Secret) -> Org {
        self.client
            .list_orgs(session)
            .await
            .expect("orgs")
            .into_iter()
            .find(|org| org.name == DEMO_ORG_NAME)
            .expect("the demo org")
    }
}

/// An http URL on loopback where nothing listens, so any request is refused.
pub fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

/// Strings as owned scopes.
pub fn scopes(list: &[&str]) -> Vec<String> {
    list.iter().map(|scope| scope.to_string()).collect()
}

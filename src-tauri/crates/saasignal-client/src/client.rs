//! [`PlatformClient`]: one server's typed client. The endpoints live in
//! [`crate::endpoints`], one module per resource.

use crate::base_url::BaseUrl;
use crate::config::ClientConfig;
use crate::error::ApiError;
use crate::transport::Transport;

/// The typed client of one SaaSignal server. Cheap to clone (the connection pool is
/// shared); every call takes the credential to act with.
#[derive(Debug, Clone)]
pub struct PlatformClient {
    pub(crate) transport: Transport,
}

impl PlatformClient {
    /// A client for `config.base_url`, which must be https unless it is this computer.
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        Ok(Self {
            transport: Transport::new(&config)?,
        })
    }

    /// The server address this client talks to.
    pub fn base_url(&self) -> &BaseUrl {
        self.transport.base()
    }
}

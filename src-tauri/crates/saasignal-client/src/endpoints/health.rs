//! `GET /healthz`.

use reqwest::Method;
use serde_json::Value;

use crate::client::PlatformClient;
use crate::error::ApiError;
use crate::responses::Health;
use crate::retry::RequestKind;

impl PlatformClient {
    /// The server's health; needs no credential.
    pub async fn health(&self) -> Result<Health, ApiError> {
        let reply = self
            .transport
            .call(Method::GET, RequestKind::Read, &["healthz"])
            .send()
            .await?;
        let answer: Value = reply.single()?;
        Health::from_answer(&answer).map_err(|error| reply.undecodable(&error.to_string()))
    }
}

//! `POST /core/tokens/browser`: a short-lived `bt_` token minted from an API key.

use reqwest::Method;
use saasignal_model::BrowserTokenInfo;
use saasignal_secret::Secret;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::CORE;
use crate::client::PlatformClient;
use crate::error::ApiError;
use crate::requests::BrowserTokenRequest;
use crate::responses::{BrowserToken, take_secret};
use crate::retry::RequestKind;

#[derive(Serialize)]
struct BrowserTokenBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    scopes: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ttl: Option<u32>,
}

impl PlatformClient {
    /// Mints a browser token from an API key (`credential`). Its scopes must be a
    /// subset of the key's (else [`ApiError::Forbidden`]). Never retried.
    pub async fn create_browser_token(
        &self,
        credential: &Secret,
        request: &BrowserTokenRequest,
    ) -> Result<BrowserToken, ApiError> {
        request.validate()?;
        let body = BrowserTokenBody {
            scopes: request.scopes.as_deref(),
            ttl: request.ttl,
        };
        let reply = self
            .transport
            .call(
                Method::POST,
                RequestKind::Create,
                &[CORE, "tokens", "browser"],
            )
            .bearer(credential)
            .json(&body)?
            .answer_holds_secret()
            .send()
            .await?;
        let mut answer: Value = reply.single()?;
        let token = take_secret(&mut answer, "token")
            .ok_or_else(|| reply.undecodable("the answer holds no browser token"))?;
        let info = BrowserTokenInfo::deserialize(&answer)
            .map_err(|error| reply.undecodable(&error.to_string()))?;
        Ok(BrowserToken { info, token })
    }
}

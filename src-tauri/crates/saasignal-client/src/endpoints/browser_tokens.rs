//! `POST /core/tokens/browser`: a short-lived `bt_` token minted from an API key.

use reqwest::Method;
use saasignal_model::{BrowserTokenInfo, Minted};
use saasignal_secret::Secret;
use serde::Deserialize;
use serde_json::Value;

use super::CORE;
use crate::client::PlatformClient;
use crate::error::ApiError;
use crate::requests::BrowserTokenRequest;
use crate::responses::take_secret;
use crate::retry::RequestKind;

impl PlatformClient {
    /// Mints a browser token from an API key (`credential`). Its scopes must be a
    /// subset of the key's (else [`ApiError::Forbidden`]). Never retried.
    pub async fn create_browser_token(
        &self,
        credential: &Secret,
        request: &BrowserTokenRequest,
    ) -> Result<Minted<BrowserTokenInfo, Secret>, ApiError> {
        request.validate()?;
        let reply = self
            .transport
            .call(
                Method::POST,
                RequestKind::Create,
                &[CORE, "tokens", "browser"],
            )
            .bearer(credential)
            .json(request)?
            .answer_holds_secret()
            .send()
            .await?;
        let mut answer: Value = reply.single()?;
        let token = take_secret(&mut answer, "token")
            .ok_or_else(|| reply.undecodable("the answer holds no browser token"))?;
        let info = BrowserTokenInfo::deserialize(&answer)
            .map_err(|error| reply.undecodable(&error.to_string()))?;
        Ok(Minted {
            item: info,
            secret: token,
        })
    }
}

//! API keys: list, create (secret returned once), revoke.

use reqwest::Method;
use saasignal_model::{Minted, Token};
use saasignal_secret::Secret;
use serde::Deserialize;
use serde_json::Value;

use super::{CORE, ORGANIZATIONS};
use crate::client::PlatformClient;
use crate::error::ApiError;
use crate::requests::{NewToken, required_id};
use crate::responses::take_secret;
use crate::retry::RequestKind;

impl PlatformClient {
    /// The organization's API keys, revoked ones included (`tokens:read`);
    /// only one project's when `project_id` is given.
    pub async fn list_tokens(
        &self,
        credential: &Secret,
        org_id: &str,
        project_id: Option<&str>,
    ) -> Result<Vec<Token>, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        let project_id = project_id
            .map(|id| required_id("project_id", id))
            .transpose()?;
        self.transport
            .call(
                Method::GET,
                RequestKind::Read,
                &[CORE, ORGANIZATIONS, org_id, "tokens"],
            )
            .query("project_id", project_id)
            .bearer(credential)
            .resource("Organization")
            .send()
            .await?
            .list()
    }

    /// Creates an API key (`tokens:write`; its scopes may not exceed the caller's).
    /// The secret is in [`Minted::secret`], returned this once. Never retried:
    /// a second attempt could make a second key.
    pub async fn create_token(
        &self,
        credential: &Secret,
        org_id: &str,
        token: &NewToken,
    ) -> Result<Minted<Token, Secret>, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        token.validate()?;
        let reply = self
            .transport
            .call(
                Method::POST,
                RequestKind::Create,
                &[CORE, ORGANIZATIONS, org_id, "tokens"],
            )
            .bearer(credential)
            .json(token)?
            .resource("Organization")
            .answer_holds_secret()
            .send()
            .await?;
        let mut answer: Value = reply.single()?;
        let secret = take_secret(&mut answer, "token")
            .ok_or_else(|| reply.undecodable("the answer holds no token secret"))?;
        // The key exists and this is the only time its secret is sent: details that do
        // not read must not cost the secret. What the request said stands in for them.
        let token = Token::deserialize(&answer).unwrap_or_else(|error| {
            tracing::warn!(%error, "the new key's details could not be read; its secret is kept");
            Token {
                id: answer
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                name: token.name.clone(),
                hint: secret.hint(),
                org_id: org_id.to_owned(),
                project_id: token.project_id.clone(),
                scopes: token.scopes.clone(),
                created_at: None,
                expires_at: None,
                last_used_at: None,
                revoked: false,
                status: None,
            }
        });
        Ok(Minted {
            item: token,
            secret,
        })
    }

    /// Revokes an API key (`tokens:write`); revoking a revoked key succeeds.
    pub async fn revoke_token(
        &self,
        credential: &Secret,
        org_id: &str,
        token_id: &str,
    ) -> Result<(), ApiError> {
        let org_id = required_id("org_id", org_id)?;
        let token_id = required_id("token_id", token_id)?;
        self.transport
            .call(
                Method::DELETE,
                RequestKind::Change,
                &[CORE, ORGANIZATIONS, org_id, "tokens", token_id],
            )
            .bearer(credential)
            .resource("Token")
            .send()
            .await?;
        Ok(())
    }
}

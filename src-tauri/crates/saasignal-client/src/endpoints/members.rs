//! Members: list, invite, my scopes, replace scopes, remove.

use reqwest::Method;
use saasignal_contract::validate;
use saasignal_model::Member;
use saasignal_secret::Secret;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{CORE, ORGANIZATIONS};
use crate::client::PlatformClient;
use crate::error::ApiError;
use crate::requests::{NewInvite, required_id};
use crate::responses::InviteStatus;
use crate::retry::RequestKind;

#[derive(Serialize)]
struct ScopesBody<'a> {
    scopes: &'a [String],
}

#[derive(Deserialize)]
struct ScopesAnswer {
    #[serde(default)]
    scopes: Option<Vec<String>>,
}

impl PlatformClient {
    /// The organization's members (`orgs:read`).
    pub async fn list_members(
        &self,
        credential: &Secret,
        org_id: &str,
    ) -> Result<Vec<Member>, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        self.transport
            .call(
                Method::GET,
                RequestKind::Read,
                &[CORE, ORGANIZATIONS, org_id, "members"],
            )
            .bearer(credential)
            .resource("Organization")
            .send()
            .await?
            .list()
    }

    /// Invites `invite.email` (`orgs:write`). Someone already a member is a
    /// [`ApiError::Conflict`] on `email`. Never retried.
    pub async fn invite_member(
        &self,
        credential: &Secret,
        org_id: &str,
        invite: &NewInvite,
    ) -> Result<InviteStatus, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        invite.validate()?;
        let reply = self
            .transport
            .call(
                Method::POST,
                RequestKind::Create,
                &[CORE, ORGANIZATIONS, org_id, "members", "invite"],
            )
            .bearer(credential)
            .json(invite)?
            .resource("Organization")
            .conflict(
                "email",
                "That person is already a member of this organization.",
            )
            .send()
            .await?;
        // 202 may come with no body at all; only the status matters then.
        let answer: Option<Value> = reply.optional().unwrap_or(None);
        Ok(InviteStatus::from_answer(answer.as_ref()))
    }

    /// The scopes the credential acts with in this organization (`orgs:read`).
    pub async fn my_scopes(
        &self,
        credential: &Secret,
        org_id: &str,
    ) -> Result<Vec<String>, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        let reply = self
            .transport
            .call(
                Method::GET,
                RequestKind::Read,
                &[CORE, ORGANIZATIONS, org_id, "my-scopes"],
            )
            .bearer(credential)
            .resource("Organization")
            .send()
            .await?;
        // `{"scopes":[…]}` as documented, or a bare list should the envelope change.
        match reply.single::<ScopesAnswer>() {
            Ok(answer) => Ok(answer.scopes.unwrap_or_default()),
            Err(_) => reply.list(),
        }
    }

    /// Replaces a member's scopes (`orgs:write`); the owner's cannot be changed
    /// ([`crate::ForbiddenReason::OwnerProtected`]). Returns the member when the
    /// server sends it back.
    pub async fn update_member_scopes(
        &self,
        credential: &Secret,
        org_id: &str,
        user_id: &str,
        scopes: &[String],
    ) -> Result<Option<Member>, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        let user_id = required_id("user_id", user_id)?;
        validate::scopes(scopes)?;
        let reply = self
            .transport
            .call(
                Method::PUT,
                RequestKind::Change,
                &[CORE, ORGANIZATIONS, org_id, "members", user_id, "scopes"],
            )
            .bearer(credential)
            .json(&ScopesBody { scopes })?
            .resource("Member")
            .send()
            .await?;
        // The contract promises only a 200; a `{"success":true}` is no member.
        Ok(reply.optional::<Member>().ok().flatten())
    }

    /// Removes a member (`orgs:write`); the owner cannot be removed.
    pub async fn remove_member(
        &self,
        credential: &Secret,
        org_id: &str,
        user_id: &str,
    ) -> Result<(), ApiError> {
        let org_id = required_id("org_id", org_id)?;
        let user_id = required_id("user_id", user_id)?;
        self.transport
            .call(
                Method::DELETE,
                RequestKind::Change,
                &[CORE, ORGANIZATIONS, org_id, "members", user_id],
            )
            .bearer(credential)
            .resource("Member")
            .send()
            .await?;
        Ok(())
    }
}

//! Organizations: list, create, get, update, delete.

use reqwest::Method;
use saasignal_contract::{FieldError, validate};
use saasignal_model::Org;
use saasignal_secret::Secret;
use serde::Serialize;

use super::{CORE, ORGANIZATIONS};
use crate::client::PlatformClient;
use crate::error::ApiError;
use crate::requests::{NewOrg, OrgPatch, required_id};
use crate::retry::RequestKind;

const SLUG_TAKEN: &str = "That slug is already taken. Choose another one.";

#[derive(Serialize)]
struct DeleteOrgBody<'a> {
    confirm_name: &'a str,
}

impl PlatformClient {
    /// The organizations the signed-in user belongs to (session only).
    pub async fn list_orgs(&self, credential: &Secret) -> Result<Vec<Org>, ApiError> {
        self.transport
            .call(Method::GET, RequestKind::Read, &[CORE, ORGANIZATIONS])
            .bearer(credential)
            .send()
            .await?
            .list()
    }

    /// Creates an organization owned by the signed-in user. A slug in use is a
    /// [`ApiError::Conflict`] on `slug`. Never retried.
    pub async fn create_org(&self, credential: &Secret, org: &NewOrg) -> Result<Org, ApiError> {
        org.validate()?;
        self.transport
            .call(Method::POST, RequestKind::Create, &[CORE, ORGANIZATIONS])
            .bearer(credential)
            .json(org)?
            .conflict("slug", SLUG_TAKEN)
            .send()
            .await?
            .single()
    }

    /// One organization (`orgs:read`).
    pub async fn get_org(&self, credential: &Secret, org_id: &str) -> Result<Org, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        self.transport
            .call(
                Method::GET,
                RequestKind::Read,
                &[CORE, ORGANIZATIONS, org_id],
            )
            .bearer(credential)
            .resource("Organization")
            .send()
            .await?
            .single()
    }

    /// Renames an organization or changes its slug (`orgs:write`).
    pub async fn update_org(
        &self,
        credential: &Secret,
        org_id: &str,
        patch: &OrgPatch,
    ) -> Result<Org, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        patch.validate()?;
        self.transport
            .call(
                Method::PATCH,
                RequestKind::Change,
                &[CORE, ORGANIZATIONS, org_id],
            )
            .bearer(credential)
            .json(patch)?
            .resource("Organization")
            .conflict("slug", SLUG_TAKEN)
            .send()
            .await?
            .single()
    }

    /// Deletes an organization (`*`). `confirm_name` must be the organization's
    /// name; when the caller knows that name (`org_name`) it is checked here,
    /// before anything is sent.
    pub async fn delete_org(
        &self,
        credential: &Secret,
        org_id: &str,
        confirm_name: &str,
        org_name: Option<&str>,
    ) -> Result<(), ApiError> {
        let org_id = required_id("org_id", org_id)?;
        match org_name {
            Some(name) => validate::confirm_name(confirm_name, name)?,
            None if confirm_name.is_empty() => {
                return Err(FieldError::required("confirm_name").into());
            }
            None => {}
        }
        self.transport
            .call(
                Method::DELETE,
                RequestKind::Change,
                &[CORE, ORGANIZATIONS, org_id],
            )
            .bearer(credential)
            .json(&DeleteOrgBody { confirm_name })?
            .resource("Organization")
            .send()
            .await?;
        Ok(())
    }
}

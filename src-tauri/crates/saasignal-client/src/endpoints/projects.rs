//! Projects: list, create, get, delete.

use reqwest::Method;
use saasignal_model::Project;
use saasignal_secret::Secret;

use super::{CORE, ORGANIZATIONS};
use crate::client::PlatformClient;
use crate::error::ApiError;
use crate::requests::{NewProject, required_id};
use crate::retry::RequestKind;

impl PlatformClient {
    /// The organization's projects (`projects:read`); a project-bound credential
    /// sees only its own.
    pub async fn list_projects(
        &self,
        credential: &Secret,
        org_id: &str,
    ) -> Result<Vec<Project>, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        self.transport
            .call(
                Method::GET,
                RequestKind::Read,
                &[CORE, ORGANIZATIONS, org_id, "projects"],
            )
            .bearer(credential)
            .resource("Organization")
            .send()
            .await?
            .list()
    }

    /// Creates a project (`projects:write`). Never retried.
    pub async fn create_project(
        &self,
        credential: &Secret,
        org_id: &str,
        project: &NewProject,
    ) -> Result<Project, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        project.validate()?;
        self.transport
            .call(
                Method::POST,
                RequestKind::Create,
                &[CORE, ORGANIZATIONS, org_id, "projects"],
            )
            .bearer(credential)
            .json(project)?
            .resource("Organization")
            .send()
            .await?
            .single()
    }

    /// One project (`projects:read`).
    pub async fn get_project(
        &self,
        credential: &Secret,
        org_id: &str,
        project_id: &str,
    ) -> Result<Project, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        let project_id = required_id("project_id", project_id)?;
        self.transport
            .call(
                Method::GET,
                RequestKind::Read,
                &[CORE, ORGANIZATIONS, org_id, "projects", project_id],
            )
            .bearer(credential)
            .resource("Project")
            .send()
            .await?
            .single()
    }

    /// Deletes a project and revokes its API keys (`projects:write`).
    pub async fn delete_project(
        &self,
        credential: &Secret,
        org_id: &str,
        project_id: &str,
    ) -> Result<(), ApiError> {
        let org_id = required_id("org_id", org_id)?;
        let project_id = required_id("project_id", project_id)?;
        self.transport
            .call(
                Method::DELETE,
                RequestKind::Change,
                &[CORE, ORGANIZATIONS, org_id, "projects", project_id],
            )
            .bearer(credential)
            .resource("Project")
            .send()
            .await?;
        Ok(())
    }
}

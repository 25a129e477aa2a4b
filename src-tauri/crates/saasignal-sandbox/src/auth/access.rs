//! What a principal may do inside one organization.

use rusqlite::Connection;
use saasignal_contract::scopes;

use super::principal::Principal;
use crate::errors::ApiError;
use crate::store::orgs::{self, Org};
use crate::store::projects::Project;
use crate::store::{members, projects};

/// A principal's standing in one organization.
#[derive(Debug, Clone)]
pub struct OrgAccess {
    pub org: Org,
    /// The scopes the principal acts with here (the owner's are `*`).
    pub scopes: Vec<String>,
    /// The one project the principal is confined to, if any.
    pub project_id: Option<String>,
}

/// The principal's access to `org_id`. An org the principal cannot see (another
/// org's, or one the user is not a member of) is 404, so existence never leaks.
pub fn org_access(
    conn: &Connection,
    principal: &Principal,
    org_id: &str,
) -> Result<OrgAccess, ApiError> {
    const NOT_FOUND: ApiError = ApiError::NotFound("Organization");
    let org = orgs::find(conn, org_id)?.ok_or(NOT_FOUND)?;
    match principal {
        Principal::Session { user_id, .. } => {
            let member = members::find(conn, org_id, user_id)?.ok_or(NOT_FOUND)?;
            Ok(OrgAccess {
                org,
                scopes: member.scopes,
                project_id: member.project_id,
            })
        }
        Principal::ApiKey(grant) | Principal::BrowserToken(grant) => {
            if grant.org_id != org_id {
                return Err(NOT_FOUND);
            }
            Ok(OrgAccess {
                org,
                scopes: grant.scopes.clone(),
                project_id: grant.project_id.clone(),
            })
        }
    }
}

/// [`org_access`] plus a check that the principal holds `scope` there.
pub fn authorize(
    conn: &Connection,
    principal: &Principal,
    org_id: &str,
    scope: &str,
) -> Result<OrgAccess, ApiError> {
    let access = org_access(conn, principal, org_id)?;
    access.require(scope)?;
    Ok(access)
}

impl OrgAccess {
    /// 403 `insufficient_scope` unless the principal holds `scope`.
    pub fn require(&self, scope: &str) -> Result<(), ApiError> {
        if scopes::grants(&self.scopes, scope) {
            Ok(())
        } else {
            Err(ApiError::InsufficientScope(scope.to_owned()))
        }
    }

    /// 403 `insufficient_scope` unless the principal holds every one of `requested`
    /// (so it cannot hand out more than it has).
    pub fn require_all(&self, requested: &[String]) -> Result<(), ApiError> {
        match scopes::missing(&self.scopes, requested) {
            None => Ok(()),
            Some(scope) => Err(ApiError::InsufficientScope(scope)),
        }
    }

    /// Whether the principal may see `project_id` (always, unless confined to another).
    pub fn sees_project(&self, project_id: &str) -> bool {
        self.project_id
            .as_deref()
            .is_none_or(|own| own == project_id)
    }

    /// The project `project_id` of this org, or 404 when it does not exist here
    /// or the principal is confined to another project.
    pub fn project(&self, conn: &Connection, project_id: &str) -> Result<Project, ApiError> {
        const NOT_FOUND: ApiError = ApiError::NotFound("Project");
        if !self.sees_project(project_id) {
            return Err(NOT_FOUND);
        }
        projects::find(conn, &self.org.id, project_id)?.ok_or(NOT_FOUND)
    }
}

//! What a principal may do inside one organization.

use rusqlite::Connection;
use saasignal_contract::scopes;

use super::actions::Action;
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
    /// The signed-in user, for a session (whose own scopes it may not change).
    pub user_id: Option<String>,
    /// Whether the credential is a browser token.
    pub is_browser_token: bool,
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
                user_id: Some(user_id.clone()),
                is_browser_token: false,
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
                user_id: None,
                is_browser_token: matches!(principal, Principal::BrowserToken(_)),
            })
        }
    }
}

/// [`org_access`] plus the checks of `action`, in this order: a browser token may not
/// manage (403), the scope must be held (403 `insufficient_scope`), and a project-bound
/// credential may not act org-wide (403 `insufficient_scope`, saying why).
pub fn authorize(
    conn: &Connection,
    principal: &Principal,
    org_id: &str,
    action: Action,
) -> Result<OrgAccess, ApiError> {
    let access = org_access(conn, principal, org_id)?;
    if action.manages && access.is_browser_token {
        return Err(browser_token_refused());
    }
    access.require(action.scope)?;
    if let (Some(what), Some(project_id)) = (action.org_wide, &access.project_id) {
        return Err(ApiError::InsufficientScopeBecause {
            scope: action.scope.to_owned(),
            why: format!(
                "this credential is confined to project {project_id}, and {what} need an org-wide one"
            ),
        });
    }
    Ok(access)
}

/// Browser tokens never manage anything.
pub fn browser_token_refused() -> ApiError {
    ApiError::Forbidden(
        "Forbidden: browser tokens are for browser JavaScript; they cannot manage keys, members or organization settings, or mint browser tokens. Use the API key they came from"
            .to_owned(),
    )
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
    /// (so it cannot hand out more than it has: `family:*` only from `family:*` or `*`,
    /// `*` only from `*`).
    pub fn require_all(&self, requested: &[String]) -> Result<(), ApiError> {
        match scopes::missing(&self.scopes, requested) {
            None => Ok(()),
            Some(scope) => Err(ApiError::InsufficientScope(scope)),
        }
    }

    /// 403 when the session would change its own scopes (it could only widen them).
    pub fn refuse_self(&self, user_id: &str) -> Result<(), ApiError> {
        if self.user_id.as_deref() == Some(user_id) {
            return Err(ApiError::Forbidden(
                "Forbidden: you cannot change your own scopes; another member with orgs:write can"
                    .to_owned(),
            ));
        }
        Ok(())
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

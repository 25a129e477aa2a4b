//! Projects: list, create, get, delete.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use saasignal_contract::{regions::DEFAULT_REGION, validate};
use serde_json::Value;

use super::{json_body, success};
use crate::auth::access::authorize;
use crate::auth::actions;
use crate::auth::principal::Authenticated;
use crate::clock::now_ms;
use crate::errors::ApiError;
use crate::ids;
use crate::sandbox::Sandbox;
use crate::store::projects::{self, Project};
use crate::store::tokens;
use crate::wire::ProjectJson;

/// `GET …/projects` (projects:read) → `[Project]`; a project-bound caller sees only its own.
pub async fn list(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path(org_id): Path<String>,
) -> Result<Json<Vec<ProjectJson>>, ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let access = authorize(conn, &principal, &org_id, actions::LIST_PROJECTS)?;
            let projects = projects::list(conn, &org_id, access.project_id.as_deref())?;
            Ok(Json(projects.iter().map(ProjectJson::from).collect()))
        })
        .await
}

/// `POST …/projects` `{name*, description, region}` (projects:write) → 201 Project.
pub async fn create(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path(org_id): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<ProjectJson>), ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            authorize(conn, &principal, &org_id, actions::CREATE_PROJECT)?;
            let body = json_body(&body)?;
            let name = body.required_str("name")?;
            validate::project_name(name)?;
            let description = body.str("description")?.unwrap_or_default();
            let region = body.str("region")?.unwrap_or(DEFAULT_REGION);
            validate::region(region)?;
            let project = Project {
                id: ids::project(),
                org_id,
                name: name.to_owned(),
                description: description.to_owned(),
                region: region.to_owned(),
                created_at: now_ms(),
            };
            projects::insert(conn, &project)?;
            Ok((StatusCode::CREATED, Json(ProjectJson::from(&project))))
        })
        .await
}

/// `GET …/projects/{project_id}` (projects:read) → Project.
pub async fn get(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path((org_id, project_id)): Path<(String, String)>,
) -> Result<Json<ProjectJson>, ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let access = authorize(conn, &principal, &org_id, actions::GET_PROJECT)?;
            Ok(Json(ProjectJson::from(&access.project(conn, &project_id)?)))
        })
        .await
}

/// `DELETE …/projects/{project_id}` (projects:write) → `{"success":true}`; the
/// project's API keys are revoked (and stay listed as revoked).
pub async fn delete(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path((org_id, project_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let tx = conn.transaction()?;
            let access = authorize(&tx, &principal, &org_id, actions::DELETE_PROJECT)?;
            let project = access.project(&tx, &project_id)?;
            let revoked = tokens::revoke_for_project(&tx, &org_id, &project.id)?;
            projects::delete(&tx, &org_id, &project.id)?;
            tx.commit()?;
            tracing::info!(project_id = %project.id, revoked, "project deleted");
            Ok(success())
        })
        .await
}

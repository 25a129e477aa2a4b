//! Organizations: list and create (session only), get, update, delete.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use saasignal_contract::{scopes::WILDCARD, slugify, validate};
use serde_json::{Value, json};

use super::{json_body, success};
use crate::auth::access::authorize;
use crate::auth::actions;
use crate::auth::principal::Authenticated;
use crate::clock::now_ms;
use crate::errors::ApiError;
use crate::ids;
use crate::sandbox::Sandbox;
use crate::store::members::{self, NewMember, Role};
use crate::store::orgs::{self, Org};
use crate::wire::OrgJson;

fn slug_taken(slug: &str) -> ApiError {
    ApiError::Conflict(format!("Slug \"{slug}\" is already taken"))
}

/// `GET /core/organizations` → `{"data":[Org]}`, the caller's orgs.
pub async fn list(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
) -> Result<Json<Value>, ApiError> {
    let user_id = principal.session_user()?.to_owned();
    sandbox
        .store()
        .run(move |conn| {
            let orgs: Vec<OrgJson> = orgs::list_for_user(conn, &user_id)?
                .iter()
                .map(OrgJson::from)
                .collect();
            Ok(Json(json!({ "data": orgs })))
        })
        .await
}

/// `POST /core/organizations` `{name*, slug}` → 201 Org; the caller becomes its owner.
pub async fn create(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    body: Bytes,
) -> Result<(StatusCode, Json<OrgJson>), ApiError> {
    let user_id = principal.session_user()?.to_owned();
    let body = json_body(&body)?;
    let name = body.required_str("name")?.to_owned();
    validate::org_name(&name)?;
    let slug = body.str("slug")?.map(str::to_owned);
    if let Some(slug) = &slug {
        validate::slug(slug)?;
    }
    sandbox
        .store()
        .run(move |conn| {
            let tx = conn.transaction()?;
            let slug = match slug {
                Some(slug) if orgs::slug_taken(&tx, &slug, None)? => return Err(slug_taken(&slug)),
                Some(slug) => slug,
                // A generated slug never fails the request: it takes the next free suffix.
                None => orgs::free_slug(&tx, &slugify(&name))?,
            };
            let org = Org {
                id: ids::org(),
                name,
                slug,
                created_at: now_ms(),
            };
            orgs::insert(&tx, &org)?;
            members::insert(
                &tx,
                &NewMember {
                    org_id: &org.id,
                    user_id: &user_id,
                    role: Role::Owner,
                    scopes: &[WILDCARD.to_owned()],
                    project_id: None,
                    joined_at: org.created_at,
                },
            )?;
            tx.commit()?;
            Ok((StatusCode::CREATED, Json(OrgJson::from(&org))))
        })
        .await
}

/// `GET /core/organizations/{org_id}` (orgs:read) → Org.
pub async fn get(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path(org_id): Path<String>,
) -> Result<Json<OrgJson>, ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let access = authorize(conn, &principal, &org_id, actions::GET_ORG)?;
            Ok(Json(OrgJson::from(&access.org)))
        })
        .await
}

/// `PATCH /core/organizations/{org_id}` `{name, slug}` (orgs:write) → Org.
pub async fn update(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path(org_id): Path<String>,
    body: Bytes,
) -> Result<Json<OrgJson>, ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let tx = conn.transaction()?;
            let mut org = authorize(&tx, &principal, &org_id, actions::UPDATE_ORG)?.org;
            let body = json_body(&body)?;
            if let Some(name) = body.str("name")? {
                validate::org_name(name)?;
                org.name = name.to_owned();
            }
            if let Some(slug) = body.str("slug")? {
                validate::slug(slug)?;
                if orgs::slug_taken(&tx, slug, Some(&org.id))? {
                    return Err(slug_taken(slug));
                }
                org.slug = slug.to_owned();
            }
            orgs::update(&tx, &org)?;
            tx.commit()?;
            Ok(Json(OrgJson::from(&org)))
        })
        .await
}

/// `DELETE /core/organizations/{org_id}` `{confirm_name*}` (`*`) → `{"success":true}`.
pub async fn delete(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path(org_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let tx = conn.transaction()?;
            let access = authorize(&tx, &principal, &org_id, actions::DELETE_ORG)?;
            let body = json_body(&body)?;
            let confirm = body.required_str("confirm_name")?;
            validate::confirm_name(confirm, &access.org.name)?;
            orgs::delete(&tx, &access.org.id)?;
            tx.commit()?;
            tracing::info!(org_id = %access.org.id, "organization deleted");
            Ok(success())
        })
        .await
}

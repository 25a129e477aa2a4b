//! API keys: list, create (secret shown once), revoke.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use saasignal_contract::validate;
use serde_json::Value;

use super::{json_body, success};
use crate::auth::access::authorize;
use crate::auth::actions;
use crate::auth::principal::Authenticated;
use crate::auth::secrets::{hint, new_api_key};
use crate::clock::now_ms;
use crate::errors::ApiError;
use crate::ids;
use crate::sandbox::Sandbox;
use crate::store::tokens::{self, ApiToken};
use crate::wire::{CreatedTokenJson, TokenJson};

/// `GET …/tokens?project_id=` (tokens:read) → `[Token]`, revoked ones included.
/// A project-bound caller sees only its project's keys; an unknown `project_id` is 404.
pub async fn list(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path(org_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Vec<TokenJson>>, ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let access = authorize(conn, &principal, &org_id, actions::LIST_TOKENS)?;
            let project_id = match query.get("project_id").filter(|id| !id.is_empty()) {
                Some(project_id) => Some(access.project(conn, project_id)?.id),
                None => access.project_id.clone(),
            };
            let tokens = tokens::list(conn, &org_id, project_id.as_deref())?;
            Ok(Json(tokens.iter().map(TokenJson::from).collect()))
        })
        .await
}

/// `POST …/tokens` `{name*, scopes*, project_id, expires_at}` (tokens:write) →
/// 201 Token plus the `sk_live_…` secret in `token`. The scopes may not exceed
/// the caller's (403 insufficient_scope). A past `expires_at` is accepted and
/// makes a key that is already expired.
pub async fn create(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path(org_id): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<CreatedTokenJson>), ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let access = authorize(conn, &principal, &org_id, actions::CREATE_TOKEN)?;
            let body = json_body(&body)?;
            let name = body.required_str("name")?;
            validate::token_name(name)?;
            let scopes = body.required_string_list("scopes")?;
            validate::scopes(&scopes)?;
            let expires_at = match body.str("expires_at")? {
                Some(at) => Some(validate::parse_expires_at(at)?.timestamp_millis()),
                None => None,
            };
            let project_id = match body.str("project_id")? {
                Some(project_id) => Some(access.project(conn, project_id)?.id),
                None => access.project_id.clone(),
            };
            access.require_all(&scopes)?;

            let key = new_api_key();
            let token = ApiToken {
                id: ids::token(),
                org_id,
                project_id,
                name: name.to_owned(),
                hint: hint(&key.secret),
                scopes,
                created_at: now_ms(),
                expires_at,
                last_used_at: None,
                revoked: false,
            };
            tokens::insert(conn, &token, &key.digest)?;
            tracing::info!(token_id = %token.id, "API key created");
            Ok((
                StatusCode::CREATED,
                Json(CreatedTokenJson {
                    record: TokenJson::from(&token),
                    token: key.secret,
                }),
            ))
        })
        .await
}

/// `DELETE …/tokens/{token_id}` (tokens:write) → `{"success":true}`. Revoking a
/// revoked key succeeds again.
pub async fn revoke(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path((org_id, token_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let access = authorize(conn, &principal, &org_id, actions::REVOKE_TOKEN)?;
            let token = tokens::find_by_id(conn, &token_id)?
                .filter(|token| token.org_id == org_id)
                .filter(|token| {
                    access.project_id.is_none() || token.project_id == access.project_id
                })
                .ok_or(ApiError::NotFound("Token"))?;
            tokens::revoke(conn, &token.id)?;
            tracing::info!(token_id = %token.id, "API key revoked");
            Ok(success())
        })
        .await
}

//! The HTTP surface: one module per resource, assembled here.

mod auth;
mod billing;
mod browser_tokens;
mod health;
mod members;
mod orgs;
mod projects;
mod request_log;
mod tokens;

use axum::Router;
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use serde_json::json;

use crate::body::JsonObject;
use crate::errors::ApiError;
use crate::faults;
use crate::sandbox::Sandbox;

/// Every route of the contract, the better-auth routes and the health probes.
pub fn router(sandbox: Sandbox) -> Router {
    let org = "/core/organizations/{org_id}";
    Router::new()
        .route("/api/auth/sign-up/email", post(auth::sign_up))
        .route("/api/auth/sign-in/email", post(auth::sign_in))
        .route("/api/auth/get-session", get(auth::get_session))
        .route("/api/auth/sign-out", post(auth::sign_out))
        .route("/core/organizations", get(orgs::list).post(orgs::create))
        .route(org, get(orgs::get).patch(orgs::update).delete(orgs::delete))
        .route(&format!("{org}/members"), get(members::list))
        .route(&format!("{org}/members/invite"), post(members::invite))
        .route(&format!("{org}/my-scopes"), get(members::my_scopes))
        .route(
            &format!("{org}/members/{{user_id}}/scopes"),
            put(members::update_scopes),
        )
        .route(
            &format!("{org}/members/{{user_id}}"),
            delete(members::remove),
        )
        .route(
            &format!("{org}/projects"),
            get(projects::list).post(projects::create),
        )
        .route(
            &format!("{org}/projects/{{project_id}}"),
            get(projects::get).delete(projects::delete),
        )
        .route(
            &format!("{org}/tokens"),
            get(tokens::list).post(tokens::create),
        )
        .route(
            &format!("{org}/tokens/{{token_id}}"),
            delete(tokens::revoke),
        )
        .route("/core/tokens/browser", post(browser_tokens::create))
        .route("/core/tokens/topup-bundles", get(billing::topup_bundles))
        .route("/core/tokens/balance", get(billing::balance))
        .route("/core/tokens/usage", get(billing::usage))
        .route("/core/billing/packages", get(billing::packages))
        .route(
            "/core/billing/{org_id}/subscription",
            get(billing::subscription),
        )
        .route("/core/billing/{org_id}/free-plan", post(billing::free_plan))
        .route("/core/billing/{org_id}/usage", get(billing::dashboard))
        .route("/healthz", get(health::healthz))
        .route("/livez", get(health::livez))
        .route("/readyz", get(health::readyz))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(sandbox.clone(), faults::inject))
        .layer(from_fn(request_log::log))
        .with_state(sandbox)
}

async fn not_found(uri: Uri) -> Response {
    (
        StatusCode::NOT_FOUND,
        axum::Json(json!({ "success": false, "error": format!("No route for {}", uri.path()) })),
    )
        .into_response()
}

async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    (
        StatusCode::METHOD_NOT_ALLOWED,
        axum::Json(json!({ "success": false, "error": format!("{method} is not allowed on {}", uri.path()) })),
    )
        .into_response()
}

/// The body of a core route as a JSON object, or 400.
fn json_body(bytes: &[u8]) -> Result<JsonObject, ApiError> {
    Ok(JsonObject::parse(bytes)?)
}

/// `{"success":true}`, the answer of every delete.
fn success() -> axum::Json<serde_json::Value> {
    axum::Json(json!({ "success": true }))
}

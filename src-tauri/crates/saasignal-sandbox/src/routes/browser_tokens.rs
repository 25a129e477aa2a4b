//! `POST /core/tokens/browser`: exchange an API key for a short-lived `bt_` token.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use saasignal_contract::{scopes, validate};

use super::json_body;
use crate::auth::access::browser_token_refused;
use crate::auth::browser_tokens::BrowserClaims;
use crate::auth::principal::{Authenticated, Principal};
use crate::auth::secrets::random_hex;
use crate::clock::{iso, now_ms};
use crate::errors::ApiError;
use crate::sandbox::Sandbox;
use crate::wire::BrowserTokenJson;

/// `{scopes, ttl}` → 200 BrowserToken. Only an API key may mint (a session is 401, a
/// browser token 403: tokens never beget tokens); scopes default to the key's and may
/// not exceed them (403).
pub async fn create(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    body: Bytes,
) -> Result<Json<BrowserTokenJson>, ApiError> {
    let parent = match principal {
        Principal::ApiKey(parent) => parent,
        Principal::BrowserToken(_) => return Err(browser_token_refused()),
        Principal::Session { .. } => {
            return Err(ApiError::Unauthorized(
                "Unauthorized: browser tokens are minted from an API key (sk_live_…)".to_owned(),
            ));
        }
    };
    let body = json_body(&body)?;
    let requested = body.string_list("scopes")?;
    if let Some(requested) = &requested {
        validate::scopes(requested)?;
    }
    let ttl = body
        .integer("ttl")?
        .unwrap_or(validate::BROWSER_TTL_DEFAULT);
    validate::browser_ttl(ttl)?;
    let scopes = match requested {
        Some(requested) => match scopes::missing(&parent.scopes, &requested) {
            Some(scope) => return Err(ApiError::InsufficientScope(scope)),
            None => requested,
        },
        None => parent.scopes.clone(),
    };

    let issued_at = now_ms() / 1000;
    let claims = BrowserClaims {
        sub: parent.token_id,
        org_id: parent.org_id,
        project_id: parent.project_id,
        scopes,
        iat: issued_at,
        exp: issued_at + ttl,
        jti: random_hex(8),
    };
    let token = sandbox.browser_keys().mint(&claims).map_err(|error| {
        tracing::error!(%error, "browser token signing failed");
        ApiError::Internal
    })?;
    let expires_at = iso(claims.exp * 1000);
    Ok(Json(BrowserTokenJson {
        token,
        expires_at,
        ttl,
        scopes: claims.scopes,
        project_id: claims.project_id,
        org_id: claims.org_id,
    }))
}

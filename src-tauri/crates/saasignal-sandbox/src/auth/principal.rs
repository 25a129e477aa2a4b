//! Who is calling: the credential in the request, resolved against the store.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use rusqlite::Connection;

use super::browser_tokens::BrowserTokenKeys;
use super::secrets::{API_KEY_PREFIX, BROWSER_TOKEN_PREFIX, digest};
use super::sessions;
use crate::clock::now_ms;
use crate::errors::ApiError;
use crate::sandbox::Sandbox;
use crate::store::StoreError;
use crate::store::tokens::{self, ApiToken};

/// An authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// A signed-in user, acting with their member scopes in each org.
    Session { user_id: String, session_id: String },
    /// An `sk_live_` API key.
    ApiKey(KeyGrant),
    /// A `bt_` browser token minted from an API key.
    BrowserToken(KeyGrant),
}

/// What a key-like credential may do: its scopes, in its org, in its project if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyGrant {
    /// The API key itself, or the key a browser token was minted from.
    pub token_id: String,
    pub org_id: String,
    pub project_id: Option<String>,
    pub scopes: Vec<String>,
}

impl From<ApiToken> for KeyGrant {
    fn from(token: ApiToken) -> Self {
        Self {
            token_id: token.id,
            org_id: token.org_id,
            project_id: token.project_id,
            scopes: token.scopes,
        }
    }
}

/// The credential a request carries: `Authorization: Bearer …`, else `X-API-Key`.
pub fn credential(headers: &HeaderMap) -> Option<String> {
    let bearer = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            let (scheme, token) = value.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
    let api_key = || {
        headers
            .get("x-api-key")
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
    };
    bearer
        .or_else(api_key)
        .filter(|token| !token.is_empty())
        .map(str::to_owned)
}

/// The principal a credential stands for at `now`, or none when it is unknown,
/// expired or revoked. Using an API key records its `last_used_at`; using a
/// session slides its expiry.
pub fn resolve(
    conn: &Connection,
    keys: &BrowserTokenKeys,
    credential: &str,
    now: i64,
) -> Result<Option<Principal>, StoreError> {
    if credential.starts_with(API_KEY_PREFIX) {
        let Some(token) = tokens::find_by_secret_hash(conn, &digest(credential))? else {
            return Ok(None);
        };
        if !token.is_usable(now) {
            return Ok(None);
        }
        tokens::touch(conn, &token.id, now)?;
        return Ok(Some(Principal::ApiKey(token.into())));
    }
    if credential.starts_with(BROWSER_TOKEN_PREFIX) {
        let Some(claims) = keys.verify(credential) else {
            return Ok(None);
        };
        // Stateless by design, except that revoking the parent key must stop its children.
        let parent_usable =
            tokens::find_by_id(conn, &claims.sub)?.is_some_and(|parent| parent.is_usable(now));
        return Ok(parent_usable.then_some({
            Principal::BrowserToken(KeyGrant {
                token_id: claims.sub,
                org_id: claims.org_id,
                project_id: claims.project_id,
                scopes: claims.scopes,
            })
        }));
    }
    Ok(
        sessions::resolve(conn, credential, now)?.map(|session| Principal::Session {
            user_id: session.user_id,
            session_id: session.id,
        }),
    )
}

/// Extractor: the request's principal, or 401.
#[derive(Debug, Clone)]
pub struct Authenticated(pub Principal);

impl FromRequestParts<Sandbox> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        sandbox: &Sandbox,
    ) -> Result<Self, Self::Rejection> {
        let credential = credential(&parts.headers).ok_or_else(ApiError::unauthorized)?;
        let keys = sandbox.browser_keys().clone();
        let principal = sandbox
            .store()
            .run(move |conn| resolve(conn, &keys, &credential, now_ms()))
            .await?;
        principal
            .map(Authenticated)
            .ok_or_else(ApiError::unauthorized)
    }
}

impl Principal {
    /// The signed-in user, for routes only a session may call (401 otherwise).
    pub fn session_user(&self) -> Result<&str, ApiError> {
        match self {
            Principal::Session { user_id, .. } => Ok(user_id),
            _ => Err(ApiError::Unauthorized(
                "Unauthorized: this endpoint needs a signed-in user's session token, not an API or browser token"
                    .to_owned(),
            )),
        }
    }
}

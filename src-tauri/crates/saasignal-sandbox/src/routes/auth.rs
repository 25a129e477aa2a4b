//! better-auth's email routes: sign-up, sign-in, get-session, sign-out.

use std::time::Instant;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use saasignal_contract::validate;
use serde_json::Value;

use crate::auth::secrets::{API_KEY_PREFIX, BROWSER_TOKEN_PREFIX};
use crate::auth::{passwords, principal, sessions};
use crate::body::JsonObject;
use crate::clock::now_ms;
use crate::errors::AuthError;
use crate::ids;
use crate::net::ClientIp;
use crate::sandbox::Sandbox;
use crate::store::invites;
use crate::store::users::{self, User};
use crate::wire::{SessionJson, SignedInJson, UserJson};

/// The email of a sign-up or sign-in body, lowercased, or 400 INVALID_EMAIL.
fn email_of(body: &JsonObject) -> Result<String, AuthError> {
    let email = body
        .str("email")
        .ok()
        .flatten()
        .ok_or_else(AuthError::invalid_email)?;
    validate::email(email).map_err(|_| AuthError::invalid_email())?;
    Ok(email.to_lowercase())
}

fn required<'a>(body: &'a JsonObject, field: &'static str) -> Result<&'a str, AuthError> {
    body.required_str(field)
        .map_err(|e| AuthError::validation(e.to_string()))
}

/// The answer to a successful sign-up or sign-in: the token in the body and in
/// `set-auth-token` (better-auth's bearer plugin).
fn signed_in(user: &User, token: String) -> Response {
    let header = HeaderValue::from_str(&token);
    let mut response = Json(SignedInJson {
        redirect: false,
        token,
        url: None,
        user: UserJson::from(user),
    })
    .into_response();
    if let Ok(header) = header {
        response.headers_mut().insert("set-auth-token", header);
    }
    response
}

/// Runs CPU-heavy password work off the async threads.
async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AuthError> {
    tokio::task::spawn_blocking(work).await.map_err(|error| {
        tracing::error!(%error, "password task failed");
        AuthError::internal()
    })
}

async fn hash_password(password: String) -> Result<String, AuthError> {
    off_thread(move || passwords::hash(&password))
        .await?
        .map_err(|error| {
            tracing::error!(%error, "password hashing failed");
            AuthError::internal()
        })
}

/// `POST /api/auth/sign-up/email` `{name, email, password}`.
pub async fn sign_up(State(sandbox): State<Sandbox>, body: Bytes) -> Result<Response, AuthError> {
    let body = JsonObject::parse(&body)?;
    let email = email_of(&body)?;
    let password = required(&body, "password")?;
    if let Err(error) = validate::password(password) {
        let too_long = password.chars().count() > validate::PASSWORD_MAX_LEN;
        tracing::debug!(%error, "sign-up password rejected");
        return Err(AuthError::bad_password(too_long));
    }
    let name = required(&body, "name")?.to_owned();

    // Check before the (deliberately slow) hash; checked again in the transaction.
    let existing = {
        let email = email.clone();
        sandbox
            .store()
            .run(move |conn| users::find_by_email(conn, &email))
            .await?
    };
    if existing.is_some() {
        return Err(AuthError::user_exists());
    }
    let password_hash = hash_password(password.to_owned()).await?;

    let (user, token) = sandbox
        .store()
        .run(move |conn| {
            let tx = conn.transaction()?;
            if users::find_by_email(&tx, &email)?.is_some() {
                return Err(AuthError::user_exists());
            }
            let now = now_ms();
            let user = User {
                id: ids::user(),
                email,
                name,
                email_verified: false,
                created_at: now,
                updated_at: now,
            };
            users::insert(&tx, &user, &password_hash)?;
            invites::accept_pending(&tx, &user.id, &user.email, now)?;
            let (_, token) = sessions::open(&tx, &user.id, now)?;
            tx.commit()?;
            Ok((user, token))
        })
        .await?;
    tracing::info!(user_id = %user.id, "user signed up");
    Ok(signed_in(&user, token))
}

/// `POST /api/auth/sign-in/email` `{email, password, rememberMe?}`.
pub async fn sign_in(
    State(sandbox): State<Sandbox>,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Response, AuthError> {
    let body = JsonObject::parse(&body)?;
    let attempted_email = body
        .str("email")
        .ok()
        .flatten()
        .unwrap_or_default()
        .to_lowercase();
    sandbox
        .sign_in_limiter()
        .attempt(ip, &attempted_email, Instant::now())
        .map_err(|retry_after| AuthError::RateLimited { retry_after })?;
    let email = email_of(&body)?;
    let password = required(&body, "password")?.to_owned();

    let found = sandbox
        .store()
        .run(move |conn| users::find_by_email(conn, &email))
        .await?;
    let Some((user, password_hash)) = found else {
        return Err(AuthError::invalid_credentials());
    };
    if !off_thread(move || passwords::verify(&password, &password_hash)).await? {
        return Err(AuthError::invalid_credentials());
    }

    let (user, token) = sandbox
        .store()
        .run(move |conn| {
            let tx = conn.transaction()?;
            let now = now_ms();
            invites::accept_pending(&tx, &user.id, &user.email, now)?;
            let (_, token) = sessions::open(&tx, &user.id, now)?;
            tx.commit()?;
            Ok::<_, AuthError>((user, token))
        })
        .await?;
    tracing::info!(user_id = %user.id, "user signed in");
    Ok(signed_in(&user, token))
}

fn session_token(headers: &HeaderMap) -> Option<String> {
    principal::credential(headers).filter(|token| {
        !token.starts_with(API_KEY_PREFIX) && !token.starts_with(BROWSER_TOKEN_PREFIX)
    })
}

/// `GET /api/auth/get-session`: the session and user, or `null`.
pub async fn get_session(
    State(sandbox): State<Sandbox>,
    headers: HeaderMap,
) -> Result<Json<Value>, AuthError> {
    let Some(token) = session_token(&headers) else {
        return Ok(Json(Value::Null));
    };
    let found = sandbox
        .store()
        .run(move |conn| {
            let Some(session) = sessions::resolve(conn, &token, now_ms())? else {
                return Ok::<_, AuthError>(None);
            };
            let user = users::find(conn, &session.user_id)?;
            Ok(user.map(|user| (SessionJson::new(&session, &token), UserJson::from(&user))))
        })
        .await?;
    let body = match found {
        Some((session, user)) => serde_json::json!({ "session": session, "user": user }),
        None => Value::Null,
    };
    Ok(Json(body))
}

/// `POST /api/auth/sign-out`: ends the bearer's session. Idempotent: an unknown
/// or already-ended token also answers success; no token at all is 401.
pub async fn sign_out(
    State(sandbox): State<Sandbox>,
    headers: HeaderMap,
) -> Result<Json<Value>, AuthError> {
    let token = principal::credential(&headers).ok_or_else(AuthError::unauthorized)?;
    sandbox
        .store()
        .run(move |conn| sessions::close(conn, &token))
        .await?;
    Ok(Json(serde_json::json!({ "success": true })))
}

//! better-auth's email routes: sign-in, sign-up, get-session, sign-out.

use reqwest::Method;
use saasignal_contract::{FieldError, validate};
use saasignal_model::User;
use saasignal_secret::Secret;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::PlatformClient;
use crate::error::ApiError;
use crate::reply::Reply;
use crate::responses::{Session, SignedIn, take_secret};
use crate::retry::RequestKind;

#[derive(Serialize)]
struct SignInBody<'a> {
    email: &'a str,
    password: &'a str,
    #[serde(rename = "rememberMe", skip_serializing_if = "Option::is_none")]
    remember_me: Option<bool>,
}

#[derive(Serialize)]
struct SignUpBody<'a> {
    name: &'a str,
    email: &'a str,
    password: &'a str,
}

impl PlatformClient {
    /// Signs in with email and password (`POST /api/auth/sign-in/email`). A wrong
    /// email or password is [`ApiError::InvalidCredentials`]; never retried.
    pub async fn sign_in_email(
        &self,
        email: &str,
        password: &Secret,
        remember_me: Option<bool>,
    ) -> Result<SignedIn, ApiError> {
        validate::sign_in_email(email)?;
        if password.is_empty() {
            return Err(FieldError::required("password").into());
        }
        let body = SignInBody {
            email,
            password: password.expose(),
            remember_me,
        };
        let reply = self
            .transport
            .call(
                Method::POST,
                RequestKind::Create,
                &["api", "auth", "sign-in", "email"],
            )
            .json(&body)?
            .sign_in()
            .redacting(password)
            .answer_holds_secret()
            .send()
            .await?;
        signed_in(&reply)
    }

    /// Creates an account and signs it in (`POST /api/auth/sign-up/email`). An email
    /// already registered is a [`ApiError::Conflict`] on `email`; never retried.
    pub async fn sign_up_email(
        &self,
        name: &str,
        email: &str,
        password: &Secret,
    ) -> Result<SignedIn, ApiError> {
        if name.trim().is_empty() {
            return Err(FieldError::required("name").into());
        }
        validate::email(email)?;
        validate::password(password.expose())?;
        let body = SignUpBody {
            name,
            email,
            password: password.expose(),
        };
        let reply = self
            .transport
            .call(
                Method::POST,
                RequestKind::Create,
                &["api", "auth", "sign-up", "email"],
            )
            .json(&body)?
            .conflict(
                "email",
                "An account with this email already exists. Sign in instead.",
            )
            .redacting(password)
            .answer_holds_secret()
            .send()
            .await?;
        signed_in(&reply)
    }

    /// The session `credential` belongs to, or `None` when it has ended or expired
    /// (the server answers `200 null`, or 401).
    pub async fn get_session(&self, credential: &Secret) -> Result<Option<Session>, ApiError> {
        let sent = self
            .transport
            .call(
                Method::GET,
                RequestKind::Read,
                &["api", "auth", "get-session"],
            )
            .bearer(credential)
            .answer_holds_secret()
            .send()
            .await;
        let reply = match sent {
            Ok(reply) => reply,
            Err(ApiError::Unauthorized) => return Ok(None),
            Err(error) => return Err(error),
        };
        match reply.optional::<Value>()? {
            None => Ok(None),
            Some(answer) => {
                Session::from_answer(&answer).map_err(|error| reply.undecodable(&error.to_string()))
            }
        }
    }

    /// Ends the session (`POST /api/auth/sign-out`). A session the server no longer
    /// knows (401) counts as signed out.
    pub async fn sign_out(&self, credential: &Secret) -> Result<(), ApiError> {
        let sent = self
            .transport
            .call(
                Method::POST,
                RequestKind::Change,
                &["api", "auth", "sign-out"],
            )
            .bearer(credential)
            .send()
            .await;
        match sent {
            Ok(_) | Err(ApiError::Unauthorized) => Ok(()),
            Err(error) => Err(error),
        }
    }
}

/// The token (the `set-auth-token` header wins over the body's `token`: it may be
/// a signed form the server expects back) and the user.
fn signed_in(reply: &Reply<'_>) -> Result<SignedIn, ApiError> {
    let mut answer: Value = reply.single()?;
    let from_body = take_secret(&mut answer, "token");
    let from_header = reply
        .header("set-auth-token")
        .map(str::trim)
        .filter(|token| !token.is_empty())
        .map(Secret::new);
    let token = from_header
        .or(from_body)
        .ok_or_else(|| reply.undecodable("the answer holds no session token"))?;
    let user = answer
        .get("user")
        .filter(|user| !user.is_null())
        .ok_or_else(|| reply.undecodable("the answer holds no user"))
        .and_then(|user| {
            User::deserialize(user).map_err(|error| reply.undecodable(&error.to_string()))
        })?;
    Ok(SignedIn { token, user })
}

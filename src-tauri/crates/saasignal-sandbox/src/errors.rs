//! The sandbox's error types: the library's [`SandboxError`], the core routes'
//! [`ApiError`] (`{"success":false,"error":…}`) and the better-auth routes'
//! [`AuthError`] (`{"code","message"}`).

use std::net::SocketAddr;
use std::time::Duration;

use axum::Json;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use saasignal_contract::FieldError;
use serde_json::json;

use crate::body::BodyError;
use crate::store::StoreError;

/// Why the sandbox could not start or run.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The database could not be opened, migrated or used.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The listening socket could not be bound.
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    /// The demo data could not be written.
    #[error("could not seed demo data: {0}")]
    Seed(String),
    /// A background task died.
    #[error("sandbox task failed: {0}")]
    Task(String),
}

/// An error answer of a core (`/core/…`) route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// 400: the request is malformed or a field is invalid (the message names it).
    BadRequest(String),
    /// 401: no credential, or one that is unknown, expired, revoked or of the wrong kind.
    Unauthorized(String),
    /// 403: the credential may never do this (e.g. touch the owner).
    Forbidden(String),
    /// 403: the credential lacks this scope.
    InsufficientScope(String),
    /// 403: the credential holds the scope but may not use it here, for this reason.
    InsufficientScopeBecause { scope: String, why: String },
    /// 404: no such resource, or one the credential may not know about.
    NotFound(&'static str),
    /// 409: the request clashes with existing data.
    Conflict(String),
    /// 500: the sandbox failed; details are logged, not returned.
    Internal,
}

impl ApiError {
    /// The status code this error answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_)
            | ApiError::InsufficientScope(_)
            | ApiError::InsufficientScopeBecause { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The `error` string of the body.
    pub fn message(&self) -> String {
        match self {
            ApiError::BadRequest(message)
            | ApiError::Unauthorized(message)
            | ApiError::Forbidden(message)
            | ApiError::Conflict(message) => message.clone(),
            ApiError::InsufficientScope(scope) => format!("insufficient_scope: requires {scope}"),
            ApiError::InsufficientScopeBecause { scope, why } => {
                format!("insufficient_scope: requires {scope} ({why})")
            }
            ApiError::NotFound(what) => format!("{what} not found"),
            ApiError::Internal => "Internal error".to_owned(),
        }
    }

    /// 401 for a missing or unusable credential.
    pub fn unauthorized() -> Self {
        ApiError::Unauthorized(
            "Unauthorized: missing, invalid, expired or revoked credential".to_owned(),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status(),
            Json(json!({ "success": false, "error": self.message() })),
        )
            .into_response()
    }
}

impl From<FieldError> for ApiError {
    fn from(error: FieldError) -> Self {
        ApiError::BadRequest(error.to_string())
    }
}

impl From<BodyError> for ApiError {
    fn from(error: BodyError) -> Self {
        ApiError::BadRequest(error.to_string())
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        tracing::error!(%error, "storage failure");
        ApiError::Internal
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(error: rusqlite::Error) -> Self {
        StoreError::from(error).into()
    }
}

/// An error answer of a better-auth (`/api/auth/…`) route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthError {
    /// `{"code","message"}` with this status.
    Coded {
        status: StatusCode,
        code: &'static str,
        message: String,
    },
    /// 429 with `X-Retry-After`, better-auth's rate-limit answer.
    RateLimited { retry_after: Duration },
}

impl AuthError {
    fn coded(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        AuthError::Coded {
            status,
            code,
            message: message.into(),
        }
    }

    /// 401 INVALID_EMAIL_OR_PASSWORD.
    pub fn invalid_credentials() -> Self {
        Self::coded(
            StatusCode::UNAUTHORIZED,
            "INVALID_EMAIL_OR_PASSWORD",
            "Invalid email or password",
        )
    }

    /// 400 INVALID_EMAIL.
    pub fn invalid_email() -> Self {
        Self::coded(StatusCode::BAD_REQUEST, "INVALID_EMAIL", "Invalid email")
    }

    /// 422 USER_ALREADY_EXISTS.
    pub fn user_exists() -> Self {
        Self::coded(
            StatusCode::UNPROCESSABLE_ENTITY,
            "USER_ALREADY_EXISTS",
            "User already exists. Use another email.",
        )
    }

    /// 400 PASSWORD_TOO_SHORT or PASSWORD_TOO_LONG.
    pub fn bad_password(too_long: bool) -> Self {
        if too_long {
            Self::coded(
                StatusCode::BAD_REQUEST,
                "PASSWORD_TOO_LONG",
                "Password too long",
            )
        } else {
            Self::coded(
                StatusCode::BAD_REQUEST,
                "PASSWORD_TOO_SHORT",
                "Password too short",
            )
        }
    }

    /// 400 VALIDATION_ERROR naming the field.
    pub fn validation(message: impl Into<String>) -> Self {
        Self::coded(StatusCode::BAD_REQUEST, "VALIDATION_ERROR", message)
    }

    /// 401 UNAUTHORIZED, for routes that need a session.
    pub fn unauthorized() -> Self {
        Self::coded(StatusCode::UNAUTHORIZED, "UNAUTHORIZED", "Unauthorized")
    }

    /// 500, details logged.
    pub fn internal() -> Self {
        Self::coded(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_SERVER_ERROR",
            "Internal error",
        )
    }
}

impl IntoResponse for AuthError {
    fn into_response(self) -> Response {
        match self {
            AuthError::Coded {
                status,
                code,
                message,
            } => (status, Json(json!({ "code": code, "message": message }))).into_response(),
            AuthError::RateLimited { retry_after } => {
                // Round up so a client that waits the advertised time is let in.
                let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
                let mut response = (
                    StatusCode::TOO_MANY_REQUESTS,
                    Json(json!({ "message": "Too many requests. Please try again later." })),
                )
                    .into_response();
                response
                    .headers_mut()
                    .insert("x-retry-after", HeaderValue::from(seconds.max(1)));
                response
            }
        }
    }
}

impl From<BodyError> for AuthError {
    fn from(error: BodyError) -> Self {
        AuthError::validation(error.to_string())
    }
}

impl From<StoreError> for AuthError {
    fn from(error: StoreError) -> Self {
        tracing::error!(%error, "storage failure");
        AuthError::internal()
    }
}

impl From<rusqlite::Error> for AuthError {
    fn from(error: rusqlite::Error) -> Self {
        StoreError::from(error).into()
    }
}

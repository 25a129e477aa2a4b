//! [`ApiError`]: every way a platform call can fail, as the UI branches on it.
//!
//! Each variant has a stable [`code`](ApiError::code) and a message a person can act
//! on. None of them holds a credential or a response body that could carry one: server
//! messages are redacted before they get here (see `classify`), and the bodies of
//! secret-bearing answers are never kept.

use std::time::Duration;

use saasignal_contract::FieldError;
use saasignal_model::ErrorCode;

/// Why the server refused with 403.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForbiddenReason {
    /// The credential lacks this scope (the server said `insufficient_scope`).
    MissingScope(String),
    /// The organization's owner cannot be re-scoped or removed.
    OwnerProtected,
    /// The credential holds the scope but is confined to one project, and the action is
    /// org-wide (settings, membership, creating or deleting projects).
    ConfinedToProject,
    /// A browser token may not manage keys, members or settings, or mint tokens.
    BrowserTokenLimit,
    /// A member may not change their own scopes.
    OwnScopes,
    /// Any other refusal.
    NotAllowed,
}

/// A failed platform call.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The session expired or was signed out, or the API key was revoked (401).
    #[error("Your session has expired. Sign in again.")]
    Unauthorized,
    /// Sign-in was refused: wrong email or password (401 on sign-in).
    #[error("The email or password is incorrect.")]
    InvalidCredentials,
    /// The credential may not do this (403).
    #[error("{}", forbidden_message(.reason))]
    Forbidden { reason: ForbiddenReason },
    /// The resource does not exist, or this credential cannot see it (404).
    #[error("{resource} not found. It may have been deleted, or you may not have access to it.")]
    NotFound { resource: String },
    /// The request clashes with existing data, e.g. a slug already taken (409).
    #[error("{message}")]
    Conflict {
        field: Option<String>,
        message: String,
    },
    /// A field is not acceptable, found before sending or by the server (400, 422).
    // The message alone: the UI shows it beside the field, and reads the same whether
    // the UI's check or Rust's caught it.
    #[error("{message}")]
    Validation {
        field: Option<String>,
        message: String,
    },
    /// Too many requests; `retry_after` is the server's advised wait (429).
    #[error("{}", rate_limited_message(*.retry_after))]
    RateLimited { retry_after: Option<Duration> },
    /// The server failed (5xx).
    #[error("The server had a problem (HTTP {status}). Try again in a little while.")]
    Server { status: u16 },
    /// The server answered with a status this client does not expect.
    #[error("The server refused the request (HTTP {status}): {message}")]
    UnexpectedStatus { status: u16, message: String },
    /// No connection could be made: refused, DNS failure, unreachable network.
    #[error("Can't reach {host}. Check your connection or the server address.")]
    Offline { host: String },
    /// The connection broke after the request went out, before the answer arrived.
    #[error("{}", connection_lost_message(.host, *.request_may_have_run))]
    ConnectionLost {
        host: String,
        /// Whether a change may have been made anyway (the request was not a read).
        request_may_have_run: bool,
    },
    /// No answer within the request timeout.
    #[error("{host} did not answer within {} s. Try again, or check the server's status.", .after.as_secs())]
    Timeout { host: String, after: Duration },
    /// The answer could not be read. `detail` is left out for answers that can hold a secret.
    #[error("{}", undecodable_message(.endpoint, *.request_may_have_run))]
    Undecodable {
        endpoint: String,
        detail: Option<String>,
        /// Whether the change may have been made anyway (the request was not a read).
        request_may_have_run: bool,
    },
    /// The answer was larger than any answer of the API can be; it was not read.
    #[error(
        "The server's answer to {endpoint} was larger than {} MiB, so it was not read. The server address may point at something other than a SaaSignal server.",
        .limit_bytes / (1024 * 1024)
    )]
    TooLarge { endpoint: String, limit_bytes: u64 },
    /// The server address is not a usable URL.
    #[error("{reason}")]
    InvalidBaseUrl { reason: String },
    /// The server address uses plain http for a host other than this computer.
    #[error(
        "Use an https:// address for {host}. Plain http:// is allowed only for this computer (localhost, 127.0.0.1, ::1)."
    )]
    InsecureBaseUrl { host: String },
    /// The client itself could not be set up (e.g. its TLS backend failed to load).
    #[error("The app could not prepare the request: {message}")]
    Internal { message: String },
}

impl ApiError {
    /// A stable snake_case code for the UI to branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Unauthorized => ErrorCode::Unauthorized,
            ApiError::InvalidCredentials => ErrorCode::InvalidCredentials,
            ApiError::Forbidden { .. } => ErrorCode::Forbidden,
            ApiError::NotFound { .. } => ErrorCode::NotFound,
            ApiError::Conflict { .. } => ErrorCode::Conflict,
            ApiError::Validation { .. } => ErrorCode::Validation,
            ApiError::RateLimited { .. } => ErrorCode::RateLimited,
            ApiError::Server { .. } => ErrorCode::Server,
            ApiError::UnexpectedStatus { .. } => ErrorCode::UnexpectedStatus,
            ApiError::Offline { .. } => ErrorCode::Offline,
            ApiError::ConnectionLost { .. } => ErrorCode::ConnectionLost,
            ApiError::Timeout { .. } => ErrorCode::Timeout,
            ApiError::Undecodable { .. } => ErrorCode::Undecodable,
            ApiError::TooLarge { .. } => ErrorCode::ResponseTooLarge,
            ApiError::InvalidBaseUrl { .. } => ErrorCode::InvalidBaseUrl,
            ApiError::InsecureBaseUrl { .. } => ErrorCode::InsecureBaseUrl,
            ApiError::Internal { .. } => ErrorCode::Internal,
        }
    }

    /// The request field at fault, as the API spells it (e.g. `slug`), where one applies.
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiError::Validation { field, .. } | ApiError::Conflict { field, .. } => {
                field.as_deref()
            }
            _ => None,
        }
    }

    /// The scope the credential lacks, for a 403 `insufficient_scope`.
    pub fn missing_scope(&self) -> Option<&str> {
        match self {
            ApiError::Forbidden {
                reason: ForbiddenReason::MissingScope(scope),
            } => Some(scope),
            _ => None,
        }
    }

    /// How long the server asked to wait, for a 429.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ApiError::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }

    /// The HTTP status behind this error, when the server answered at all.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Unauthorized | ApiError::InvalidCredentials => Some(401),
            ApiError::Forbidden { .. } => Some(403),
            ApiError::NotFound { .. } => Some(404),
            ApiError::Conflict { .. } => Some(409),
            ApiError::RateLimited { .. } => Some(429),
            ApiError::Server { status } | ApiError::UnexpectedStatus { status, .. } => {
                Some(*status)
            }
            _ => None,
        }
    }

    /// A client-side validation failure for `field`.
    pub(crate) fn invalid(field: &str, message: impl Into<String>) -> Self {
        ApiError::Validation {
            field: Some(field.to_owned()),
            message: message.into(),
        }
    }
}

impl From<FieldError> for ApiError {
    fn from(error: FieldError) -> Self {
        ApiError::invalid(error.field, error.reason)
    }
}

fn forbidden_message(reason: &ForbiddenReason) -> String {
    match reason {
        ForbiddenReason::MissingScope(scope) => format!("You need the {scope} scope to do this."),
        ForbiddenReason::OwnerProtected => {
            "The organization's owner cannot be re-scoped or removed.".to_owned()
        }
        ForbiddenReason::ConfinedToProject => "This credential is confined to one project: organization settings, membership and creating or deleting projects need an org-wide one.".to_owned(),
        ForbiddenReason::BrowserTokenLimit => "Browser tokens cannot manage keys, members or organization settings, or mint browser tokens: use the API key itself.".to_owned(),
        ForbiddenReason::OwnScopes => "You can't change your own scopes; another member with orgs:write can.".to_owned(),
        ForbiddenReason::NotAllowed => "You don't have permission to do this.".to_owned(),
    }
}

fn rate_limited_message(retry_after: Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!("Too many requests. Try again in {} s.", whole_seconds(wait)),
        None => "Too many requests. Try again in a moment.".to_owned(),
    }
}

fn undecodable_message(endpoint: &str, request_may_have_run: bool) -> String {
    if request_may_have_run {
        format!(
            "The server's answer to {endpoint} could not be read, so it is not known whether the change was made. Refresh before trying again."
        )
    } else {
        format!(
            "The server's answer to {endpoint} could not be read. It may run a version this app does not support."
        )
    }
}

fn connection_lost_message(host: &str, request_may_have_run: bool) -> String {
    if request_may_have_run {
        format!(
            "The connection to {host} broke before its answer arrived. The change may have been made: refresh before trying again."
        )
    } else {
        format!("The connection to {host} broke before its answer arrived. Try again.")
    }
}

/// Seconds rounded up, so "try again in N s" is never too early.
fn whole_seconds(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_a_person_can_act_on() {
        let forbidden = ApiError::Forbidden {
            reason: ForbiddenReason::MissingScope("tokens:write".into()),
        };
        assert_eq!(
            forbidden.to_string(),
            "You need the tokens:write scope to do this."
        );
        assert_eq!(forbidden.missing_scope(), Some("tokens:write"));
        assert_eq!(
            ApiError::Unauthorized.to_string(),
            "Your session has expired. Sign in again."
        );
        let limited = ApiError::RateLimited {
            retry_after: Some(Duration::from_millis(6_200)),
        };
        assert_eq!(limited.to_string(), "Too many requests. Try again in 7 s.");
        assert_eq!(limited.retry_after(), Some(Duration::from_millis(6_200)));
        let offline = ApiError::Offline {
            host: "api.example.com".into(),
        };
        assert_eq!(
            offline.to_string(),
            "Can't reach api.example.com. Check your connection or the server address."
        );
    }

    #[test]
    fn validation_names_its_field() {
        let error = ApiError::from(FieldError::new("slug", "Use lowercase letters"));
        assert_eq!(error.code().as_str(), "validation");
        assert_eq!(error.field(), Some("slug"));
        assert_eq!(error.to_string(), "Use lowercase letters");
        let conflict = ApiError::Conflict {
            field: Some("slug".into()),
            message: "That slug is already taken.".into(),
        };
        assert_eq!(conflict.field(), Some("slug"));
        assert_eq!(ApiError::Unauthorized.field(), None);
    }

    #[test]
    fn codes_are_stable_snake_case() {
        let samples = [
            (ApiError::Unauthorized, "unauthorized"),
            (ApiError::InvalidCredentials, "invalid_credentials"),
            (
                ApiError::Forbidden {
                    reason: ForbiddenReason::OwnerProtected,
                },
                "forbidden",
            ),
            (
                ApiError::NotFound {
                    resource: "Project".into(),
                },
                "not_found",
            ),
            (ApiError::Server { status: 502 }, "server"),
            (
                ApiError::Timeout {
                    host: "h".into(),
                    after: Duration::from_secs(20),
                },
                "timeout",
            ),
            (
                ApiError::ConnectionLost {
                    host: "h".into(),
                    request_may_have_run: true,
                },
                "connection_lost",
            ),
            (
                ApiError::Undecodable {
                    endpoint: "GET /healthz".into(),
                    detail: None,
                    request_may_have_run: false,
                },
                "undecodable",
            ),
            (
                ApiError::TooLarge {
                    endpoint: "GET /healthz".into(),
                    limit_bytes: 16 << 20,
                },
                "response_too_large",
            ),
            (
                ApiError::InsecureBaseUrl { host: "h".into() },
                "insecure_base_url",
            ),
        ];
        for (error, code) in samples {
            assert_eq!(error.code().as_str(), code, "{error:?}");
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{code}"
            );
        }
    }

    #[test]
    fn statuses_follow_the_kind() {
        assert_eq!(ApiError::InvalidCredentials.status(), Some(401));
        assert_eq!(ApiError::Server { status: 503 }.status(), Some(503));
        assert_eq!(ApiError::Offline { host: "h".into() }.status(), None);
    }
}

//! Turning an error answer (status, headers, body) into the [`ApiError`] the UI
//! branches on, with the field, scope, resource or wait the server's text names.

use std::time::Duration;

use reqwest::header::HeaderMap;
use saasignal_contract::validate;

use crate::decode::error_body::ErrorBody;
use crate::error::{ApiError, ForbiddenReason};

/// What the endpoint knows that the error body may not say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ErrorContext {
    /// The resource named in a 404 when the server names none, e.g. "Organization".
    pub resource: &'static str,
    /// The field and message of a 409 on this endpoint.
    pub conflict: Option<ConflictHint>,
    /// A 401 here means a wrong email or password, not an expired session.
    pub is_sign_in: bool,
}

/// The field a 409 is about, and what to tell the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ConflictHint {
    pub field: &'static str,
    pub message: &'static str,
}

/// Request fields a free-text server message may name.
const KNOWN_FIELDS: &[&str] = &[
    "confirm_name",
    "project_id",
    "expires_at",
    "description",
    "password",
    "scopes",
    "region",
    "email",
    "slug",
    "name",
    "ttl",
];

/// The error for a non-success answer. `body` must already be redacted.
pub(crate) fn error_for_status(
    status: u16,
    headers: &HeaderMap,
    body: &ErrorBody,
    context: &ErrorContext,
) -> ApiError {
    let code = body.code.as_deref().unwrap_or_default();
    match status {
        401 if context.is_sign_in => ApiError::InvalidCredentials,
        401 => ApiError::Unauthorized,
        403 => ApiError::Forbidden {
            reason: forbidden_reason(body),
        },
        404 => ApiError::NotFound {
            resource: resource_named(body.message_or_empty())
                .or(Some(context.resource).filter(|resource| !resource.is_empty()))
                .unwrap_or("Resource")
                .to_owned(),
        },
        409 => conflict(body, context),
        422 if code == "USER_ALREADY_EXISTS" => ApiError::Conflict {
            field: Some("email".to_owned()),
            message: "An account with this email already exists. Sign in instead.".to_owned(),
        },
        400 | 422 => validation(body),
        429 => ApiError::RateLimited {
            retry_after: retry_after(headers),
        },
        500..=599 => ApiError::Server { status },
        _ => ApiError::UnexpectedStatus {
            status,
            message: body
                .message
                .clone()
                .unwrap_or_else(|| "no explanation given".to_owned()),
        },
    }
}

/// The wait a 429 or 503 asks for: `Retry-After` or `X-Retry-After`, in seconds.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    ["retry-after", "x-retry-after"].iter().find_map(|name| {
        let text = headers.get(*name)?.to_str().ok()?.trim();
        let seconds: f64 = text.parse().ok()?;
        (seconds.is_finite() && seconds >= 0.0)
            .then(|| Duration::from_secs_f64(seconds.min(86_400.0)))
    })
}

fn forbidden_reason(body: &ErrorBody) -> ForbiddenReason {
    const MARKER: &str = "insufficient_scope";
    let message = body.message_or_empty();
    let lowered = message.to_ascii_lowercase();
    // The sandbox's (and the platform's) words for the refusals that are not a scope
    // the credential lacks.
    if lowered.contains("confined to project") {
        return ForbiddenReason::ConfinedToProject;
    }
    if lowered.contains("browser tokens are for browser") {
        return ForbiddenReason::BrowserTokenLimit;
    }
    if lowered.contains("your own scopes") {
        return ForbiddenReason::OwnScopes;
    }
    // The scope follows the marker in the message ("insufficient_scope: requires
    // tokens:write"), or the marker is the code and the message names the scope.
    let names_scope = match lowered.find(MARKER) {
        Some(at) => Some(&message[at + MARKER.len()..]),
        None => body
            .code
            .as_deref()
            .is_some_and(|code| code.eq_ignore_ascii_case(MARKER))
            .then_some(message),
    };
    if let Some(scope) = names_scope.and_then(first_scope) {
        return ForbiddenReason::MissingScope(scope);
    }
    if lowered.contains("owner") {
        return ForbiddenReason::OwnerProtected;
    }
    ForbiddenReason::NotAllowed
}

/// The first word of `text` that is a well-formed scope (`*`, `kv:*`, `kv:read`).
fn first_scope(text: &str) -> Option<String> {
    text.split_whitespace()
        .map(|word| word.trim_matches(|c: char| "\"'`,.;()[]{}".contains(c)))
        .find(|word| validate::scope(word).is_ok())
        .map(str::to_owned)
}

/// "Organization not found" → "Organization".
fn resource_named(message: &str) -> Option<&str> {
    let (resource, _) = message.split_once(" not found")?;
    let resource = resource.trim();
    let plausible = !resource.is_empty() && resource.len() <= 40 && !resource.contains('/');
    plausible.then_some(resource)
}

fn conflict(body: &ErrorBody, context: &ErrorContext) -> ApiError {
    match context.conflict {
        Some(hint) => ApiError::Conflict {
            field: Some(hint.field.to_owned()),
            message: hint.message.to_owned(),
        },
        None => ApiError::Conflict {
            field: field_named(body.message_or_empty()).map(|(field, _)| field.to_owned()),
            message: body
                .message
                .clone()
                .unwrap_or_else(|| "This clashes with existing data.".to_owned()),
        },
    }
}

fn validation(body: &ErrorBody) -> ApiError {
    let message = body.message_or_empty();
    let by_code = match body.code.as_deref().unwrap_or_default() {
        "INVALID_EMAIL" => Some("email"),
        "PASSWORD_TOO_SHORT" | "PASSWORD_TOO_LONG" | "INVALID_PASSWORD" => Some("password"),
        _ => None,
    };
    let (field, reason) = match (by_code, field_named(message)) {
        (Some(field), _) => (Some(field.to_owned()), message),
        (None, Some((field, reason))) => (Some(field), reason),
        (None, None) => (None, message),
    };
    let reason = if reason.is_empty() {
        "The server did not accept this request."
    } else {
        reason
    };
    ApiError::Validation {
        field,
        message: reason.to_owned(),
    }
}

/// The field a message is about, and the rest of the message: `field: reason`
/// (the contract's own form), else the first known field name mentioned.
fn field_named(message: &str) -> Option<(String, &str)> {
    if let Some((field, reason)) = message.split_once(": ") {
        let is_identifier = field.len() <= 40
            && field.starts_with(|c: char| c.is_ascii_lowercase())
            && field
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if is_identifier {
            return Some((field.to_owned(), reason.trim()));
        }
    }
    let words: Vec<String> = message
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map(str::to_ascii_lowercase)
        .collect();
    words
        .iter()
        .find(|word| KNOWN_FIELDS.contains(&word.as_str()))
        .map(|field| (field.clone(), message))
}

#[cfg(test)]
mod tests;

use reqwest::header::HeaderValue;

use super::*;

fn classify(status: u16, body: &str) -> ApiError {
    classify_in(status, body, &ErrorContext::default())
}

fn classify_in(status: u16, body: &str, context: &ErrorContext) -> ApiError {
    error_for_status(
        status,
        &HeaderMap::new(),
        &ErrorBody::read(body.as_bytes()),
        context,
    )
}

#[test]
fn unauthorized_or_wrong_password() {
    let expired = classify(
        401,
        r#"{"success":false,"error":"Unauthorized: missing, invalid, expired or revoked credential"}"#,
    );
    assert_eq!(expired, ApiError::Unauthorized);
    let sign_in = ErrorContext {
        is_sign_in: true,
        ..ErrorContext::default()
    };
    let wrong = classify_in(
        401,
        r#"{"code":"INVALID_EMAIL_OR_PASSWORD","message":"Invalid email or password"}"#,
        &sign_in,
    );
    assert_eq!(wrong, ApiError::InvalidCredentials);
}

#[test]
fn forbidden_names_the_missing_scope() {
    for body in [
        r#"{"success":false,"error":"insufficient_scope: requires tokens:write"}"#,
        r#"{"error":{"code":"insufficient_scope","message":"This needs tokens:write."}}"#,
        r#"{"error":"Forbidden (insufficient_scope) - scope 'tokens:write' missing"}"#,
    ] {
        let error = classify(403, body);
        assert_eq!(error.missing_scope(), Some("tokens:write"), "{body}");
        assert_eq!(
            error.to_string(),
            "You need the tokens:write scope to do this."
        );
    }
    let star = classify(
        403,
        r#"{"success":false,"error":"insufficient_scope: requires *"}"#,
    );
    assert_eq!(star.missing_scope(), Some("*"));
}

#[test]
fn forbidden_owner_and_other() {
    let owner = classify(
        403,
        r#"{"success":false,"error":"Forbidden: the organization's owner cannot be removed"}"#,
    );
    assert_eq!(
        owner,
        ApiError::Forbidden {
            reason: ForbiddenReason::OwnerProtected
        }
    );
    let plain = classify(403, "Forbidden");
    assert_eq!(
        plain,
        ApiError::Forbidden {
            reason: ForbiddenReason::NotAllowed
        }
    );
    let unnamed = classify(403, r#"{"error":"insufficient_scope"}"#);
    assert_eq!(unnamed.missing_scope(), None);
    assert_eq!(unnamed.code().as_str(), "forbidden");
}

#[test]
fn not_found_names_the_resource() {
    let context = ErrorContext {
        resource: "Project",
        ..ErrorContext::default()
    };
    let named = classify_in(
        404,
        r#"{"success":false,"error":"Organization not found"}"#,
        &context,
    );
    assert_eq!(
        named,
        ApiError::NotFound {
            resource: "Organization".into()
        }
    );
    let unnamed = classify_in(
        404,
        r#"{"success":false,"error":"No route for /core/x"}"#,
        &context,
    );
    assert_eq!(
        unnamed,
        ApiError::NotFound {
            resource: "Project".into()
        }
    );
    let html = classify_in(404, "<html>Not Found</html>", &context);
    assert_eq!(html.code().as_str(), "not_found");
    let anonymous = classify(404, "");
    assert!(
        anonymous.to_string().starts_with("Resource not found."),
        "{anonymous}"
    );
}

#[test]
fn conflict_names_the_endpoint_field() {
    let context = ErrorContext {
        conflict: Some(ConflictHint {
            field: "slug",
            message: "That slug is already taken. Choose another one.",
        }),
        ..ErrorContext::default()
    };
    let taken = classify_in(
        409,
        r#"{"success":false,"error":"Slug \"acme\" is already taken"}"#,
        &context,
    );
    assert_eq!(taken.field(), Some("slug"));
    assert_eq!(
        taken.to_string(),
        "That slug is already taken. Choose another one."
    );
    let guessed = classify(409, r#"{"error":"email ada@x.io is already a member"}"#);
    assert_eq!(guessed.field(), Some("email"));
    let exists = classify(
        422,
        r#"{"code":"USER_ALREADY_EXISTS","message":"User already exists. Use another email."}"#,
    );
    assert_eq!(exists.code().as_str(), "conflict");
    assert_eq!(exists.field(), Some("email"));
}

#[test]
fn validation_parses_the_field() {
    let prefixed = classify(
        400,
        r#"{"success":false,"error":"expires_at: Use an ISO 8601 UTC date-time"}"#,
    );
    assert_eq!(prefixed.field(), Some("expires_at"));
    // The field goes beside the message, not into it: the same words as the UI's check.
    assert_eq!(prefixed.to_string(), "Use an ISO 8601 UTC date-time");
    let better_auth = classify(400, r#"{"code":"INVALID_EMAIL","message":"Invalid email"}"#);
    assert_eq!(better_auth.field(), Some("email"));
    let short = classify(
        400,
        r#"{"code":"PASSWORD_TOO_SHORT","message":"Password too short"}"#,
    );
    assert_eq!(short.field(), Some("password"));
    let free_text = classify(422, r#"{"message":"The region is not supported"}"#);
    assert_eq!(free_text.field(), Some("region"));
    let unnamed = classify(
        400,
        r#"{"success":false,"error":"Malformed JSON body: EOF"}"#,
    );
    assert_eq!(unnamed.field(), None);
    assert_eq!(unnamed.code().as_str(), "validation");
    let empty = classify(400, "");
    assert_eq!(empty.to_string(), "The server did not accept this request.");
}

#[test]
fn rate_limits_read_either_header() {
    for name in ["retry-after", "x-retry-after"] {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_static("7"));
        let error = error_for_status(
            429,
            &headers,
            &ErrorBody::default(),
            &ErrorContext::default(),
        );
        assert_eq!(error.retry_after(), Some(Duration::from_secs(7)), "{name}");
        assert_eq!(error.to_string(), "Too many requests. Try again in 7 s.");
    }
    let mut odd = HeaderMap::new();
    odd.insert(
        "retry-after",
        HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
    );
    assert_eq!(retry_after(&odd), None);
    odd.insert("retry-after", HeaderValue::from_static("-3"));
    assert_eq!(retry_after(&odd), None);
    odd.insert("retry-after", HeaderValue::from_static("1.5"));
    assert_eq!(retry_after(&odd), Some(Duration::from_millis(1500)));
}

#[test]
fn server_and_unexpected_statuses() {
    assert_eq!(classify(500, "oops"), ApiError::Server { status: 500 });
    assert_eq!(
        classify(503, "<html>down</html>"),
        ApiError::Server { status: 503 }
    );
    let teapot = classify(418, r#"{"message":"I'm a teapot"}"#);
    assert_eq!(teapot.code().as_str(), "unexpected_status");
    assert_eq!(teapot.status(), Some(418));
}

#[test]
fn refusals_that_are_not_a_missing_scope_say_why() {
    let cases = [
        (
            r#"{"success":false,"error":"insufficient_scope: requires orgs:write (this credential is confined to project proj_1, and membership need an org-wide one)"}"#,
            ForbiddenReason::ConfinedToProject,
            "confined to one project",
        ),
        (
            r#"{"success":false,"error":"Forbidden: browser tokens are for browser JavaScript; they cannot manage keys"}"#,
            ForbiddenReason::BrowserTokenLimit,
            "Browser tokens cannot manage",
        ),
        (
            r#"{"success":false,"error":"Forbidden: you cannot change your own scopes"}"#,
            ForbiddenReason::OwnScopes,
            "your own scopes",
        ),
    ];
    for (body, reason, says) in cases {
        let error = classify(403, body);
        assert_eq!(error, ApiError::Forbidden { reason }, "{body}");
        assert_eq!(error.missing_scope(), None, "not a scope it lacks: {body}");
        assert!(error.to_string().contains(says), "{error}");
    }
}

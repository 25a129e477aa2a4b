//! better-auth routes: sign-up, sign-in, get-session, sign-out, rate limit.

mod common;

use std::time::Duration;

use common::{TestServer, config, unique_email};
use reqwest::Method;
use saasignal_sandbox::{RateLimit, SandboxConfig};
use serde_json::{Value, json};

#[tokio::test]
async fn sign_up_returns_user_token_and_header() {
    let server = TestServer::start().await;
    let email = unique_email("Mixed.Case");
    let reply = server
        .call(
            Method::POST,
            "/api/auth/sign-up/email",
            None,
            Some(json!({ "name": "Ada", "email": email, "password": "long-enough" })),
        )
        .await;
    reply.expect(200);
    let body = reply.json();
    assert_eq!(body["redirect"], json!(false));
    assert_eq!(body["url"], Value::Null);
    let token = body["token"].as_str().unwrap();
    assert_eq!(token.len(), 64, "256-bit hex session token");
    assert_eq!(reply.header("set-auth-token").as_deref(), Some(token));
    let user = &body["user"];
    assert!(user["id"].as_str().unwrap().starts_with("u_"));
    assert_eq!(user["email"], json!(email.to_lowercase()));
    assert_eq!(user["name"], json!("Ada"));
    assert_eq!(user["emailVerified"], json!(false));
    for key in ["createdAt", "updatedAt"] {
        assert!(user[key].as_str().unwrap().ends_with('Z'), "{key}");
    }
}

#[tokio::test]
async fn sign_up_errors() {
    let server = TestServer::start().await;
    let user = server.sign_up().await;
    let cases = [
        (
            json!({ "name": "X", "email": user.email, "password": "password-123" }),
            422,
            "USER_ALREADY_EXISTS",
        ),
        (
            json!({ "name": "X", "email": user.email.to_uppercase(), "password": "password-123" }),
            422,
            "USER_ALREADY_EXISTS",
        ),
        (
            json!({ "name": "X", "email": unique_email("short"), "password": "1234567" }),
            400,
            "PASSWORD_TOO_SHORT",
        ),
        (
            json!({ "name": "X", "email": unique_email("long"), "password": "x".repeat(129) }),
            400,
            "PASSWORD_TOO_LONG",
        ),
        (
            json!({ "name": "X", "email": "not-an-email", "password": "password-123" }),
            400,
            "INVALID_EMAIL",
        ),
        (
            json!({ "name": "X", "password": "password-123" }),
            400,
            "INVALID_EMAIL",
        ),
        (
            json!({ "email": unique_email("noname"), "password": "password-123" }),
            400,
            "VALIDATION_ERROR",
        ),
        (
            json!({ "name": "X", "email": unique_email("nopw") }),
            400,
            "VALIDATION_ERROR",
        ),
    ];
    for (body, status, code) in cases {
        let reply = server
            .call(
                Method::POST,
                "/api/auth/sign-up/email",
                None,
                Some(body.clone()),
            )
            .await;
        assert_eq!(reply.status, status, "{body}: {}", reply.text);
        assert_eq!(reply.json()["code"], json!(code), "{body}");
        assert!(reply.json()["message"].is_string());
    }
    let malformed = server
        .send(Method::POST, "/api/auth/sign-up/email", None, Some("{nope"))
        .await;
    malformed.expect(400);
}

#[tokio::test]
async fn sign_in_success_and_failures() {
    let server = TestServer::start().await;
    let user = server.sign_up().await;

    let reply = server
        .sign_in(&user.email.to_uppercase(), &user.password)
        .await;
    reply.expect(200);
    let body = reply.json();
    assert_eq!(body["user"]["id"], json!(user.id));
    assert_eq!(
        reply.header("set-auth-token").as_deref(),
        body["token"].as_str()
    );
    assert_ne!(
        body["token"].as_str(),
        Some(user.token.as_str()),
        "each sign-in opens a new session"
    );

    let wrong = server.sign_in(&user.email, "wrong-password").await;
    wrong.expect(401);
    assert_eq!(
        wrong.json(),
        json!({ "code": "INVALID_EMAIL_OR_PASSWORD", "message": "Invalid email or password" })
    );

    let unknown = server
        .sign_in(&unique_email("nobody"), "password-123")
        .await;
    unknown.expect(401);
    assert_eq!(unknown.json()["code"], json!("INVALID_EMAIL_OR_PASSWORD"));

    let malformed = server.sign_in("not an email", "password-123").await;
    malformed.expect(400);
    assert_eq!(malformed.json()["code"], json!("INVALID_EMAIL"));

    let garbage = server
        .send(Method::POST, "/api/auth/sign-in/email", None, Some("[1,2"))
        .await;
    garbage.expect(400);
}

#[tokio::test]
async fn get_session_slides_and_sign_out_ends_it() {
    let server = TestServer::start().await;
    let user = server.sign_up().await;

    let reply = server.get("/api/auth/get-session", &user.token).await;
    reply.expect(200);
    let body = reply.json();
    let session = &body["session"];
    assert!(session["id"].is_string());
    assert_eq!(session["userId"], json!(user.id));
    assert_eq!(session["token"], json!(user.token));
    let first_expiry = session["expiresAt"].as_str().unwrap().to_owned();
    let expires = chrono::DateTime::parse_from_rfc3339(&first_expiry).unwrap();
    let days = (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_hours() as f64 / 24.0;
    assert!(
        (6.9..=7.0).contains(&days),
        "7-day session, got {days} days"
    );
    assert_eq!(body["user"]["email"], json!(user.email));

    tokio::time::sleep(Duration::from_millis(20)).await;
    let again = server
        .get("/api/auth/get-session", &user.token)
        .await
        .json();
    let slid =
        chrono::DateTime::parse_from_rfc3339(again["session"]["expiresAt"].as_str().unwrap())
            .unwrap();
    assert!(slid > expires, "expiry slides on use");

    let out = server
        .post("/api/auth/sign-out", &user.token, json!({}))
        .await;
    out.expect(200);
    assert_eq!(out.json(), json!({ "success": true }));

    let gone = server.get("/api/auth/get-session", &user.token).await;
    gone.expect(200);
    assert_eq!(gone.json(), Value::Null);
    server
        .get("/core/organizations", &user.token)
        .await
        .expect(401);

    // Idempotent with a token, 401 without one.
    server
        .post("/api/auth/sign-out", &user.token, json!({}))
        .await
        .expect(200);
    server
        .call(Method::POST, "/api/auth/sign-out", None, None)
        .await
        .expect(401);
}

#[tokio::test]
async fn get_session_without_a_session_is_null() {
    let server = TestServer::start().await;
    let none = server
        .call(Method::GET, "/api/auth/get-session", None, None)
        .await;
    none.expect(200);
    assert_eq!(none.text, "null");
    let bogus = server.get("/api/auth/get-session", "deadbeef").await;
    assert_eq!(bogus.json(), Value::Null);
    let (_, _, key) = server.owner_with_key(&["*"]).await;
    assert_eq!(
        server.get("/api/auth/get-session", &key).await.json(),
        Value::Null
    );
}

#[tokio::test]
async fn pending_invite_is_accepted_on_sign_up() {
    let (server, owner, org) = TestServer::with_org("Invites").await;
    let email = unique_email("invitee");
    let invite = server
        .post(
            &format!("/core/organizations/{org}/members/invite"),
            &owner.token,
            json!({ "email": email, "scopes": ["kv:read"] }),
        )
        .await;
    invite.expect(202);
    assert_eq!(invite.json()["status"], json!("pending"));

    let invitee = server.sign_up_as("Invitee", &email, "password-123").await;
    let orgs = server
        .get("/core/organizations", &invitee.token)
        .await
        .json();
    assert_eq!(orgs["data"][0]["id"], json!(org));
    let members = server
        .get(&format!("/core/organizations/{org}/members"), &owner.token)
        .await
        .json();
    let joined = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user_id"] == json!(invitee.id))
        .unwrap();
    assert_eq!(joined["scopes"], json!(["kv:read"]));
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_email() {
    let limit = RateLimit {
        max_attempts: 3,
        window: Duration::from_secs(30),
    };
    let server = TestServer::start_with(SandboxConfig {
        sign_in_rate_limit: limit,
        ..config()
    })
    .await;
    let user = server.sign_up().await;
    for _ in 0..3 {
        server
            .sign_in(&user.email, "wrong-password")
            .await
            .expect(401);
    }
    let limited = server.sign_in(&user.email, &user.password).await;
    limited.expect(429);
    assert_eq!(
        limited.json(),
        json!({ "message": "Too many requests. Please try again later." })
    );
    let retry: u64 = limited.header("x-retry-after").unwrap().parse().unwrap();
    assert!((1..=30).contains(&retry), "{retry}");

    let other = server.sign_up().await;
    server
        .sign_in(&other.email, &other.password)
        .await
        .expect(200);
}

#[tokio::test]
async fn rate_limit_window_expires() {
    // Wide enough that the second attempt lands inside it even on a loaded machine.
    let limit = RateLimit {
        max_attempts: 1,
        window: Duration::from_secs(1),
    };
    let server = TestServer::start_with(SandboxConfig {
        sign_in_rate_limit: limit,
        ..config()
    })
    .await;
    let user = server.sign_up().await;
    server
        .sign_in(&user.email, &user.password)
        .await
        .expect(200);
    server
        .sign_in(&user.email, &user.password)
        .await
        .expect(429);
    tokio::time::sleep(Duration::from_millis(1050)).await;
    server
        .sign_in(&user.email, &user.password)
        .await
        .expect(200);
}

#[tokio::test]
async fn default_config_rate_limit_is_generous_but_real() {
    let server = TestServer::start_with(SandboxConfig::default()).await;
    let user = server.sign_up().await;
    for _ in 0..10 {
        server
            .sign_in(&user.email, "wrong-password")
            .await
            .expect(401);
    }
    server
        .sign_in(&user.email, &user.password)
        .await
        .expect(429);
}

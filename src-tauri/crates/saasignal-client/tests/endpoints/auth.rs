use std::time::Duration;

use saasignal_client::ApiError;
use saasignal_sandbox::seed::DEMO_OWNER;
use saasignal_sandbox::{RateLimit, SandboxConfig};
use saasignal_secret::Secret;

use crate::common::TestSandbox;

#[tokio::test]
async fn sign_in_gives_a_working_session() {
    let sandbox = TestSandbox::start().await;
    let signed_in = sandbox
        .client
        .sign_in_email(
            DEMO_OWNER.email,
            &Secret::new(DEMO_OWNER.password),
            Some(true),
        )
        .await
        .expect("signed in");
    assert_eq!(signed_in.user.email, DEMO_OWNER.email);
    assert_eq!(signed_in.user.name, DEMO_OWNER.name);
    let session = sandbox
        .client
        .get_session(&signed_in.token)
        .await
        .expect("get-session")
        .expect("a live session");
    assert_eq!(session.user_id, signed_in.user.id);
    assert_eq!(session.user.email, DEMO_OWNER.email);
    assert!(session.expires_at.is_some());
}

#[tokio::test]
async fn sign_out_ends_the_session() {
    let sandbox = TestSandbox::start().await;
    let session = sandbox.owner().await;
    sandbox.client.sign_out(&session).await.expect("signed out");
    assert_eq!(
        sandbox.client.get_session(&session).await.expect("answer"),
        None
    );
    let error = sandbox.client.list_orgs(&session).await.unwrap_err();
    assert_eq!(error, ApiError::Unauthorized);
    // Signing out twice is still "signed out".
    sandbox.client.sign_out(&session).await.expect("again");
}

#[tokio::test]
async fn unknown_session_is_none() {
    let sandbox = TestSandbox::start().await;
    let session = sandbox
        .client
        .get_session(&Secret::new("not-a-session"))
        .await
        .expect("answer");
    assert_eq!(session, None);
}

#[tokio::test]
async fn wrong_password_is_invalid_credentials() {
    let sandbox = TestSandbox::start().await;
    let error = sandbox
        .client
        .sign_in_email(DEMO_OWNER.email, &Secret::new("wrong-password"), None)
        .await
        .unwrap_err();
    assert_eq!(error, ApiError::InvalidCredentials);
    assert_eq!(error.code().as_str(), "invalid_credentials");
}

#[tokio::test]
async fn sign_up_then_duplicate_is_a_conflict_on_email() {
    let sandbox = TestSandbox::start().await;
    let password = Secret::new("correct-horse-battery");
    let signed_up = sandbox
        .client
        .sign_up_email("New Person", "new.person@example.com", &password)
        .await
        .expect("signed up");
    assert_eq!(signed_up.user.name, "New Person");
    assert!(
        sandbox
            .client
            .list_orgs(&signed_up.token)
            .await
            .expect("orgs")
            .is_empty()
    );
    let again = sandbox
        .client
        .sign_up_email("New Person", "new.person@example.com", &password)
        .await
        .unwrap_err();
    assert_eq!(again.code().as_str(), "conflict");
    assert_eq!(again.field(), Some("email"));
}

#[tokio::test]
async fn sign_in_rate_limit_reports_the_wait() {
    let sandbox = TestSandbox::start_with(SandboxConfig {
        seed_demo: true,
        sign_in_rate_limit: RateLimit {
            max_attempts: 1,
            window: Duration::from_secs(10),
        },
        ..SandboxConfig::default()
    })
    .await;
    let wrong = Secret::new("wrong-password");
    let first = sandbox
        .client
        .sign_in_email(DEMO_OWNER.email, &wrong, None)
        .await;
    assert_eq!(first.unwrap_err(), ApiError::InvalidCredentials);
    let limited = sandbox
        .client
        .sign_in_email(DEMO_OWNER.email, &wrong, None)
        .await
        .unwrap_err();
    assert_eq!(limited.code().as_str(), "rate_limited");
    let wait = limited.retry_after().expect("X-Retry-After read");
    assert!(
        wait >= Duration::from_secs(1) && wait <= Duration::from_secs(10),
        "{wait:?}"
    );
    assert!(
        limited
            .to_string()
            .starts_with("Too many requests. Try again in "),
        "{limited}"
    );
}

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use saasignal_client::{
    ApiError, BrowserTokenRequest, NewInvite, NewOrg, NewProject, NewToken, OrgPatch,
    PlatformClient,
};
use saasignal_secret::Secret;

use crate::common::fast_config;
use crate::common::scripted::{ScriptedServer, Step};

const EMPTY_LIST: &str = r#"{"data":[]}"#;
const ORG: &str =
    r#"{"id":"org_1","name":"Acme","slug":"acme","createdAt":"2026-01-02T03:04:05Z"}"#;

type Outcome<'a> = Pin<Box<dyn Future<Output = Result<(), ApiError>> + 'a>>;
type Call = for<'a> fn(&'a PlatformClient, &'a Secret) -> Outcome<'a>;

async fn run(script: Vec<Step>, call: Call) -> (Result<(), ApiError>, usize) {
    run_with(script, call, |_| {}).await
}

async fn run_with(
    script: Vec<Step>,
    call: Call,
    edit: impl FnOnce(&mut saasignal_client::ClientConfig),
) -> (Result<(), ApiError>, usize) {
    let server = ScriptedServer::start(script).await;
    let mut config = fast_config(server.base_url());
    edit(&mut config);
    let client = PlatformClient::new(config).expect("client");
    let result = call(&client, &Secret::new("session-token")).await;
    (result, server.hits())
}

fn list_orgs<'a>(client: &'a PlatformClient, credential: &'a Secret) -> Outcome<'a> {
    Box::pin(async move { client.list_orgs(credential).await.map(drop) })
}

fn unavailable() -> Step {
    Step::json(503, r#"{"success":false,"error":"Service Unavailable"}"#)
}

fn limited(seconds: &str) -> Step {
    Step::json_with(
        429,
        r#"{"message":"Too many requests"}"#,
        "retry-after",
        seconds,
    )
}

#[tokio::test]
async fn reads_retry_server_errors_then_succeed() {
    let (result, hits) = run(
        vec![
            Step::json(500, "{}"),
            Step::text(502, "Bad Gateway"),
            Step::json(200, EMPTY_LIST),
        ],
        list_orgs,
    )
    .await;
    assert_eq!(result, Ok(()));
    assert_eq!(hits, 3);
}

#[tokio::test]
async fn reads_give_up_after_three_attempts() {
    let (result, hits) = run(vec![Step::json(500, "{}")], list_orgs).await;
    assert_eq!(result, Err(ApiError::Server { status: 500 }));
    assert_eq!(hits, 3);
}

#[tokio::test]
async fn reads_retry_dropped_connections_and_rate_limits() {
    let (result, hits) = run(
        vec![Step::Drop, limited("0"), Step::json(200, "[]")],
        list_orgs,
    )
    .await;
    assert_eq!(result, Ok(()));
    assert_eq!(hits, 3);
}

#[tokio::test]
async fn reads_are_not_retried_on_client_errors_or_timeouts() {
    for status in [400, 401, 403, 404, 409] {
        let (result, hits) = run(vec![Step::json(status, "{}")], list_orgs).await;
        assert!(result.is_err());
        assert_eq!(hits, 1, "status {status}");
    }
    let (result, hits) = run_with(vec![Step::Hang], list_orgs, |config| {
        config.request_timeout = Duration::from_millis(200);
    })
    .await;
    assert_eq!(result.unwrap_err().code().as_str(), "timeout");
    assert_eq!(hits, 1);
}

#[tokio::test]
async fn retry_after_is_waited_for() {
    let started = Instant::now();
    let (result, hits) = run(vec![limited("1"), Step::json(200, "[]")], list_orgs).await;
    assert_eq!(result, Ok(()));
    assert_eq!(hits, 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn retry_after_beyond_the_cap_ends_the_retries() {
    let (result, hits) = run(vec![limited("30")], list_orgs).await;
    assert_eq!(
        result,
        Err(ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(30))
        })
    );
    assert_eq!(hits, 1);
}

/// Every call that creates something, with input that passes validation.
fn creating_calls() -> Vec<(&'static str, Call)> {
    vec![
        ("create_org", |c, s| {
            Box::pin(async move {
                let org = NewOrg {
                    name: "Acme".into(),
                    slug: None,
                };
                c.create_org(s, &org).await.map(drop)
            })
        }),
        ("create_project", |c, s| {
            Box::pin(async move {
                let project = NewProject {
                    name: "Web".into(),
                    ..NewProject::default()
                };
                c.create_project(s, "org_1", &project).await.map(drop)
            })
        }),
        ("create_token", |c, s| {
            Box::pin(async move {
                let token = NewToken {
                    name: "CI".into(),
                    scopes: vec!["kv:read".into()],
                    ..NewToken::default()
                };
                c.create_token(s, "org_1", &token).await.map(drop)
            })
        }),
        ("create_browser_token", |c, s| {
            Box::pin(async move {
                c.create_browser_token(s, &BrowserTokenRequest::default())
                    .await
                    .map(drop)
            })
        }),
        ("invite_member", |c, s| {
            Box::pin(async move {
                let invite = NewInvite {
                    email: "a@example.com".into(),
                    ..NewInvite::default()
                };
                c.invite_member(s, "org_1", &invite).await.map(drop)
            })
        }),
        ("sign_in_email", |c, _| {
            Box::pin(async move {
                c.sign_in_email("a@example.com", &Secret::new("password"), None)
                    .await
                    .map(drop)
            })
        }),
        ("sign_up_email", |c, _| {
            Box::pin(async move {
                c.sign_up_email("A", "a@example.com", &Secret::new("password-1"))
                    .await
                    .map(drop)
            })
        }),
    ]
}

#[tokio::test]
async fn creates_are_sent_exactly_once_whatever_the_failure() {
    for (name, call) in creating_calls() {
        for failure in [
            limited("0"),
            unavailable(),
            Step::json(500, "{}"),
            Step::text(502, "Bad Gateway"),
            Step::Drop,
        ] {
            let label = format!("{name} after {failure:?}");
            let (result, hits) = run(vec![failure, Step::json(201, ORG)], call).await;
            assert!(result.is_err(), "{label}");
            assert_eq!(hits, 1, "{label}");
        }
        let (result, hits) = run_with(vec![Step::Hang], call, |config| {
            config.request_timeout = Duration::from_millis(150);
        })
        .await;
        assert_eq!(result.unwrap_err().code().as_str(), "timeout", "{name}");
        assert_eq!(hits, 1, "{name} after a timeout");
    }
}

/// Every call that changes or removes something.
fn changing_calls() -> Vec<(&'static str, Call)> {
    vec![
        ("update_org", |c, s| {
            Box::pin(async move {
                let patch = OrgPatch {
                    name: Some("Acme 2".into()),
                    slug: None,
                };
                c.update_org(s, "org_1", &patch).await.map(drop)
            })
        }),
        ("delete_org", |c, s| {
            Box::pin(async move { c.delete_org(s, "org_1", "Acme", Some("Acme")).await })
        }),
        ("update_member_scopes", |c, s| {
            Box::pin(async move {
                c.update_member_scopes(s, "org_1", "u_1", &["kv:read".into()])
                    .await
                    .map(drop)
            })
        }),
        ("remove_member", |c, s| {
            Box::pin(async move { c.remove_member(s, "org_1", "u_1").await })
        }),
        ("delete_project", |c, s| {
            Box::pin(async move { c.delete_project(s, "org_1", "proj_1").await })
        }),
        ("revoke_token", |c, s| {
            Box::pin(async move { c.revoke_token(s, "org_1", "tok_1").await })
        }),
        ("sign_out", |c, s| {
            Box::pin(async move { c.sign_out(s).await })
        }),
    ]
}

#[tokio::test]
async fn changes_are_repeated_only_after_429_or_503() {
    for (name, call) in changing_calls() {
        for refusal in [limited("0"), unavailable()] {
            let label = format!("{name} after {refusal:?}");
            let (result, hits) = run(vec![refusal, Step::json(200, ORG)], call).await;
            assert_eq!(result, Ok(()), "{label}");
            assert_eq!(hits, 2, "{label}");
        }
        for failure in [
            Step::json(500, "{}"),
            Step::text(504, "Gateway Timeout"),
            Step::Drop,
        ] {
            let label = format!("{name} after {failure:?}");
            let (result, hits) = run(vec![failure, Step::json(200, ORG)], call).await;
            assert!(result.is_err(), "{label}");
            assert_eq!(hits, 1, "{label}");
        }
    }
}

//! Every failure kind over real HTTP: the sandbox's fault injection (429 with a wait,
//! 500, 503, latency past the timeout, dropped connections, malformed bodies), a
//! closed port, and client-side validation that never touches the network.

mod common;

use std::time::{Duration, Instant};

use common::{TestSandbox, closed_port_url, fast_config, scopes};
use saasignal_client::{
    ApiError, BrowserTokenRequest, ClientConfig, NewInvite, NewOrg, NewProject, NewToken, OrgPatch,
    PlatformClient, RetryPolicy,
};
use saasignal_sandbox::{FaultRule, Faults, RouteMatch};
use saasignal_secret::Secret;

const PROJECTS: &str = "/core/organizations/{org_id}/projects";
const TOKENS: &str = "/core/organizations/{org_id}/tokens";

fn fault(route: &str) -> FaultRule {
    FaultRule::new(RouteMatch::Pattern(route.to_owned()))
}

#[tokio::test]
async fn rate_limit_wait_longer_than_the_cap_is_reported_at_once() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    sandbox.set_faults(Faults::single(fault(PROJECTS).status(429, Some(7))));
    let started = Instant::now();
    let error = sandbox
        .client
        .list_projects(&owner, &org.id)
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1), "no 7 s wait");
    assert_eq!(
        error,
        ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        }
    );
    assert_eq!(error.to_string(), "Too many requests. Try again in 7 s.");
}

#[tokio::test]
async fn server_errors_carry_their_status() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    for status in [500, 502, 503] {
        sandbox.set_faults(Faults::single(fault(PROJECTS).status(status, None)));
        let error = sandbox
            .client
            .list_projects(&owner, &org.id)
            .await
            .unwrap_err();
        assert_eq!(error, ApiError::Server { status });
        assert_eq!(error.code(), "server");
    }
}

#[tokio::test]
async fn unavailable_create_makes_nothing() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let before = sandbox.client.list_orgs(&owner).await.expect("orgs").len();
    sandbox.set_faults(Faults::single(
        FaultRule::new(RouteMatch::Prefix("/core/organizations".into())).status(503, Some(0)),
    ));
    let org = NewOrg {
        name: "Retry Me".into(),
        slug: None,
    };
    let error = sandbox.client.create_org(&owner, &org).await.unwrap_err();
    assert_eq!(error, ApiError::Server { status: 503 });
    sandbox.set_faults(Faults::none());
    assert_eq!(
        sandbox.client.list_orgs(&owner).await.expect("orgs").len(),
        before
    );
}

#[tokio::test]
async fn latency_past_the_request_timeout_is_a_timeout() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    let impatient =
        sandbox.client_with(|config| config.request_timeout = Duration::from_millis(300));
    sandbox.set_faults(Faults::single(
        fault(PROJECTS).latency(Duration::from_millis(1500)),
    ));
    let started = Instant::now();
    let error = impatient.list_projects(&owner, &org.id).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(1200),
        "timeouts are not retried"
    );
    assert_eq!(error.code(), "timeout");
    assert!(
        error.to_string().contains("did not answer within"),
        "{error}"
    );
}

#[tokio::test]
async fn dropped_connections_say_whether_a_change_may_have_happened() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    sandbox.set_faults(Faults::single(
        FaultRule::new(RouteMatch::Prefix("/core/".into())).drop_connection(),
    ));
    let read = sandbox
        .client
        .list_projects(&owner, &org.id)
        .await
        .unwrap_err();
    assert_eq!(read.code(), "connection_lost");
    assert!(matches!(
        read,
        ApiError::ConnectionLost {
            request_may_have_run: false,
            ..
        }
    ));
    let project = NewProject {
        name: "Maybe".into(),
        ..NewProject::default()
    };
    let create = sandbox
        .client
        .create_project(&owner, &org.id, &project)
        .await
        .unwrap_err();
    assert!(matches!(
        create,
        ApiError::ConnectionLost {
            request_may_have_run: true,
            ..
        }
    ));
    assert!(create.to_string().contains("refresh"), "{create}");
}

#[tokio::test]
async fn malformed_bodies_name_the_endpoint() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    sandbox.set_faults(Faults::single(fault(PROJECTS).malformed_body()));
    let error = sandbox
        .client
        .list_projects(&owner, &org.id)
        .await
        .unwrap_err();
    let ApiError::Undecodable {
        endpoint, detail, ..
    } = &error
    else {
        panic!("expected undecodable, got {error:?}");
    };
    assert_eq!(
        endpoint,
        &format!("GET /core/organizations/{}/projects", org.id)
    );
    assert!(detail.is_some(), "a harmless body's detail is kept");
    assert!(error.to_string().contains(endpoint.as_str()));
}

#[tokio::test]
async fn malformed_secret_bearing_bodies_keep_no_detail() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    sandbox.set_faults(Faults::single(fault(TOKENS).malformed_body()));
    let new = NewToken {
        name: "x".into(),
        scopes: scopes(&["kv:read"]),
        ..NewToken::default()
    };
    let error = sandbox
        .client
        .create_token(&owner, &org.id, &new)
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ApiError::Undecodable {
            endpoint: format!("POST /core/organizations/{}/tokens", org.id),
            detail: None,
            request_may_have_run: true,
        }
    );
}

#[tokio::test]
async fn closed_port_is_offline() {
    let url = closed_port_url();
    let client = PlatformClient::new(fast_config(&url)).expect("client");
    let error = client.list_orgs(&Secret::new("any")).await.unwrap_err();
    let host = url.trim_start_matches("http://").to_owned();
    assert_eq!(error, ApiError::Offline { host: host.clone() });
    assert_eq!(
        error.to_string(),
        format!("Can't reach {host}. Check your connection or the server address.")
    );
}

#[tokio::test]
async fn base_url_rules_apply_before_any_request() {
    let insecure = PlatformClient::new(fast_config("http://api.example.com")).unwrap_err();
    assert_eq!(insecure.code(), "insecure_base_url");
    let invalid = PlatformClient::new(fast_config("api.example.com")).unwrap_err();
    assert_eq!(invalid.code(), "invalid_base_url");
    let local = PlatformClient::new(fast_config("http://localhost:4000/")).expect("loopback http");
    assert_eq!(local.base_url().as_str(), "http://localhost:4000");
}

/// Each of these fails validation; the client points at a closed port, so any
/// request that did go out would come back `offline` instead.
#[tokio::test]
async fn invalid_input_is_refused_before_sending() {
    let config = ClientConfig {
        retry: RetryPolicy::NEVER,
        ..fast_config(&closed_port_url())
    };
    let client = PlatformClient::new(config).expect("client");
    let credential = Secret::new("session");
    let valid_org = "org_1";
    let cases: Vec<(&str, Result<(), ApiError>)> = vec![
        (
            "name",
            client
                .create_org(
                    &credential,
                    &NewOrg {
                        name: " ".into(),
                        slug: None,
                    },
                )
                .await
                .map(drop),
        ),
        (
            "slug",
            client
                .create_org(
                    &credential,
                    &NewOrg {
                        name: "Acme".into(),
                        slug: Some("Not A Slug".into()),
                    },
                )
                .await
                .map(drop),
        ),
        (
            "slug",
            client
                .update_org(
                    &credential,
                    valid_org,
                    &OrgPatch {
                        name: None,
                        slug: Some("".into()),
                    },
                )
                .await
                .map(drop),
        ),
        ("org_id", client.get_org(&credential, "").await.map(drop)),
        (
            "confirm_name",
            client
                .delete_org(&credential, valid_org, "acme", Some("Acme"))
                .await,
        ),
        (
            "confirm_name",
            client.delete_org(&credential, valid_org, "", None).await,
        ),
        (
            "region",
            client
                .create_project(
                    &credential,
                    valid_org,
                    &NewProject {
                        name: "Web".into(),
                        description: None,
                        region: Some("mars".into()),
                    },
                )
                .await
                .map(drop),
        ),
        (
            "name",
            client
                .create_token(
                    &credential,
                    valid_org,
                    &NewToken {
                        name: "".into(),
                        scopes: scopes(&["kv:read"]),
                        ..NewToken::default()
                    },
                )
                .await
                .map(drop),
        ),
        (
            "scopes",
            client
                .create_token(
                    &credential,
                    valid_org,
                    &NewToken {
                        name: "CI".into(),
                        scopes: scopes(&["kv"]),
                        ..NewToken::default()
                    },
                )
                .await
                .map(drop),
        ),
        (
            "expires_at",
            client
                .create_token(
                    &credential,
                    valid_org,
                    &NewToken {
                        name: "CI".into(),
                        scopes: scopes(&["kv:read"]),
                        expires_at: Some("2023-02-29T00:00:00Z".into()),
                        ..NewToken::default()
                    },
                )
                .await
                .map(drop),
        ),
        (
            "email",
            client
                .invite_member(
                    &credential,
                    valid_org,
                    &NewInvite {
                        email: ".lead@example.com".into(),
                        ..NewInvite::default()
                    },
                )
                .await
                .map(drop),
        ),
        (
            "scopes",
            client
                .invite_member(
                    &credential,
                    valid_org,
                    &NewInvite {
                        email: "ok@example.com".into(),
                        scopes: scopes(&["Orgs:Read"]),
                        project_id: None,
                    },
                )
                .await
                .map(drop),
        ),
        (
            "scopes",
            client
                .update_member_scopes(&credential, valid_org, "u_1", &scopes(&["*:read"]))
                .await
                .map(drop),
        ),
        (
            "user_id",
            client.remove_member(&credential, valid_org, "..").await,
        ),
        (
            "ttl",
            client
                .create_browser_token(
                    &credential,
                    &BrowserTokenRequest {
                        scopes: None,
                        ttl: Some(1801),
                    },
                )
                .await
                .map(drop),
        ),
        (
            "scopes",
            client
                .create_browser_token(
                    &credential,
                    &BrowserTokenRequest {
                        scopes: Some(scopes(&["kv:"])),
                        ttl: None,
                    },
                )
                .await
                .map(drop),
        ),
        (
            "email",
            client
                .sign_in_email("not-an-email", &Secret::new("pw"), None)
                .await
                .map(drop),
        ),
        (
            "password",
            client
                .sign_in_email("a@example.com", &Secret::new(""), None)
                .await
                .map(drop),
        ),
        (
            "password",
            client
                .sign_up_email("Ann", "ann@example.com", &Secret::new("short"))
                .await
                .map(drop),
        ),
    ];
    for (index, (field, result)) in cases.into_iter().enumerate() {
        let error = result.expect_err("invalid input must fail");
        assert_eq!(error.code(), "validation", "case {index}: {error:?}");
        assert_eq!(error.field(), Some(field), "case {index}: {error:?}");
    }
    // The same client does reach for the network when the input is valid.
    let sent = client.get_org(&credential, valid_org).await.unwrap_err();
    assert_eq!(sent.code(), "offline");
}

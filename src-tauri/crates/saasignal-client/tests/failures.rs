//! Every failure kind over real HTTP, as two tables: the sandbox's fault injection (429
//! with a wait, 5xx, latency past the timeout, dropped connections, malformed bodies)
//! against the error each must become, and client-side validation that never touches
//! the network. Plus a closed port and the base-URL rules.

mod common;

use std::time::{Duration, Instant};

use common::{TestSandbox, closed_port_url, fast_config, scopes};
use saasignal_client::{ApiError, ClientConfig, PlatformClient, RetryPolicy};
use saasignal_model::Org;
use saasignal_sandbox::{FaultRule, Faults, RouteMatch};
use saasignal_secret::Secret;
use serde::de::DeserializeOwned;
use serde_json::json;

const PROJECTS: &str = "/core/organizations/{org_id}/projects";
const TOKENS: &str = "/core/organizations/{org_id}/tokens";

fn on(route: &str) -> FaultRule {
    FaultRule::new(RouteMatch::Pattern(route.to_owned()))
}

/// A request as the UI would send it (the request types read camelCase JSON).
fn request<T: DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("a request the types accept")
}

/// Which call a fault row makes.
#[derive(Clone, Copy, Debug)]
enum Call {
    ListProjects,
    CreateProject,
    CreateToken,
}

impl Call {
    async fn run(self, client: &PlatformClient, owner: &Secret, org: &Org) -> ApiError {
        let outcome = match self {
            Call::ListProjects => client.list_projects(owner, &org.id).await.map(drop),
            Call::CreateProject => client
                .create_project(owner, &org.id, &request(json!({"name": "Maybe"})))
                .await
                .map(drop),
            Call::CreateToken => client
                .create_token(
                    owner,
                    &org.id,
                    &request(json!({"name": "x", "scopes": ["kv:read"]})),
                )
                .await
                .map(drop),
        };
        outcome.expect_err("the fault must fail the call")
    }
}

struct FaultRow {
    fault: FaultRule,
    call: Call,
    /// A shorter request timeout than the client's default, for latency rows.
    timeout: Option<Duration>,
    /// The call must fail within this long (no retry, no waiting out a long wait).
    within: Duration,
    expect: fn(&ApiError, &Org) -> bool,
    /// A part of the message the person reads.
    says: &'static str,
}

fn fault_rows() -> Vec<FaultRow> {
    let quick = Duration::from_secs(1);
    let mut rows = vec![
        FaultRow {
            fault: on(PROJECTS).status(429, Some(7)),
            call: Call::ListProjects,
            timeout: None,
            within: quick,
            expect: |e, _| {
                *e == ApiError::RateLimited {
                    retry_after: Some(Duration::from_secs(7)),
                }
            },
            says: "Too many requests. Try again in 7 s.",
        },
        FaultRow {
            fault: on(PROJECTS).latency(Duration::from_millis(1500)),
            call: Call::ListProjects,
            timeout: Some(Duration::from_millis(300)),
            within: Duration::from_millis(1200),
            expect: |e, _| matches!(e, ApiError::Timeout { .. }),
            says: "did not answer within",
        },
        FaultRow {
            fault: FaultRule::new(RouteMatch::Prefix("/core/".into())).drop_connection(),
            call: Call::ListProjects,
            timeout: None,
            within: Duration::from_secs(5),
            expect: |e, _| {
                matches!(
                    e,
                    ApiError::ConnectionLost {
                        request_may_have_run: false,
                        ..
                    }
                )
            },
            says: "",
        },
        FaultRow {
            fault: FaultRule::new(RouteMatch::Prefix("/core/".into())).drop_connection(),
            call: Call::CreateProject,
            timeout: None,
            within: Duration::from_secs(5),
            expect: |e, _| {
                matches!(
                    e,
                    ApiError::ConnectionLost {
                        request_may_have_run: true,
                        ..
                    }
                )
            },
            says: "refresh",
        },
        FaultRow {
            fault: on(PROJECTS).malformed_body(),
            call: Call::ListProjects,
            timeout: None,
            within: quick,
            // A harmless body's detail is kept, and the endpoint is named.
            expect: |e, org| {
                matches!(e, ApiError::Undecodable { endpoint, detail: Some(_), .. }
                    if *endpoint == format!("GET /core/organizations/{}/projects", org.id))
            },
            says: "GET /core/organizations/",
        },
        FaultRow {
            fault: on(TOKENS).malformed_body(),
            call: Call::CreateToken,
            timeout: None,
            within: quick,
            // An answer that held a secret keeps nothing of itself.
            expect: |e, org| {
                *e == ApiError::Undecodable {
                    endpoint: format!("POST /core/organizations/{}/tokens", org.id),
                    detail: None,
                    request_may_have_run: true,
                }
            },
            says: "",
        },
    ];
    for status in [500, 502, 503] {
        rows.push(FaultRow {
            fault: on(PROJECTS).status(status, None),
            call: Call::ListProjects,
            timeout: None,
            within: Duration::from_secs(5),
            expect: |e, _| {
                matches!(
                    e,
                    ApiError::Server {
                        status: 500 | 502 | 503
                    }
                )
            },
            says: "",
        });
    }
    rows
}

#[tokio::test]
async fn each_fault_becomes_its_error() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    let rows = fault_rows();
    for (index, row) in rows.iter().enumerate() {
        let client = match row.timeout {
            Some(timeout) => sandbox.client_with(|config| config.request_timeout = timeout),
            None => sandbox.client.clone(),
        };
        sandbox.set_faults(Faults::single(row.fault.clone()));
        let started = Instant::now();
        let error = row.call.run(&client, &owner, &org).await;
        let took = started.elapsed();
        assert!(
            (row.expect)(&error, &org),
            "row {index} ({:?}): {error:?}",
            row.call
        );
        assert!(took < row.within, "row {index}: took {took:?}");
        assert!(error.to_string().contains(row.says), "row {index}: {error}");
    }
    eprintln!("{} fault rows", rows.len());
}

#[tokio::test]
async fn an_unavailable_create_makes_nothing() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let before = sandbox.client.list_orgs(&owner).await.expect("orgs").len();
    sandbox.set_faults(Faults::single(
        FaultRule::new(RouteMatch::Prefix("/core/organizations".into())).status(503, Some(0)),
    ));
    let error = sandbox
        .client
        .create_org(&owner, &request(json!({"name": "Retry Me"})))
        .await
        .unwrap_err();
    assert_eq!(error, ApiError::Server { status: 503 });
    sandbox.set_faults(Faults::none());
    assert_eq!(
        sandbox.client.list_orgs(&owner).await.expect("orgs").len(),
        before
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
    assert_eq!(insecure.code().as_str(), "insecure_base_url");
    let invalid = PlatformClient::new(fast_config("api.example.com")).unwrap_err();
    assert_eq!(invalid.code().as_str(), "invalid_base_url");
    let local = PlatformClient::new(fast_config("http://localhost:4000/")).expect("loopback http");
    assert_eq!(local.base_url().as_str(), "http://localhost:4000");
}

/// Each row fails validation at the field it names; the client points at a closed
/// port, so any request that did go out would come back `offline` instead.
#[tokio::test]
async fn invalid_input_is_refused_before_sending() {
    let config = ClientConfig {
        retry: RetryPolicy::NEVER,
        ..fast_config(&closed_port_url())
    };
    let client = PlatformClient::new(config).expect("client");
    let c = &Secret::new("session");
    let org = "org_1";
    let cases: Vec<(&str, Result<(), ApiError>)> = vec![
        ("name", client.create_org(c, &request(json!({"name": " "}))).await.map(drop)),
        (
            "slug",
            client
                .create_org(c, &request(json!({"name": "Acme", "slug": "Not A Slug"})))
                .await
                .map(drop),
        ),
        (
            "slug",
            client
                .update_org(c, org, &request(json!({"slug": ""})))
                .await
                .map(drop),
        ),
        ("org_id", client.get_org(c, "").await.map(drop)),
        ("confirm_name", client.delete_org(c, org, "acme", Some("Acme")).await),
        ("confirm_name", client.delete_org(c, org, "", None).await),
        (
            "region",
            client
                .create_project(c, org, &request(json!({"name": "Web", "region": "mars"})))
                .await
                .map(drop),
        ),
        (
            "name",
            client
                .create_token(c, org, &request(json!({"name": "", "scopes": ["kv:read"]})))
                .await
                .map(drop),
        ),
        (
            "scopes",
            client
                .create_token(c, org, &request(json!({"name": "CI", "scopes": ["kv"]})))
                .await
                .map(drop),
        ),
        (
            "expires_at",
            client
                .create_token(
                    c,
                    org,
                    &request(json!({"name": "CI", "scopes": ["kv:read"], "expiresAt": "2023-02-29T00:00:00Z"})),
                )
                .await
                .map(drop),
        ),
        (
            "email",
            client
                .invite_member(c, org, &request(json!({"email": ".lead@example.com", "scopes": []})))
                .await
                .map(drop),
        ),
        (
            "scopes",
            client
                .invite_member(c, org, &request(json!({"email": "ok@example.com", "scopes": ["Orgs:Read"]})))
                .await
                .map(drop),
        ),
        (
            "scopes",
            client
                .update_member_scopes(c, org, "u_1", &scopes(&["*:read"]))
                .await
                .map(drop),
        ),
        ("user_id", client.remove_member(c, org, "..").await),
        (
            "ttl",
            client
                .create_browser_token(c, &request(json!({"ttl": 1801})))
                .await
                .map(drop),
        ),
        (
            "scopes",
            client
                .create_browser_token(c, &request(json!({"scopes": ["kv:"]})))
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
        assert_eq!(
            (error.code().as_str(), error.field()),
            ("validation", Some(field)),
            "case {index}: {error:?}"
        );
    }
    // The same client does reach for the network when the input is valid.
    let sent = client.get_org(c, org).await.unwrap_err();
    assert_eq!(sent.code().as_str(), "offline");
}

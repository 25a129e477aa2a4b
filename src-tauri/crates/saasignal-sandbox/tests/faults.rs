//! Fault injection: latency, forced statuses, dropped connections, malformed bodies,
//! set at start and changed at run time.

mod common;

use std::time::{Duration, Instant};

use common::{TestServer, config};
use saasignal_sandbox::{FaultRule, Faults, RouteMatch, SandboxConfig};
use serde_json::json;

#[tokio::test]
async fn latency_applies_to_matching_routes_only() {
    const LATENCY: Duration = Duration::from_millis(400);
    let rule = FaultRule::new(RouteMatch::parse("/core/")).latency(LATENCY);
    let server = TestServer::start_with(SandboxConfig {
        faults: Faults::single(rule),
        ..config()
    })
    .await;
    let user = server.sign_up().await;

    let started = Instant::now();
    server
        .get("/core/organizations", &user.token)
        .await
        .expect(200);
    assert!(started.elapsed() >= LATENCY);

    let started = Instant::now();
    server.get("/livez", "").await.expect(200);
    assert!(
        started.elapsed() < LATENCY,
        "unmatched routes are not delayed"
    );
}

#[tokio::test]
async fn forced_statuses_and_recovery() {
    let server = TestServer::start().await;
    let user = server.sign_up().await;
    let orgs = RouteMatch::parse("/core/organizations");

    server.handle.set_faults(Faults::single(
        FaultRule::new(orgs.clone()).status(429, Some(7)),
    ));
    let limited = server.get("/core/organizations", &user.token).await;
    limited.expect(429);
    assert_eq!(limited.header("retry-after").as_deref(), Some("7"));
    assert_eq!(limited.header("x-retry-after").as_deref(), Some("7"));
    assert_eq!(limited.json()["success"], json!(false));

    server.handle.set_faults(Faults::single(
        FaultRule::new(orgs.clone()).status(429, None),
    ));
    assert_eq!(
        server
            .get("/core/organizations", &user.token)
            .await
            .header("retry-after")
            .as_deref(),
        Some("1")
    );

    for status in [500, 503] {
        server.handle.set_faults(Faults::single(
            FaultRule::new(orgs.clone()).status(status, None),
        ));
        let reply = server.get("/core/organizations", &user.token).await;
        reply.expect(status);
        reply.error();
    }
    server.get("/healthz", "").await.expect(200);

    server.handle.set_faults(Faults::none());
    server
        .get("/core/organizations", &user.token)
        .await
        .expect(200);
}

#[tokio::test]
async fn pattern_routes_match_one_endpoint() {
    let (server, user, org) = TestServer::with_org("Faulty").await;
    let rule = FaultRule::new(RouteMatch::parse("/core/organizations/{org_id}/projects"))
        .status(503, None);
    server.handle.set_faults(Faults::single(rule));
    server
        .get(&format!("/core/organizations/{org}/projects"), &user.token)
        .await
        .expect(503);
    server
        .get(&format!("/core/organizations/{org}/tokens"), &user.token)
        .await
        .expect(200);
}

#[tokio::test]
async fn dropped_connection_sends_nothing() {
    let server = TestServer::start().await;
    let user = server.sign_up().await;
    server.handle.set_faults(Faults::single(
        FaultRule::new(RouteMatch::parse("/core/")).drop_connection(),
    ));
    let outcome = server
        .client
        .get(server.url("/core/organizations"))
        .bearer_auth(&user.token)
        .send()
        .await;
    let error = outcome.expect_err("no response expected");
    assert!(!error.is_status(), "{error}");

    server.handle.set_faults(Faults::none());
    server
        .get("/core/organizations", &user.token)
        .await
        .expect(200);
}

#[tokio::test]
async fn malformed_body_is_invalid_json() {
    let server = TestServer::start().await;
    let user = server.sign_up().await;
    server.handle.set_faults(Faults::single(
        FaultRule::new(RouteMatch::Any).malformed_body(),
    ));
    let reply = server.get("/core/organizations", &user.token).await;
    reply.expect(200);
    assert_eq!(
        reply.header("content-type").as_deref(),
        Some("application/json")
    );
    assert!(serde_json::from_str::<serde_json::Value>(&reply.text).is_err());
}

#[tokio::test]
async fn health_probes() {
    let server = TestServer::start().await;
    let health = server.get("/healthz", "").await;
    health.expect(200);
    let body = health.json();
    assert_eq!(body["status"], json!("ok"));
    assert_eq!(body["version"], json!(env!("CARGO_PKG_VERSION")));
    assert!(body["uptime"].is_number());
    assert_eq!(body["checks"], json!({ "database": "ok" }));
    assert_eq!(
        server.get("/livez", "").await.json(),
        json!({ "status": "ok" })
    );
    let ready = server.get("/readyz", "").await.json();
    assert_eq!(ready["status"], json!("ok"));
    assert_eq!(ready["checks"]["database"], json!("ok"));
}

#[tokio::test]
async fn a_dropped_answer_still_makes_the_change() {
    let server = TestServer::start().await;
    let user = server.sign_up().await;
    server.handle.set_faults(Faults::single(
        FaultRule::new(RouteMatch::parse("/core/organizations")).drop_answer(),
    ));
    let outcome = server
        .client
        .post(server.url("/core/organizations"))
        .bearer_auth(&user.token)
        .json(&json!({ "name": "Made in the dark" }))
        .send()
        .await;
    assert!(outcome.is_err(), "no answer expected");

    server.handle.set_faults(Faults::none());
    let orgs = server.get("/core/organizations", &user.token).await.json();
    let names: Vec<_> = orgs["data"]
        .as_array()
        .expect("list")
        .iter()
        .map(|org| org["name"].clone())
        .collect();
    assert_eq!(names, [json!("Made in the dark")]);
}

#[tokio::test]
async fn a_truncated_answer_is_the_first_half_of_the_real_one() {
    let server = TestServer::start().await;
    let user = server.sign_up().await;
    server.create_org(&user.token, "Cut short").await;
    let whole = server
        .get("/core/organizations", &user.token)
        .await
        .text
        .clone();
    server.handle.set_faults(Faults::single(
        FaultRule::new(RouteMatch::Any).truncated_answer(),
    ));
    let reply = server.get("/core/organizations", &user.token).await;
    reply.expect(200);
    assert_eq!(reply.text, whole[..whole.len() / 2]);
    assert!(serde_json::from_str::<serde_json::Value>(&reply.text).is_err());
}

#[tokio::test]
async fn a_huge_body_is_streamed_without_a_length() {
    let server = TestServer::start().await;
    server.handle.set_faults(Faults::single(
        FaultRule::new(RouteMatch::Any).huge_body(3 * 1024 * 1024),
    ));
    let response = server
        .client
        .get(server.url("/healthz"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
    assert_eq!(response.content_length(), None);
    let body = response.bytes().await.expect("body");
    assert!(body.len() as u64 >= 3 * 1024 * 1024);
    assert_eq!(body[0], b'[');
}

#[tokio::test]
async fn answer_latency_delays_the_answer_not_the_change() {
    let server = TestServer::start().await;
    let user = server.sign_up().await;
    server.handle.set_faults(Faults::single(
        FaultRule::new(RouteMatch::parse("/core/organizations"))
            .answer_latency(Duration::from_millis(800)),
    ));
    let started = Instant::now();
    let create = {
        let client = server.client.clone();
        let url = server.url("/core/organizations");
        let token = user.token.clone();
        tokio::spawn(async move {
            client
                .post(url)
                .bearer_auth(token)
                .json(&json!({ "name": "Early bird" }))
                .send()
                .await
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.handle.set_faults(Faults::none());
    let listed = server.get("/core/organizations", &user.token).await.json();
    assert_eq!(
        listed["data"][0]["name"],
        json!("Early bird"),
        "made before the answer"
    );
    create
        .await
        .expect("joined")
        .expect("answered")
        .error_for_status()
        .expect("201");
    assert!(started.elapsed() >= Duration::from_millis(800));
}

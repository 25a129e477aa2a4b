//! Usage and billing: the seven endpoints' shapes (as the reference has them), the
//! synthetic usage's invariants, who may read and switch, and fault injection.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{TestServer, config};
use saasignal_contract::billing::{CYCLE_DAYS, PRIMITIVES};
use saasignal_sandbox::seed::{DEMO_MAINTAINER, DEMO_OWNER, DEMO_READER, DEMO_USAGE_SHARE};
use saasignal_sandbox::{FaultRule, Faults, RouteMatch, SandboxConfig};
use serde_json::{Value, json};

/// The demo sandbox, signed in as `who`: (server, session token, Acme's id).
async fn demo_as(email: &str, password: &str) -> (TestServer, String, String) {
    let server = TestServer::start_with(SandboxConfig {
        seed_demo: true,
        ..config()
    })
    .await;
    let token = signed_in(&server, email, password).await;
    let orgs = server.get("/core/organizations", &token).await.json();
    let org = orgs["data"][0]["id"].as_str().unwrap().to_owned();
    (server, token, org)
}

async fn signed_in(server: &TestServer, email: &str, password: &str) -> String {
    let reply = server.sign_in(email, password).await;
    reply.expect(200);
    reply.json()["token"].as_str().unwrap().to_owned()
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn number(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {value}"))
}

fn assert_package(package: &Value) {
    assert_eq!(
        keys(package),
        [
            "currency",
            "description",
            "id",
            "name",
            "price_monthly",
            "rate_limits",
            "tokens_monthly"
        ]
    );
    assert_eq!(
        keys(&package["rate_limits"]),
        ["max_channel_subscriptions", "requests_per_second"]
    );
    number(&package["price_monthly"]);
    number(&package["tokens_monthly"]);
}

#[tokio::test]
async fn the_seven_endpoints_answer_the_reference_shapes() {
    let (server, token, org) = demo_as(DEMO_OWNER.email, DEMO_OWNER.password).await;

    let packages = server.get("/core/billing/packages", &token).await.json();
    assert!(packages.as_array().unwrap().len() >= 3);
    packages.as_array().unwrap().iter().for_each(assert_package);

    let bundles = server
        .get("/core/tokens/topup-bundles", &token)
        .await
        .json();
    for bundle in bundles.as_array().unwrap() {
        assert_eq!(keys(bundle), ["id", "price", "rate_per_token", "tokens"]);
        let rate = number(&bundle["price"]) / number(&bundle["tokens"]);
        assert!((number(&bundle["rate_per_token"]) - rate).abs() < 1e-12);
    }

    let balance = server
        .get(&format!("/core/tokens/balance?org_id={org}"), &token)
        .await
        .json();
    assert_eq!(
        keys(&balance),
        [
            "included_tokens_remaining",
            "org_id",
            "topup_tokens_balance",
            "total_balance"
        ]
    );
    assert_eq!(balance["org_id"], json!(org));

    let usage = server
        .get(&format!("/core/tokens/usage?org_id={org}"), &token)
        .await
        .json();
    assert_eq!(keys(&usage), ["granularity", "org_id", "series"]);
    assert_eq!(usage["granularity"], json!("day"));
    assert_eq!(usage["series"].as_array().unwrap().len(), 30);
    assert_eq!(
        keys(&usage["series"][0]),
        ["by_primitive", "period_start", "total"]
    );

    let subscription = server
        .get(&format!("/core/billing/{org}/subscription"), &token)
        .await
        .json();
    assert_eq!(
        keys(&subscription),
        [
            "createdAt",
            "orgId",
            "package",
            "packageId",
            "stripeCustomerId",
            "stripeSubscriptionId"
        ]
    );
    assert_eq!(subscription["packageId"], json!("pro"));
    assert_package(&subscription["package"]);

    let dashboard = server
        .get(&format!("/core/billing/{org}/usage"), &token)
        .await
        .json();
    assert_eq!(
        keys(&dashboard),
        [
            "billing_cycle_end",
            "channel_subscriptions_limit",
            "included_tokens_remaining",
            "included_tokens_total",
            "plan",
            "rate_limit_per_second",
            "tokens_used_this_cycle",
            "topup_tokens_balance",
            "total_tokens_available",
            "usage_breakdown",
            "usage_percent",
        ]
    );
    let mut breakdown = keys(&dashboard["usage_breakdown"]);
    let mut expected = PRIMITIVES.to_vec();
    expected.sort_unstable();
    breakdown.sort_unstable();
    assert_eq!(breakdown, expected);
}

#[tokio::test]
async fn usage_adds_up_and_matches_the_dashboard_and_balance() {
    let (server, token, org) = demo_as(DEMO_OWNER.email, DEMO_OWNER.password).await;
    let usage = server
        .get(&format!("/core/tokens/usage?org_id={org}&days=90"), &token)
        .await
        .json();
    let series = usage["series"].as_array().unwrap();
    assert_eq!(series.len(), 90);
    for period in series {
        let parts: f64 = period["by_primitive"]
            .as_object()
            .unwrap()
            .values()
            .map(number)
            .sum();
        assert_eq!(parts, number(&period["total"]), "{period}");
    }
    let days: Vec<DateTime<Utc>> = series
        .iter()
        .map(|period| period["period_start"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(
        days.windows(2)
            .all(|pair| pair[1] - pair[0] == Duration::days(1))
    );
    assert_eq!(days[89].date_naive(), Utc::now().date_naive());

    let dashboard = server
        .get(&format!("/core/billing/{org}/usage"), &token)
        .await
        .json();
    let cycle_end: DateTime<Utc> = dashboard["billing_cycle_end"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let cycle_start = cycle_end - Duration::days(CYCLE_DAYS);
    for primitive in PRIMITIVES {
        let in_cycle: f64 = series
            .iter()
            .zip(&days)
            .filter(|(_, day)| **day >= cycle_start)
            .map(|(period, _)| number(&period["by_primitive"][primitive]))
            .sum();
        assert_eq!(
            in_cycle,
            number(&dashboard["usage_breakdown"][primitive]),
            "{primitive}"
        );
    }
    let used: f64 = dashboard["usage_breakdown"]
        .as_object()
        .unwrap()
        .values()
        .map(number)
        .sum();
    assert_eq!(used, number(&dashboard["tokens_used_this_cycle"]));
    let included = number(&dashboard["included_tokens_total"]);
    assert_eq!(
        number(&dashboard["included_tokens_remaining"]),
        (included - used).max(0.0)
    );
    let percent = number(&dashboard["usage_percent"]);
    assert!(
        (percent - used * 100.0 / included).abs() < 0.01,
        "{percent}"
    );
    // The demo org is past the warning, short of the alarm.
    assert!((80.0..95.0).contains(&percent), "{percent}");
    assert!(
        (percent / 100.0 - DEMO_USAGE_SHARE).abs() < 0.02,
        "{percent}"
    );

    let balance = server
        .get(&format!("/core/tokens/balance?org_id={org}"), &token)
        .await
        .json();
    for (left, right) in [
        ("included_tokens_remaining", "included_tokens_remaining"),
        ("topup_tokens_balance", "topup_tokens_balance"),
        ("total_balance", "total_tokens_available"),
    ] {
        assert_eq!(balance[left], dashboard[right], "{left}");
    }
    assert_eq!(
        number(&balance["total_balance"]),
        number(&balance["included_tokens_remaining"]) + number(&balance["topup_tokens_balance"])
    );

    // The same every time it is asked.
    let again = server
        .get(&format!("/core/tokens/usage?org_id={org}&days=90"), &token)
        .await
        .json();
    assert_eq!(again, usage);
    let week = server
        .get(&format!("/core/tokens/usage?org_id={org}&days=7"), &token)
        .await
        .json();
    assert_eq!(week["series"].as_array().unwrap()[..], series[83..]);
}

#[tokio::test]
async fn the_free_plan_switch_changes_the_subscription_and_limits() {
    let (server, token, org) = demo_as(DEMO_OWNER.email, DEMO_OWNER.password).await;
    let path = format!("/core/billing/{org}/free-plan");
    let switched = server.post(&path, &token, json!({})).await;
    switched.expect(200);
    let subscription = switched.json();
    assert_eq!(subscription["packageId"], json!("free"));
    assert_eq!(subscription["stripeSubscriptionId"], Value::Null);
    assert_package(&subscription["package"]);
    assert_eq!(
        server
            .get(&format!("/core/billing/{org}/subscription"), &token)
            .await
            .json(),
        subscription
    );
    let dashboard = server
        .get(&format!("/core/billing/{org}/usage"), &token)
        .await
        .json();
    assert_eq!(dashboard["plan"], json!("free"));
    assert_eq!(
        dashboard["included_tokens_total"],
        subscription["package"]["tokens_monthly"]
    );
    assert_eq!(
        dashboard["rate_limit_per_second"],
        subscription["package"]["rate_limits"]["requests_per_second"]
    );
    // Again: already free, unchanged.
    let again = server.post(&path, &token, json!({})).await;
    again.expect(200);
    assert_eq!(again.json()["createdAt"], subscription["createdAt"]);
}

#[tokio::test]
async fn reads_need_billing_read_and_the_switch_needs_the_wildcard() {
    let (server, reader, org) = demo_as(DEMO_READER.email, DEMO_READER.password).await;
    server
        .get(&format!("/core/billing/{org}/usage"), &reader)
        .await
        .expect(200);
    let refused = server
        .post(
            &format!("/core/billing/{org}/free-plan"),
            &reader,
            json!({}),
        )
        .await;
    refused.expect(403);
    assert!(
        refused.error().contains("insufficient_scope"),
        "{}",
        refused.error()
    );

    let maintainer = signed_in(&server, DEMO_MAINTAINER.email, DEMO_MAINTAINER.password).await;
    for path in [
        format!("/core/billing/{org}/usage"),
        format!("/core/billing/{org}/subscription"),
        format!("/core/tokens/usage?org_id={org}"),
        format!("/core/tokens/balance?org_id={org}"),
    ] {
        let reply = server.get(&path, &maintainer).await;
        reply.expect(403);
        assert!(
            reply.error().contains("billing:read"),
            "{path}: {}",
            reply.error()
        );
    }
    // A session has no org of its own: the token endpoints need ?org_id=.
    let unnamed = server.get("/core/tokens/balance", &reader).await;
    unnamed.expect(400);
    assert!(
        unnamed.error().starts_with("org_id:"),
        "{}",
        unnamed.error()
    );
    for days in ["0", "91", "x", "7.5"] {
        server
            .get(
                &format!("/core/tokens/usage?org_id={org}&days={days}"),
                &reader,
            )
            .await
            .expect(400);
    }
}

#[tokio::test]
async fn keys_speak_for_their_own_org() {
    let server = TestServer::start().await;
    let (_, org, key) = server.owner_with_key(&["billing:read"]).await;
    let balance = server.get("/core/tokens/balance", &key).await;
    balance.expect(200);
    assert_eq!(balance.json()["org_id"], json!(org));
    server.get("/core/billing/packages", &key).await.expect(200);
    server
        .post(&format!("/core/billing/{org}/free-plan"), &key, json!({}))
        .await
        .expect(403);

    let (_, other) = server.owner_and_org("Other").await;
    server
        .get(&format!("/core/tokens/balance?org_id={other}"), &key)
        .await
        .expect(404);
    server
        .get(&format!("/core/billing/{other}/usage"), &key)
        .await
        .expect(404);

    let (_, _, no_billing) = server.owner_with_key(&["projects:read"]).await;
    for path in [
        "/core/billing/packages",
        "/core/tokens/topup-bundles",
        "/core/tokens/usage",
    ] {
        server.get(path, &no_billing).await.expect(403);
    }
    server.get("/core/billing/packages", "").await.expect(401);
    // A new org starts on the free plan.
    let dashboard = server
        .get(&format!("/core/billing/{org}/usage"), &key)
        .await
        .json();
    assert_eq!(dashboard["plan"], json!("free"));
}

#[tokio::test]
async fn faults_reach_the_billing_routes() {
    let (server, token, org) = demo_as(DEMO_OWNER.email, DEMO_OWNER.password).await;
    server.handle.set_faults(Faults::single(
        FaultRule::new(RouteMatch::parse("/core/billing/{org_id}/usage")).status(503, None),
    ));
    server
        .get(&format!("/core/billing/{org}/usage"), &token)
        .await
        .expect(503);
    server
        .get(&format!("/core/tokens/usage?org_id={org}"), &token)
        .await
        .expect(200);
}

//! Usage and billing answers in the reference's shapes, and in the forms a real server
//! sends on a bad day: an envelope, nulls, numbers as text, unknown fields.

use saasignal_client::PlatformClient;
use saasignal_secret::Secret;

use crate::common::fast_config;
use crate::common::scripted::{ScriptedServer, Step};

const PACKAGE: &str = r#"{"id":"pro","name":"Pro","description":"Teams","price_monthly":99,"currency":"usd","tokens_monthly":10000000,"rate_limits":{"requests_per_second":200,"max_channel_subscriptions":10000}}"#;

async fn serve(step: Step) -> (ScriptedServer, PlatformClient) {
    let server = ScriptedServer::start(vec![step]).await;
    let client = PlatformClient::new(fast_config(server.base_url())).expect("client");
    (server, client)
}

fn session() -> Secret {
    Secret::new("session")
}

#[tokio::test]
async fn packages_and_bundles_read_bare_or_in_an_envelope() {
    let (_server, client) = serve(Step::json(200, &format!("[{PACKAGE}]"))).await;
    let packages = client.list_packages(&session()).await.expect("packages");
    assert_eq!(packages[0].tokens_monthly, 10_000_000.0);
    assert_eq!(packages[0].rate_limits.requests_per_second, 200.0);

    let bundles = r#"{"data":[{"id":"b1","tokens":"1000000","price":12.5,"rate_per_token":null,"extra":true}]}"#;
    let (_server, client) = serve(Step::json(200, bundles)).await;
    let bundles = client
        .list_topup_bundles(&session())
        .await
        .expect("bundles");
    assert_eq!(bundles[0].tokens, 1_000_000.0);
    assert_eq!(bundles[0].price, 12.5);
    assert_eq!(bundles[0].rate_per_token, 0.0);
}

#[tokio::test]
async fn a_subscription_reads_its_camel_case_and_null_stripe_ids() {
    let body = format!(
        r#"{{"orgId":"org_1","packageId":"pro","stripeCustomerId":null,"stripeSubscriptionId":"sub_1","createdAt":"2026-11-01T00:00:00Z","package":{PACKAGE}}}"#
    );
    let (server, client) = serve(Step::json(200, &body)).await;
    let subscription = client
        .subscription(&session(), "org_1")
        .await
        .expect("subscription");
    assert_eq!(subscription.package_id, "pro");
    assert_eq!(subscription.stripe_customer_id, None);
    assert_eq!(
        subscription.stripe_subscription_id.as_deref(),
        Some("sub_1")
    );
    assert_eq!(subscription.package.expect("package").name, "Pro");
    assert!(subscription.created_at.is_some());
    assert_eq!(
        server.requests()[0].path,
        "/core/billing/org_1/subscription"
    );
}

#[tokio::test]
async fn the_usage_series_reads_totals_and_primitives_leniently() {
    let body = r#"{"org_id":"org_1","granularity":"day","series":[
        {"period_start":"2026-12-01T00:00:00Z","total":30,"by_primitive":{"kv_reads":10,"ai_images":"20","bogus":"n/a","ai_audio":"NaN"}},
        {"period_start":"2026-12-02","total":"inf","by_primitive":null}]}"#;
    let (server, client) = serve(Step::json(200, body)).await;
    let usage = client
        .token_usage(&session(), "org_1")
        .await
        .expect("usage");
    assert_eq!(usage.granularity, "day");
    assert_eq!(usage.series.len(), 2);
    assert_eq!(usage.series[0].by_primitive.len(), 2);
    assert_eq!(usage.series[0].by_primitive["ai_images"], 20.0);
    assert_eq!(usage.series[1].total, 0.0);
    assert!(usage.series[1].by_primitive.is_empty());
    let sent = &server.requests()[0];
    assert!(
        sent.path.starts_with("/core/tokens/usage?"),
        "{}",
        sent.path
    );
    assert!(
        sent.path.contains("org_id=org_1") && sent.path.contains("days=90"),
        "{}",
        sent.path
    );
}

#[tokio::test]
async fn the_dashboard_and_balance_read_the_reference_fields() {
    let body = r#"{"plan":"pro","billing_cycle_end":"2026-12-09T00:00:00Z","included_tokens_remaining":1200000,"included_tokens_total":10000000,"topup_tokens_balance":2500000,"total_tokens_available":3700000,"tokens_used_this_cycle":8800000,"usage_percent":88.0,"rate_limit_per_second":200,"channel_subscriptions_limit":10000,"usage_breakdown":{"kv_reads":8000000,"ai_images":800000},"new_field":1}"#;
    let (_server, client) = serve(Step::json(200, body)).await;
    let dashboard = client
        .usage_dashboard(&session(), "org_1")
        .await
        .expect("dashboard");
    assert_eq!(dashboard.usage_percent, 88.0);
    assert_eq!(dashboard.tokens_used_this_cycle, 8_800_000.0);
    assert_eq!(dashboard.usage_breakdown.values().sum::<f64>(), 8_800_000.0);
    assert!(dashboard.billing_cycle_end.is_some());

    let body = r#"{"success":true,"data":{"org_id":"org_1","included_tokens_remaining":5,"topup_tokens_balance":"7","total_balance":12}}"#;
    let (_server, client) = serve(Step::json(200, body)).await;
    let balance = client
        .token_balance(&session(), "org_1")
        .await
        .expect("balance");
    assert_eq!(balance.topup_tokens_balance, 7.0);
    assert_eq!(balance.total_balance, 12.0);
}

use saasignal_client::ApiError;

use crate::common::TestSandbox;

#[tokio::test]
async fn the_demo_orgs_usage_and_plan_read_through_the_client() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    let client = &sandbox.client;

    let packages = client.list_packages(&owner).await.expect("packages");
    assert!(packages.iter().any(|package| package.id == "free"));
    assert!(
        !client
            .list_topup_bundles(&owner)
            .await
            .expect("bundles")
            .is_empty()
    );

    let dashboard = client
        .usage_dashboard(&owner, &org.id)
        .await
        .expect("dashboard");
    assert_eq!(dashboard.usage_breakdown.len(), 19);
    assert!(
        dashboard.usage_percent > 80.0,
        "{}",
        dashboard.usage_percent
    );
    let usage = client.token_usage(&owner, &org.id).await.expect("usage");
    assert_eq!(usage.series.len(), 90);
    for period in &usage.series {
        assert_eq!(period.by_primitive.values().sum::<f64>(), period.total);
    }
    let balance = client
        .token_balance(&owner, &org.id)
        .await
        .expect("balance");
    assert_eq!(balance.total_balance, dashboard.total_tokens_available);

    let before = client
        .subscription(&owner, &org.id)
        .await
        .expect("subscription");
    assert_eq!(before.package_id, "pro");
    let after = client
        .switch_to_free_plan(&owner, &org.id)
        .await
        .expect("switched");
    assert_eq!(after.package_id, "free");
    assert_eq!(after.package.expect("package").tokens_monthly, 100_000.0);
}

#[tokio::test]
async fn a_reader_may_look_but_not_switch() {
    let sandbox = TestSandbox::start().await;
    let reader = sandbox.reader().await;
    let org = sandbox.demo_org(&reader).await;
    sandbox
        .client
        .usage_dashboard(&reader, &org.id)
        .await
        .expect("dashboard");
    let refused = sandbox
        .client
        .switch_to_free_plan(&reader, &org.id)
        .await
        .unwrap_err();
    assert!(matches!(refused, ApiError::Forbidden { .. }), "{refused:?}");

    let maintainer = sandbox.maintainer().await;
    let refused = sandbox
        .client
        .token_usage(&maintainer, &org.id)
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("billing:read"), "{refused}");
}

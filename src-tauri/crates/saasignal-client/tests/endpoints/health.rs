use crate::common::TestSandbox;

#[tokio::test]
async fn health_reports_status_version_and_database() {
    let sandbox = TestSandbox::start().await;
    let health = sandbox.client.health().await.expect("healthz");
    assert_eq!(health.status, "ok");
    assert!(!health.version.is_empty());
    assert!(health.uptime_seconds.is_some());
    assert_eq!(health.database.as_deref(), Some("ok"));
}

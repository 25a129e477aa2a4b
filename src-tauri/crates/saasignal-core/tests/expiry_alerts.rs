//! The daily expiry alert, from the cache alone: due for an account whose org has a key
//! about to expire, worded with the org and the count; once shown, not due again until
//! the next day; due offline too.

mod common;

use chrono::{Duration, Utc};
use common::Harness;
use saasignal_core::NewToken;
use saasignal_model::KeyConcern;

#[tokio::test]
async fn an_expiring_key_is_alerted_once_a_day_from_the_cache_even_offline() {
    let (mut h, account, org_id) = Harness::with_demo_org().await;
    h.core.refresh_account(&account).await.expect("refreshed");
    let today = Utc::now().date_naive();
    let before = h.core.expiry_alerts_due(today).await.expect("alerts");
    // The demo org may already hold keys expiring soon; one more must be counted.
    let count_in = |alerts: &[saasignal_core::services::expiry_alerts::ExpiryAlert]| {
        alerts
            .iter()
            .find(|a| a.account == account)
            .map(|a| a.body.clone())
    };
    let expires = (Utc::now() + Duration::days(2))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    h.core
        .create_token(
            &account,
            &org_id,
            NewToken {
                name: "Soon".into(),
                scopes: vec!["kv:read".into()],
                project_id: None,
                expires_at: Some(expires),
            },
        )
        .await
        .expect("created");
    let due = h.core.expiry_alerts_due(today).await.expect("alerts");
    let alert = due.iter().find(|a| a.account == account).expect("due");
    assert_ne!(count_in(&due), count_in(&before), "the new key is counted");
    assert!(alert.body.starts_with("Acme Corp: "), "{}", alert.body);
    assert!(
        alert.body.contains("expiring within 7 days"),
        "{}",
        alert.body
    );
    assert_eq!(alert.org_id, org_id);
    assert!(matches!(
        alert.concern,
        KeyConcern::ExpiringSoon | KeyConcern::ExpiredUnrevoked
    ));

    h.core.note_expiry_alert_shown(alert, today);
    assert!(
        h.core
            .expiry_alerts_due(today)
            .await
            .expect("alerts")
            .is_empty(),
        "once a day"
    );
    h.stop_sandbox().await;
    let tomorrow = today.succ_opt().expect("a tomorrow");
    let offline = h.core.expiry_alerts_due(tomorrow).await.expect("alerts");
    assert!(
        offline.iter().any(|a| a.account == account),
        "due the next day, offline"
    );
}

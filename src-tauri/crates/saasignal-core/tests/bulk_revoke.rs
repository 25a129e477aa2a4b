//! Revoking many keys against the sandbox over HTTP: a few at a time, each with its own
//! outcome; one refused key fails alone and a retry of it succeeds; once the server is
//! gone the keys not yet tried are left alone, saying so; "select all" takes the
//! unrevoked keys the table lists.

mod common;

use std::time::{Duration, Instant};

use common::Harness;
use saasignal_core::ReadMode;
use saasignal_core::services::bulk_revoke::BULK_REVOKE_CONCURRENCY;
use saasignal_model::{StatusFilter, TokenFilter};
use saasignal_sandbox::{FaultRule, Faults, RouteMatch};

#[tokio::test]
async fn each_key_ends_on_its_own_and_a_refused_one_can_be_retried() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    let mut ids = Vec::new();
    for n in 0..6 {
        let key = h
            .create_key(&account, &org_id, &format!("Batch {n}"), &["kv:read"])
            .await;
        ids.push(key.item.id);
    }
    let selectable = h
        .core
        .selectable_tokens(&account, &org_id, "batch", &TokenFilter::default())
        .await
        .expect("selectable");
    let mut selected: Vec<String> = selectable.iter().map(|k| k.id.clone()).collect();
    selected.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(selected, expected, "select all takes the searched keys");

    let refused = ids[2].clone();
    let route = format!("/core/organizations/{org_id}/tokens/{refused}");
    h.sandbox().set_faults(Faults::single(
        FaultRule::new(RouteMatch::Prefix(route)).status(403, None),
    ));
    let outcomes = h.core.revoke_tokens(&account, &org_id, &ids).await;
    assert_eq!(
        outcomes
            .iter()
            .map(|o| o.token_id.clone())
            .collect::<Vec<_>>(),
        ids,
        "reported in the order given"
    );
    for outcome in &outcomes {
        match &outcome.error {
            None => assert_ne!(outcome.token_id, refused),
            Some(report) => {
                assert_eq!(outcome.token_id, refused);
                assert_eq!(report.code.as_str(), "forbidden");
            }
        }
    }
    let tokens = h
        .core
        .tokens(&account, &org_id, ReadMode::Network)
        .await
        .expect("tokens")
        .data;
    for id in &ids {
        let token = tokens.iter().find(|t| &t.id == id).expect("listed");
        assert_eq!(token.revoked, id != &refused, "{id}");
    }
    // Only the refused key is left to select, and its retry goes through.
    let left = h
        .core
        .selectable_tokens(
            &account,
            &org_id,
            "batch",
            &TokenFilter {
                status: StatusFilter::All,
                ..TokenFilter::default()
            },
        )
        .await
        .expect("selectable");
    assert_eq!(
        left.iter().map(|k| k.id.as_str()).collect::<Vec<_>>(),
        [refused.as_str()]
    );
    h.sandbox().set_faults(Faults::none());
    let retried = h
        .core
        .revoke_tokens(&account, &org_id, std::slice::from_ref(&refused))
        .await;
    assert_eq!(retried[0].error, None);
}

#[tokio::test]
async fn at_most_a_few_revokes_are_in_flight_at_once() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    let mut ids = Vec::new();
    for n in 0..(2 * BULK_REVOKE_CONCURRENCY) {
        ids.push(
            h.create_key(&account, &org_id, &format!("Slow {n}"), &["kv:read"])
                .await
                .item
                .id,
        );
    }
    let delay = Duration::from_millis(300);
    h.sandbox().set_faults(Faults::single(
        FaultRule::new(RouteMatch::Pattern(format!(
            "/core/organizations/{org_id}/tokens/{{token_id}}"
        )))
        .latency(delay),
    ));
    let started = Instant::now();
    let outcomes = h.core.revoke_tokens(&account, &org_id, &ids).await;
    assert!(outcomes.iter().all(|o| o.error.is_none()));
    // Twice as many keys as slots: at least two rounds of the delay (unbounded would be one).
    assert!(started.elapsed() >= 2 * delay, "{:?}", started.elapsed());
}

#[tokio::test]
async fn once_the_server_is_gone_the_keys_not_yet_tried_are_left_alone() {
    let (mut h, account, org_id) = Harness::with_demo_org().await;
    let mut ids = Vec::new();
    for n in 0..(3 * BULK_REVOKE_CONCURRENCY) {
        ids.push(
            h.create_key(&account, &org_id, &format!("Gone {n}"), &["kv:read"])
                .await
                .item
                .id,
        );
    }
    h.stop_sandbox().await;
    let outcomes = h.core.revoke_tokens(&account, &org_id, &ids).await;
    assert!(
        outcomes
            .iter()
            .all(|o| o.error.as_ref().is_some_and(|e| e.connectivity))
    );
    let not_tried = outcomes
        .iter()
        .filter(|o| {
            o.error
                .as_ref()
                .is_some_and(|e| e.message.starts_with("Not tried"))
        })
        .count();
    assert!(
        not_tried >= ids.len() - BULK_REVOKE_CONCURRENCY,
        "{not_tried} of {} not tried",
        ids.len()
    );
}

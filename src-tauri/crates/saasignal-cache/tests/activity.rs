//! The local log of writes made from the app.

mod common;

use saasignal_cache::{ActivityEntry, ActivityOutcome, Cache, REDACTED};

use common::*;

fn entry(action: &str, target_name: &str, outcome: ActivityOutcome) -> ActivityEntry {
    ActivityEntry {
        at: at(10),
        action: action.into(),
        org_id: Some("org_1".into()),
        target_id: Some("tok_1".into()),
        target_name: Some(target_name.into()),
        outcome,
    }
}

#[test]
fn entries_come_back_newest_first_up_to_the_limit() {
    let cache = Cache::open_in_memory().unwrap();
    cache
        .record_activity(
            "acc1",
            &entry("token.create", "deploy", ActivityOutcome::Ok),
        )
        .unwrap();
    let refused = entry(
        "token.revoke",
        "deploy",
        ActivityOutcome::Failed("insufficient_scope".into()),
    );
    cache.record_activity("acc1", &refused).unwrap();
    cache
        .record_activity("acc1", &entry("project.delete", "api", ActivityOutcome::Ok))
        .unwrap();

    let newest_two = cache.activity("acc1", 2).unwrap();

    let actions: Vec<_> = newest_two.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["project.delete", "token.revoke"]);
    assert_eq!(newest_two[1], refused);
    assert_eq!(cache.activity("acc1", 100).unwrap().len(), 3);
    assert!(cache.activity("acc2", 100).unwrap().is_empty());
}

#[test]
fn only_the_newest_thousand_entries_are_kept() {
    let cache = Cache::open_in_memory().unwrap();
    for n in 0..1_005 {
        cache
            .record_activity(
                "acc1",
                &entry("org.update", &format!("n{n}"), ActivityOutcome::Ok),
            )
            .unwrap();
    }
    cache
        .record_activity("acc2", &entry("org.update", "other", ActivityOutcome::Ok))
        .unwrap();

    let kept = cache.activity("acc1", usize::MAX).unwrap();

    assert_eq!(kept.len(), 1_000);
    assert_eq!(kept[0].target_name.as_deref(), Some("n1004"));
    assert_eq!(kept[999].target_name.as_deref(), Some("n5"));
    assert_eq!(cache.activity("acc2", 10).unwrap().len(), 1);
}

#[test]
fn a_field_that_looks_like_a_credential_is_redacted() {
    let cache = Cache::open_in_memory().unwrap();
    let careless = entry(
        "token.create",
        "sk_live_abcdef0123456789",
        ActivityOutcome::Ok,
    );

    cache.record_activity("acc1", &careless).unwrap();

    let stored = &cache.activity("acc1", 1).unwrap()[0];
    assert_eq!(stored.target_name.as_deref(), Some(REDACTED));
    assert_eq!(stored.action, "token.create");
}

#[test]
fn entries_serialise_for_the_ui_in_camel_case() {
    let json = serde_json::to_value(entry(
        "token.revoke",
        "ci",
        ActivityOutcome::Failed("network".into()),
    ))
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "at": "2026-03-10T13:15:00.000Z",
            "action": "token.revoke",
            "orgId": "org_1",
            "targetId": "tok_1",
            "targetName": "ci",
            "outcome": "network",
        })
    );
}

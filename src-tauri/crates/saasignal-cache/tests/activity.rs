//! The local log of writes made from the app.

mod common;

use chrono::NaiveDate;
use saasignal_cache::{Cache, REDACTED};
use saasignal_model::{ActivityEntry, ActivityFilter, ActivityOutcome, RowWindow};

use common::*;

fn entry(action: &str, target_name: &str, outcome: ActivityOutcome) -> ActivityEntry {
    ActivityEntry {
        seq: 0,
        at: at(10),
        action: action.into(),
        org_id: Some("org_1".into()),
        target_id: Some("tok_1".into()),
        target_name: Some(target_name.into()),
        outcome,
        related_id: None,
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
    // The cache numbers each entry as it records it.
    assert_eq!(newest_two[1], ActivityEntry { seq: 2, ..refused });
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
            "seq": 0,
            "at": "2026-03-10T13:15:00.000Z",
            "action": "token.revoke",
            "orgId": "org_1",
            "targetId": "tok_1",
            "targetName": "ci",
            "outcome": "network",
            "relatedId": null,
        })
    );
}

/// acc1's log: three writes in org_1 on days 10, 12 and 14, one in org_2; one of acc2's.
fn logged() -> Cache {
    let cache = Cache::open_in_memory().unwrap();
    let write =
        |account: &str, day: u32, action: &str, org: &str, target: (&str, &str), ok: bool| {
            let entry = ActivityEntry {
                at: at(day),
                org_id: Some(org.into()),
                target_id: Some(target.0.into()),
                target_name: Some(target.1.into()),
                outcome: if ok {
                    ActivityOutcome::Ok
                } else {
                    ActivityOutcome::Failed("network".into())
                },
                ..entry(action, "", ActivityOutcome::Ok)
            };
            cache.record_activity(account, &entry).unwrap();
        };
    write(
        "acc1",
        10,
        "token.create",
        "org_1",
        ("tok_a", "Deploy"),
        true,
    );
    write(
        "acc1",
        12,
        "project.delete",
        "org_1",
        ("proj_b", "Billing"),
        true,
    );
    write(
        "acc1",
        14,
        "token.revoke",
        "org_1",
        ("tok_a", "Deploy"),
        false,
    );
    write(
        "acc1",
        14,
        "token.create",
        "org_2",
        ("tok_x", "Elsewhere"),
        true,
    );
    write(
        "acc2",
        14,
        "token.create",
        "org_1",
        ("tok_y", "Other account"),
        true,
    );
    cache
}

fn window(search: &str, offset: u32) -> RowWindow {
    RowWindow {
        search: search.into(),
        offset,
        limit: 50,
    }
}

fn targets(cache: &Cache, search: &str, filter: &ActivityFilter) -> Vec<String> {
    let page = cache
        .activity_page("acc1", "org_1", &window(search, 0), filter)
        .unwrap();
    page.rows
        .into_iter()
        .map(|e| format!("{} {}", e.action, e.target_id.unwrap_or_default()))
        .collect()
}

#[test]
fn an_orgs_page_is_its_accounts_entries_newest_first_filtered_and_searched_in_sql() {
    let cache = logged();
    let all = ActivityFilter::default();
    assert_eq!(
        targets(&cache, "", &all),
        [
            "token.revoke tok_a",
            "project.delete proj_b",
            "token.create tok_a"
        ]
    );
    let page = cache
        .activity_page("acc1", "org_1", &window("", 0), &all)
        .unwrap();
    assert_eq!((page.matching, page.total), (3, 3));
    assert!(page.rows.windows(2).all(|pair| pair[0].seq > pair[1].seq));

    let creates = ActivityFilter {
        action: Some("token.create".into()),
        ..ActivityFilter::default()
    };
    assert_eq!(targets(&cache, "", &creates), ["token.create tok_a"]);
    assert_eq!(targets(&cache, "billing", &all), ["project.delete proj_b"]);
    assert_eq!(targets(&cache, "tok_", &all).len(), 2);
    assert!(targets(&cache, "%", &all).is_empty());

    // Days are inclusive at both ends, in UTC.
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d);
    let range = ActivityFilter {
        since: day(12),
        until: day(12),
        ..ActivityFilter::default()
    };
    assert_eq!(targets(&cache, "", &range), ["project.delete proj_b"]);
    let from_13 = ActivityFilter {
        since: day(13),
        ..ActivityFilter::default()
    };
    assert_eq!(targets(&cache, "", &from_13), ["token.revoke tok_a"]);

    let past = cache
        .activity_page("acc1", "org_1", &window("", 10), &all)
        .unwrap();
    assert!(past.rows.is_empty());
    assert_eq!(past.matching, 3);
}

#[test]
fn another_accounts_log_is_never_shown_and_the_actions_are_the_orgs_own() {
    let cache = logged();
    let theirs = cache
        .activity_page("acc2", "org_1", &window("", 0), &ActivityFilter::default())
        .unwrap();
    assert_eq!(theirs.total, 1);
    assert_eq!(theirs.rows[0].target_name.as_deref(), Some("Other account"));
    assert_eq!(
        cache.activity_actions("acc1", "org_1").unwrap(),
        ["project.delete", "token.create", "token.revoke"]
    );
    assert_eq!(
        cache.activity_actions("acc1", "org_2").unwrap(),
        ["token.create"]
    );
}

#[test]
fn a_roll_keeps_both_ids_and_is_found_by_either() {
    let cache = logged();
    let roll = ActivityEntry {
        target_id: Some("tok_new".into()),
        related_id: Some("tok_old".into()),
        ..entry("token.roll", "Deploy (rolled)", ActivityOutcome::Ok)
    };
    cache.record_activity("acc1", &roll).unwrap();
    let all = ActivityFilter::default();
    assert_eq!(targets(&cache, "tok_old", &all), ["token.roll tok_new"]);
    assert_eq!(targets(&cache, "tok_new", &all), ["token.roll tok_new"]);
    let page = cache
        .activity_page("acc1", "org_1", &window("tok_old", 0), &all)
        .unwrap();
    assert_eq!(page.rows[0].related_id.as_deref(), Some("tok_old"));
}

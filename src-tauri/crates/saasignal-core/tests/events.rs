//! What the core tells open screens, and when it keeps quiet: a write sends the rows it
//! changed (no read needed), a refresh announces each list that landed, and a read the
//! screen asked for sends nothing back (it has the answer).

mod common;

use common::{Harness, project_request};
use saasignal_core::ReadMode;
use saasignal_core::events::{ChangedRows, CoreEvent, Resource};

fn rows_changed(events: &[CoreEvent]) -> Vec<&ChangedRows> {
    events
        .iter()
        .filter_map(|event| match event {
            CoreEvent::RowsChanged { rows, .. } => Some(rows),
            _ => None,
        })
        .collect()
}

fn cache_updates(events: &[CoreEvent]) -> Vec<Resource> {
    events
        .iter()
        .filter_map(|event| match event {
            CoreEvent::CacheUpdated { resource, .. } => Some(*resource),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_read_the_screen_asked_for_sends_no_event_back() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    h.events.take();
    h.core
        .projects(&account, &org_id, ReadMode::Network)
        .await
        .expect("projects");
    h.core
        .tokens(&account, &org_id, ReadMode::Network)
        .await
        .expect("tokens");
    assert_eq!(h.events.take(), []);
}

#[tokio::test]
async fn a_token_s_create_and_revoke_send_its_row() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    h.events.take();
    let created = h
        .create_key(&account, &org_id, "Evented", &["kv:read"])
        .await;
    let events = h.events.take();
    let [ChangedRows::Tokens(change)] = rows_changed(&events)[..] else {
        panic!("one token change expected: {events:?}");
    };
    assert_eq!(change.upserted, std::slice::from_ref(&created.item));
    assert!(change.removed.is_empty());
    assert_eq!(cache_updates(&events), []);

    h.core
        .revoke_token(&account, &org_id, &created.item.id)
        .await
        .expect("revoked");
    let events = h.events.take();
    let [ChangedRows::Tokens(change)] = rows_changed(&events)[..] else {
        panic!("one token change expected: {events:?}");
    };
    assert_eq!(change.upserted.len(), 1);
    assert_eq!(change.upserted[0].id, created.item.id);
    assert!(change.upserted[0].revoked, "the row comes back revoked");
}

#[tokio::test]
async fn deleting_a_project_sends_its_removal_and_says_its_keys_changed() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    h.core
        .tokens(&account, &org_id, ReadMode::Network)
        .await
        .expect("tokens cached");
    let project = h
        .core
        .create_project(&account, &org_id, project_request("Short-lived", None))
        .await
        .expect("created");
    h.events.take();
    h.core
        .delete_project(&account, &org_id, &project.id)
        .await
        .expect("deleted");
    let events = h.events.take();
    let [ChangedRows::Projects(change)] = rows_changed(&events)[..] else {
        panic!("one project change expected: {events:?}");
    };
    assert_eq!(change.removed, std::slice::from_ref(&project.id));
    assert_eq!(cache_updates(&events), [Resource::Tokens]);
}

#[tokio::test]
async fn a_refresh_announces_each_list_that_landed() {
    let h = Harness::new().await;
    let account = h.demo().await;
    h.events.take();
    let report = h.core.refresh_account(&account).await.expect("refreshed");
    let updates = cache_updates(&h.events.take());
    assert_eq!(updates.len(), report.refreshed, "{updates:?}");
    assert_eq!(updates[0], Resource::Orgs);
    for list in [
        Resource::MyScopes,
        Resource::Members,
        Resource::Projects,
        Resource::Tokens,
    ] {
        assert!(updates.contains(&list), "{list:?} not announced");
    }
}

#[tokio::test]
async fn a_link_opens_its_org_s_view_in_the_account_that_has_it_or_says_why_not() {
    use saasignal_core::services::deep_links::LinkView;

    let (h, account, org_id) = Harness::with_demo_org().await;
    h.events.take();
    h.core
        .open_link(&format!("saasignal-admin://org/{org_id}/tokens"));
    assert_eq!(
        h.events.take(),
        [CoreEvent::OpenView {
            account: account.clone(),
            org_id: org_id.clone(),
            view: LinkView::Tokens,
        }]
    );
    for (link, says) in [
        ("saasignal-admin://org/org_nowhere/usage", "org_nowhere"),
        (
            "saasignal-admin://org/x/../../etc",
            "is not one SaaSignal Admin opens",
        ),
    ] {
        h.core.open_link(link);
        match h.events.take().as_slice() {
            [CoreEvent::LinkRefused { message }] => assert!(message.contains(says), "{message}"),
            other => panic!("{link}: {other:?}"),
        }
    }
}

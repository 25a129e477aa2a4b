//! Signing in and reading every list: fresh from the server, then from the cache.

mod common;

use std::time::Duration;

use common::{Harness, project_request};
use saasignal_core::ReadMode;
use saasignal_core::accounts::AccountState;
use saasignal_model::Project;
use saasignal_sandbox::seed::DEMO_ORG_SLUG;
use saasignal_sandbox::{FaultRule, Faults, RouteMatch};

#[tokio::test]
async fn the_demo_user_sees_the_demo_org_and_everything_in_it() {
    let h = Harness::new().await;
    let account = h.demo().await;

    let orgs = h
        .core
        .orgs(&account, ReadMode::Network)
        .await
        .expect("orgs");
    assert!(!orgs.stale);
    assert!(orgs.synced_at.is_some());
    let acme = orgs
        .data
        .iter()
        .find(|o| o.slug == DEMO_ORG_SLUG)
        .expect("acme");

    let projects = h
        .core
        .projects(&account, &acme.id, ReadMode::Network)
        .await
        .expect("projects");
    assert_eq!(projects.data.len(), 3);
    let members = h
        .core
        .members(&account, &acme.id, ReadMode::Network)
        .await
        .expect("members");
    assert_eq!(members.data.len(), 3);
    let tokens = h
        .core
        .tokens(&account, &acme.id, ReadMode::Network)
        .await
        .expect("tokens");
    assert_eq!(tokens.data.len(), 4);
    let scopes = h
        .core
        .my_scopes(&account, &acme.id, ReadMode::Network)
        .await
        .expect("scopes");
    assert_eq!(scopes.data, Some(vec!["*".to_owned()]));

    // The same lists come back from the cache alone, marked stale but with their sync time.
    let cached = h
        .core
        .projects(&account, &acme.id, ReadMode::CacheOnly)
        .await
        .expect("cached");
    assert!(cached.stale);
    let ids = |list: &[saasignal_model::Project]| {
        let mut ids: Vec<String> = list.iter().map(|p| p.id.to_string()).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&cached.data), ids(&projects.data));
    assert_eq!(cached.synced_at, projects.synced_at);
    assert_eq!(h.core.accounts().accounts[0].state, AccountState::SignedIn);
}

#[tokio::test]
async fn a_refresh_fills_the_cache_for_every_org() {
    let h = Harness::new().await;
    let account = h.demo().await;
    let report = h.core.refresh_account(&account).await.expect("refresh");
    assert_eq!(report.orgs, 1);
    assert!(!report.offline);
    // orgs + 5 lists for the one org (scopes, members, projects, tokens, billing)
    assert_eq!(report.refreshed, 6);
    let org_id = h.first_org(&account, ReadMode::CacheOnly).await;
    let tokens = h
        .core
        .tokens(&account, &org_id, ReadMode::CacheOnly)
        .await
        .expect("cached");
    assert_eq!(tokens.data.len(), 4);
    let billing = h
        .core
        .billing_overview(&account, &org_id, ReadMode::CacheOnly)
        .await
        .expect("cached");
    let overview = billing.data.expect("the refresh cached the usage overview");
    assert_eq!(overview.usage.series.len(), 90);
    assert_eq!(overview.subscription.package_id, "pro");
    assert!(billing.synced_at.is_some());
    let levels = h.core.usage_levels(&account).expect("levels");
    assert_eq!(levels.len(), 1);
    assert!(levels[0].usage_percent > 80.0, "{levels:?}");
}

#[tokio::test]
async fn each_list_the_server_sends_is_reported_stored_so_its_memory_can_be_given_back() {
    let (h, account, acme) = Harness::with_demo_org().await;
    let acme = acme.as_str();
    let before = h.events.lists_stored();

    h.core
        .projects(&account, acme, ReadMode::Network)
        .await
        .expect("projects");
    h.core
        .tokens(&account, acme, ReadMode::Network)
        .await
        .expect("tokens");
    assert_eq!(h.events.lists_stored(), before + 2);

    // Read from the cache alone: nothing was fetched, so nothing was freed.
    h.core
        .projects(&account, acme, ReadMode::CacheOnly)
        .await
        .expect("cached projects");
    assert_eq!(h.events.lists_stored(), before + 2);
}

#[tokio::test]
async fn reading_unknown_accounts_is_a_clear_error() {
    let h = Harness::new().await;
    let ghost = saasignal_core::accounts::AccountId::from("acc_ghost".to_owned());
    let error = h
        .core
        .orgs(&ghost, ReadMode::Network)
        .await
        .expect_err("no such account");
    assert_eq!(error.code().as_str(), "unknown_account");
}

/// A refresh's read that the server answered before a create, but that lands after the
/// create reached the cache, must not replace the list without the new row.
#[tokio::test]
async fn a_read_overtaken_by_a_write_keeps_the_written_row() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    h.sandbox().set_faults(Faults::single(
        FaultRule::new(RouteMatch::Pattern(
            "/core/organizations/{org}/projects".into(),
        ))
        .answer_latency(Duration::from_millis(800)),
    ));
    let read = tokio::spawn({
        let (core, account, org_id) = (h.core.clone(), account.clone(), org_id.clone());
        async move { core.projects(&account, &org_id, ReadMode::Network).await }
    });
    // The read is handled now and answered late; the create is answered at once.
    tokio::time::sleep(Duration::from_millis(200)).await;
    h.sandbox().set_faults(Faults::none());
    let created = h
        .core
        .create_project(&account, &org_id, project_request("Overtaking", None))
        .await
        .expect("created");

    let read = read.await.expect("joined").expect("read");
    let named = |projects: &[Project]| projects.iter().any(|p| p.id == created.id);
    assert!(named(&read.data), "the read was made again after the write");
    let cached = h
        .core
        .projects(&account, &org_id, ReadMode::CacheOnly)
        .await
        .expect("cached");
    assert!(
        named(&cached.data),
        "the late answer did not drop the new row"
    );
}

#[tokio::test]
async fn the_free_plan_switch_is_in_the_cache_as_soon_as_the_server_accepts_it() {
    let h = Harness::new().await;
    let account = h.demo().await;
    h.core.refresh_account(&account).await.expect("refresh");
    let org_id = h.first_org(&account, ReadMode::CacheOnly).await;
    let switched = h
        .core
        .switch_to_free_plan(&account, &org_id)
        .await
        .expect("switched");
    assert_eq!(switched.package_id, "free");
    // Written as a write (so a read that started before it cannot cache the old plan
    // over it), before the background read of the whole overview lands.
    let cached = h
        .core
        .billing_overview(&account, &org_id, ReadMode::CacheOnly)
        .await
        .expect("cached")
        .data
        .expect("an overview");
    assert_eq!(cached.subscription.package_id, "free");
}

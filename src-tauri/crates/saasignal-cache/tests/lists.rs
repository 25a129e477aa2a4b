//! Replacing, reading and editing the cached lists: what vanishes, what cascades, what
//! the sync times say.

mod common;

use std::sync::Arc;

use chrono::Utc;
use saasignal_cache::{Cache, CacheError};
use saasignal_model::{Project, RowWindow};

use common::*;

/// A cache holding org_1 (with two projects, two members, two tokens and scopes) and
/// org_2 (with one of each), for account acc1.
fn stocked() -> Cache {
    let cache = Cache::open_in_memory().unwrap();
    cache
        .replace_orgs("acc1", &[org("org_1", "Acme"), org("org_2", "Beta")])
        .unwrap();
    cache
        .replace_projects(
            "acc1",
            "org_1",
            &[project("proj_a", "Api"), project("proj_b", "Billing")],
        )
        .unwrap();
    cache
        .replace_projects("acc1", "org_2", &[project("proj_c", "Crm")])
        .unwrap();
    cache
        .replace_members(
            "acc1",
            "org_1",
            &[member("u_1", "Ada"), member("u_2", "Bo")],
        )
        .unwrap();
    cache
        .replace_members("acc1", "org_2", &[member("u_1", "Ada")])
        .unwrap();
    cache
        .replace_tokens(
            "acc1",
            "org_1",
            &[
                token("tok_1", "deploy", Some("proj_a")),
                token("tok_2", "ci", None),
            ],
        )
        .unwrap();
    cache
        .replace_tokens("acc1", "org_2", &[token("tok_3", "crm", Some("proj_c"))])
        .unwrap();
    cache
        .replace_my_scopes("acc1", "org_1", &["*".to_owned()])
        .unwrap();
    cache
        .replace_my_scopes("acc1", "org_2", &["orgs:read".to_owned()])
        .unwrap();
    cache
}

#[test]
fn nothing_cached_reads_as_empty_and_never_synced() {
    let cache = Cache::open_in_memory().unwrap();
    let orgs = cache.orgs("acc1").unwrap();
    assert!(orgs.data.is_empty());
    assert_eq!(orgs.synced_at, None);
    assert_eq!(cache.projects("acc1", "org_1").unwrap().synced_at, None);
    assert_eq!(cache.my_scopes("acc1", "org_1").unwrap().data, None);
    assert_eq!(cache.last_synced("acc1").unwrap(), None);
}

#[test]
fn every_field_reads_back_as_written() {
    let cache = stocked();
    let mut expected = token("tok_9", "full", Some("proj_a"));
    expected.org_id = "org_1".into();
    expected.expires_at = Some(at(20));
    expected.last_used_at = None;
    expected.scopes = vec!["kv:read".into(), "kv:write".into()];
    cache.upsert_token("acc1", "org_1", &expected).unwrap();

    let tokens = cache.tokens("acc1", "org_1").unwrap().data;
    assert_eq!(
        tokens.iter().find(|token| token.id == "tok_9"),
        Some(&expected)
    );

    let mut expected_project = project("proj_a", "Api");
    expected_project.org_id = "org_1".into();
    assert_eq!(
        cache.projects("acc1", "org_1").unwrap().data[0],
        expected_project
    );
    assert_eq!(
        cache.members("acc1", "org_1").unwrap().data[0],
        member("u_1", "Ada")
    );
    assert_eq!(cache.orgs("acc1").unwrap().data[0], org("org_1", "Acme"));
    assert_eq!(
        cache.my_scopes("acc1", "org_1").unwrap().data,
        Some(vec!["*".to_owned()])
    );
}

#[test]
fn lists_come_back_in_name_order() {
    let cache = stocked();
    let projects = [
        project("proj_z", "zeta"),
        project("proj_y", "Alpha"),
        project("proj_x", "beta"),
    ];
    cache.replace_projects("acc1", "org_1", &projects).unwrap();
    let names: Vec<_> = cache
        .projects("acc1", "org_1")
        .unwrap()
        .data
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Alpha", "beta", "zeta"]);
}

#[test]
fn the_projects_of_a_list_share_one_copy_of_their_org_id() {
    // One allocation per row fewer when 10,000 are read (benches/read_projects.rs).
    let cache = stocked();
    let listed = cache.projects("acc1", "org_1").unwrap().data;
    let window = cache
        .project_page("acc1", "org_1", &RowWindow::first(10))
        .unwrap()
        .data
        .rows;
    for rows in [&listed, &window] {
        assert_eq!(rows.len(), 2);
        assert_eq!(&*rows[0].org_id, "org_1");
        assert!(Arc::ptr_eq(&rows[0].org_id, &rows[1].org_id));
    }
}

#[test]
fn replacing_a_list_removes_what_the_server_no_longer_has_and_stamps_the_sync_time() {
    let cache = stocked();
    let before = Utc::now();
    let updated = Project {
        name: "Api v2".into(),
        ..project("proj_a", "Api")
    };

    let synced_at = cache
        .replace_projects("acc1", "org_1", &[updated, project("proj_d", "Docs")])
        .unwrap();

    let cached = cache.projects("acc1", "org_1").unwrap();
    assert_eq!(ids(&cached.data, |p| &p.id), ["proj_a", "proj_d"]);
    assert_eq!(cached.data[0].name, "Api v2");
    assert_eq!(cached.synced_at, Some(synced_at));
    assert!(
        synced_at >= before - chrono::Duration::milliseconds(1),
        "milliseconds are kept"
    );
    // The other org's list is untouched.
    assert_eq!(
        ids(&cache.projects("acc1", "org_2").unwrap().data, |p| &p.id),
        ["proj_c"]
    );

    cache
        .replace_members("acc1", "org_1", &[member("u_2", "Bo")])
        .unwrap();
    assert_eq!(
        ids(&cache.members("acc1", "org_1").unwrap().data, |m| &m
            .user_id),
        ["u_2"]
    );
    cache.replace_tokens("acc1", "org_1", &[]).unwrap();
    let tokens = cache.tokens("acc1", "org_1").unwrap();
    assert!(tokens.data.is_empty());
    assert!(tokens.synced_at.is_some(), "an empty list is still a sync");
    cache.replace_my_scopes("acc1", "org_1", &[]).unwrap();
    assert_eq!(cache.my_scopes("acc1", "org_1").unwrap().data, Some(vec![]));
}

#[test]
fn replacing_orgs_removes_the_children_and_sync_times_of_vanished_orgs() {
    let cache = stocked();

    cache
        .replace_orgs("acc1", &[org("org_1", "Acme Inc")])
        .unwrap();

    assert_eq!(ids(&cache.orgs("acc1").unwrap().data, |o| &o.id), ["org_1"]);
    assert_eq!(cache.orgs("acc1").unwrap().data[0].name, "Acme Inc");
    let projects = cache.projects("acc1", "org_2").unwrap();
    assert!(projects.data.is_empty());
    assert_eq!(
        projects.synced_at, None,
        "a vanished org's lists read as never synced"
    );
    assert!(cache.members("acc1", "org_2").unwrap().data.is_empty());
    assert!(cache.tokens("acc1", "org_2").unwrap().data.is_empty());
    assert_eq!(cache.my_scopes("acc1", "org_2").unwrap().data, None);
    assert_eq!(cache.my_scopes("acc1", "org_2").unwrap().synced_at, None);
    // The kept org's children survive its update (an upsert must not cascade).
    assert_eq!(cache.projects("acc1", "org_1").unwrap().data.len(), 2);
    assert_eq!(cache.members("acc1", "org_1").unwrap().data.len(), 2);
    assert_eq!(cache.tokens("acc1", "org_1").unwrap().data.len(), 2);
    assert!(cache.my_scopes("acc1", "org_1").unwrap().data.is_some());
}

#[test]
fn removing_an_org_takes_its_children_with_it() {
    let cache = stocked();
    cache
        .upsert_org("acc1", &org("org_1", "Acme renamed"))
        .unwrap();
    assert_eq!(
        cache.projects("acc1", "org_1").unwrap().data.len(),
        2,
        "upsert keeps children"
    );

    cache.remove_org("acc1", "org_1").unwrap();

    assert_eq!(ids(&cache.orgs("acc1").unwrap().data, |o| &o.id), ["org_2"]);
    assert!(cache.projects("acc1", "org_1").unwrap().data.is_empty());
    assert!(cache.members("acc1", "org_1").unwrap().data.is_empty());
    assert!(cache.tokens("acc1", "org_1").unwrap().data.is_empty());
    assert_eq!(cache.my_scopes("acc1", "org_1").unwrap().data, None);
    assert_eq!(cache.projects("acc1", "org_2").unwrap().data.len(), 1);
}

#[test]
fn removing_a_project_marks_its_tokens_revoked_and_keeps_them_listed() {
    let cache = stocked();

    cache.remove_project("acc1", "org_1", "proj_a").unwrap();

    assert_eq!(
        ids(&cache.projects("acc1", "org_1").unwrap().data, |p| &p.id),
        ["proj_b"]
    );
    let tokens = cache.tokens("acc1", "org_1").unwrap().data;
    let revoked: Vec<_> = tokens.iter().map(|t| (t.id.as_str(), t.revoked)).collect();
    assert_eq!(revoked, [("tok_2", false), ("tok_1", true)]);
    assert!(!cache.tokens("acc1", "org_2").unwrap().data[0].revoked);
}

#[test]
fn single_row_writes_follow_mutations_without_stamping_a_sync() {
    let cache = Cache::open_in_memory().unwrap();
    cache.upsert_org("acc1", &org("org_1", "Acme")).unwrap();
    cache
        .upsert_project("acc1", "org_1", &project("proj_a", "Api"))
        .unwrap();
    cache
        .upsert_member("acc1", "org_1", &member("u_1", "Ada"))
        .unwrap();
    cache
        .upsert_token("acc1", "org_1", &token("tok_1", "deploy", None))
        .unwrap();

    assert_eq!(cache.orgs("acc1").unwrap().synced_at, None);
    assert_eq!(cache.projects("acc1", "org_1").unwrap().synced_at, None);
    assert_eq!(cache.last_synced("acc1").unwrap(), None);

    let mut promoted = member("u_1", "Ada");
    promoted.scopes = vec!["*".into()];
    cache.upsert_member("acc1", "org_1", &promoted).unwrap();
    assert_eq!(cache.members("acc1", "org_1").unwrap().data, vec![promoted]);
    cache.remove_member("acc1", "org_1", "u_1").unwrap();
    assert!(cache.members("acc1", "org_1").unwrap().data.is_empty());

    cache.mark_token_revoked("acc1", "org_1", "tok_1").unwrap();
    assert!(cache.tokens("acc1", "org_1").unwrap().data[0].revoked);
    // Removing what is not cached is not an error.
    cache.remove_member("acc1", "org_1", "u_404").unwrap();
    cache.remove_project("acc1", "org_1", "proj_404").unwrap();
    cache
        .mark_token_revoked("acc1", "org_1", "tok_404")
        .unwrap();
    cache.remove_org("acc1", "org_404").unwrap();
}

#[test]
fn children_of_an_org_that_is_not_cached_are_refused_with_a_clear_error() {
    let cache = Cache::open_in_memory().unwrap();

    let error = cache
        .replace_projects("acc1", "org_9", &[project("proj_a", "Api")])
        .unwrap_err();

    assert!(
        matches!(&error, CacheError::OrgNotCached { org_id, .. } if org_id == "org_9"),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("refresh the organization list first"),
        "{error}"
    );
    assert!(
        cache
            .upsert_token("acc1", "org_9", &token("tok_1", "x", None))
            .is_err()
    );
    assert!(cache.replace_members("acc1", "org_9", &[]).is_err());
    assert!(cache.replace_my_scopes("acc1", "org_9", &[]).is_err());
    assert_eq!(
        cache.last_synced("acc1").unwrap(),
        None,
        "the failed replace left no sync time"
    );
}

#[test]
fn last_synced_is_the_most_recent_sync_of_anything() {
    let cache = Cache::open_in_memory().unwrap();
    let first = cache.replace_orgs("acc1", &[org("org_1", "Acme")]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let second = cache.replace_projects("acc1", "org_1", &[]).unwrap();
    assert!(second > first);

    assert_eq!(cache.last_synced("acc1").unwrap(), Some(second));
}

#[test]
fn a_billing_overview_is_kept_per_account_and_org_and_levels_follow_it() {
    let cache = Cache::open_in_memory().unwrap();
    assert!(matches!(
        cache.replace_billing_overview("acc1", "org_1", &billing_overview("org_1", 10.0)),
        Err(CacheError::OrgNotCached { .. })
    ));
    cache
        .replace_orgs("acc1", &[org("org_1", "Acme"), org("org_2", "Beta")])
        .unwrap();
    cache.replace_orgs("acc2", &[org("org_1", "Acme")]).unwrap();
    let empty = cache.billing_overview("acc1", "org_1").unwrap();
    assert_eq!((empty.data, empty.synced_at), (None, None));

    let acme = billing_overview("org_1", 88.5);
    cache
        .replace_billing_overview("acc1", "org_1", &acme)
        .unwrap();
    cache
        .replace_billing_overview("acc1", "org_2", &billing_overview("org_2", 12.0))
        .unwrap();
    let read = cache.billing_overview("acc1", "org_1").unwrap();
    assert_eq!(read.data.as_ref(), Some(&acme));
    assert!(read.synced_at.is_some());
    assert_eq!(cache.billing_overview("acc2", "org_1").unwrap().data, None);
    let levels: Vec<(String, f64)> = cache
        .usage_levels("acc1")
        .unwrap()
        .into_iter()
        .map(|level| (level.org_id, level.usage_percent))
        .collect();
    assert_eq!(levels, [("org_1".into(), 88.5), ("org_2".into(), 12.0)]);
    assert!(cache.usage_levels("acc2").unwrap().is_empty());

    // An org that leaves the list takes its overview with it.
    cache.replace_orgs("acc1", &[org("org_1", "Acme")]).unwrap();
    assert_eq!(cache.usage_levels("acc1").unwrap().len(), 1);
}

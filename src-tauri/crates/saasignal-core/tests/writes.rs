//! Every write: orgs, projects, members, tokens, with the cache and activity log following.

mod common;

use common::{Harness, key_request, project_request};
use saasignal_core::{NewInvite, NewOrg, NewProject, OrgPatch, ReadMode};
use saasignal_sandbox::seed::{DEMO_INVITEE, DEMO_READER};

#[tokio::test]
async fn an_org_is_created_renamed_and_deleted() {
    let h = Harness::new().await;
    let account = h.demo().await;
    let org = h
        .core
        .create_org(
            &account,
            NewOrg {
                name: "Globex".into(),
                slug: Some("globex".into()),
            },
        )
        .await
        .expect("created");
    assert_eq!(org.slug, "globex");

    let taken = h
        .core
        .create_org(
            &account,
            NewOrg {
                name: "Other".into(),
                slug: Some("globex".into()),
            },
        )
        .await
        .expect_err("slug taken");
    assert_eq!(
        (taken.code().as_str(), taken.field()),
        ("conflict", Some("slug"))
    );

    let bad = h
        .core
        .create_org(
            &account,
            NewOrg {
                name: "Bad".into(),
                slug: Some("Not A Slug".into()),
            },
        )
        .await
        .expect_err("bad slug");
    assert_eq!(
        (bad.code().as_str(), bad.field()),
        ("validation", Some("slug"))
    );

    let renamed = h
        .core
        .update_org(
            &account,
            &org.id,
            OrgPatch {
                name: Some("Globex Inc".into()),
                slug: None,
            },
        )
        .await
        .expect("renamed");
    assert_eq!(renamed.name, "Globex Inc");

    let refused = h
        .core
        .delete_org(&account, &org.id, "Globex")
        .await
        .expect_err("wrong name");
    assert_eq!(refused.field(), Some("confirm_name"));
    h.core
        .delete_org(&account, &org.id, "Globex Inc")
        .await
        .expect("deleted");
    let cached = h
        .core
        .orgs(&account, ReadMode::CacheOnly)
        .await
        .expect("cached");
    assert!(cached.data.iter().all(|o| o.id != org.id));

    let actions: Vec<String> = h
        .core
        .recent_activity(&account, 10)
        .expect("activity")
        .into_iter()
        .map(|entry| entry.action)
        .collect();
    assert!(actions.contains(&"org.delete".to_owned()));
    assert!(actions.contains(&"org.create".to_owned()));
}

#[tokio::test]
async fn a_project_is_created_in_a_region_and_deleted() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    let project = h
        .core
        .create_project(
            &account,
            &org_id,
            NewProject {
                name: "Edge".into(),
                description: Some("CDN".into()),
                region: Some("weur".into()),
            },
        )
        .await
        .expect("created");
    assert_eq!(project.region, "weur");
    let bad = h
        .core
        .create_project(&account, &org_id, project_request("X", Some("mars")))
        .await
        .expect_err("bad region");
    assert_eq!(bad.field(), Some("region"));
    h.core
        .delete_project(&account, &org_id, &project.id)
        .await
        .expect("deleted");
    let missing = h
        .core
        .project(&account, &org_id, &project.id)
        .await
        .expect_err("gone");
    assert_eq!(missing.code().as_str(), "not_found");
}

#[tokio::test]
async fn a_member_is_invited_rescoped_and_removed_but_the_owner_is_locked() {
    let (h, account, org_id) = Harness::with_demo_org().await;

    let invalid = h
        .core
        .invite_member(
            &account,
            &org_id,
            NewInvite {
                email: ".bad@x.io".into(),
                scopes: vec![],
                project_id: None,
            },
        )
        .await
        .expect_err("bad email");
    assert_eq!(invalid.field(), Some("email"));
    h.core
        .invite_member(
            &account,
            &org_id,
            NewInvite {
                email: DEMO_INVITEE.into(),
                scopes: vec!["kv:read".into()],
                project_id: None,
            },
        )
        .await
        .expect("invited");

    let members = h
        .core
        .members(&account, &org_id, ReadMode::Network)
        .await
        .expect("members")
        .data;
    let ada = members
        .iter()
        .find(|m| m.email == DEMO_READER.email)
        .expect("ada");
    h.core
        .update_member_scopes(
            &account,
            &org_id,
            &ada.user_id,
            vec!["orgs:read".into(), "kv:*".into()],
        )
        .await
        .expect("rescoped");
    let cached = h
        .core
        .members(&account, &org_id, ReadMode::CacheOnly)
        .await
        .expect("cached")
        .data;
    let ada_now = cached
        .iter()
        .find(|m| m.user_id == ada.user_id)
        .expect("ada");
    assert_eq!(
        ada_now.scopes,
        vec!["orgs:read".to_owned(), "kv:*".to_owned()]
    );

    let owner = members
        .iter()
        .find(|m| m.scopes == vec!["*".to_owned()])
        .expect("owner");
    let locked = h
        .core
        .update_member_scopes(&account, &org_id, &owner.user_id, vec!["orgs:read".into()])
        .await
        .expect_err("owner locked");
    assert_eq!(locked.code().as_str(), "forbidden");

    h.core
        .remove_member(&account, &org_id, &ada.user_id)
        .await
        .expect("removed");
    let after = h
        .core
        .members(&account, &org_id, ReadMode::CacheOnly)
        .await
        .expect("cached")
        .data;
    assert!(after.iter().all(|m| m.user_id != ada.user_id));
}

#[tokio::test]
async fn a_reader_is_refused_writes_with_the_missing_scope_named() {
    let h = Harness::new().await;
    let reader = h.sign_in(&DEMO_READER).await;
    let org_id = h.first_org(&reader, ReadMode::Network).await;
    let refused = h
        .core
        .create_token(&reader, &org_id, key_request("x", &["kv:read"]))
        .await
        .expect_err("no tokens:write");
    assert_eq!(refused.code().as_str(), "forbidden");
    assert_eq!(refused.missing_scope(), Some("tokens:write"));
    assert!(refused.to_string().contains("tokens:write"), "{refused}");
}

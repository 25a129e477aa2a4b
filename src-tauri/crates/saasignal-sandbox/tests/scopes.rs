//! Authorization across credential kinds: member scopes, key scopes, wildcards,
//! project binding and cross-org isolation.

mod common;

use common::TestServer;
use serde_json::json;

#[tokio::test]
async fn member_sessions_act_with_their_scopes() {
    let (server, owner, org) = TestServer::with_org("Scoped Team").await;
    let reader = server.sign_up().await;
    server
        .post(
            &format!("/core/organizations/{org}/members/invite"),
            &owner.token,
            json!({ "email": reader.email, "scopes": ["orgs:read", "projects:read"] }),
        )
        .await
        .expect(202);
    server
        .get(&format!("/core/organizations/{org}"), &reader.token)
        .await
        .expect(200);
    server
        .get(
            &format!("/core/organizations/{org}/projects"),
            &reader.token,
        )
        .await
        .expect(200);
    let denied = server
        .get(&format!("/core/organizations/{org}/tokens"), &reader.token)
        .await;
    denied.expect(403);
    assert_eq!(denied.error(), "insufficient_scope: requires tokens:read");
    let patch = server
        .patch(
            &format!("/core/organizations/{org}"),
            &reader.token,
            json!({ "name": "x" }),
        )
        .await;
    patch.expect(403);
    assert_eq!(patch.error(), "insufficient_scope: requires orgs:write");
}

#[tokio::test]
async fn family_wildcards_grant_their_family() {
    let server = TestServer::start().await;
    let (_, org, key) = server.owner_with_key(&["orgs:*", "tokens:*"]).await;
    server
        .get(&format!("/core/organizations/{org}"), &key)
        .await
        .expect(200);
    server
        .patch(
            &format!("/core/organizations/{org}"),
            &key,
            json!({ "name": "Renamed" }),
        )
        .await
        .expect(200);
    server
        .get(&format!("/core/organizations/{org}/tokens"), &key)
        .await
        .expect(200);
    let denied = server
        .get(&format!("/core/organizations/{org}/projects"), &key)
        .await;
    denied.expect(403);
    assert_eq!(denied.error(), "insufficient_scope: requires projects:read");
}

#[tokio::test]
async fn star_key_can_do_everything_in_its_org() {
    let server = TestServer::start().await;
    let (_, org, key) = server.owner_with_key(&["*"]).await;
    server
        .get(&format!("/core/organizations/{org}/members"), &key)
        .await
        .expect(200);
    let project = server.create_project(&key, &org, "By key").await;
    server
        .get(
            &format!("/core/organizations/{org}/projects/{project}"),
            &key,
        )
        .await
        .expect(200);
    server
        .create_key(&key, &org, json!({ "name": "child", "scopes": ["*"] }))
        .await;
}

#[tokio::test]
async fn keys_never_reach_another_org() {
    let server = TestServer::start().await;
    let (owner, _, key) = server.owner_with_key(&["*"]).await;
    let other = server
        .create_org(&owner.token, "Same Owner Other Org")
        .await;
    for path in [
        format!("/core/organizations/{other}"),
        format!("/core/organizations/{other}/members"),
        format!("/core/organizations/{other}/projects"),
        format!("/core/organizations/{other}/tokens"),
        format!("/core/organizations/{other}/my-scopes"),
    ] {
        let reply = server.get(&path, &key).await;
        reply.expect(404);
        reply.error();
    }
}

#[tokio::test]
async fn project_bound_keys_see_only_their_project() {
    let (server, owner, org) = TestServer::with_org("Bound").await;
    let mine = server.create_project(&owner.token, &org, "Mine").await;
    let theirs = server.create_project(&owner.token, &org, "Theirs").await;
    let (_, key) = server
        .create_key(
            &owner.token,
            &org,
            json!({ "name": "bound", "scopes": ["*"], "project_id": mine }),
        )
        .await;
    let org_path = format!("/core/organizations/{org}");

    let listed = server
        .get(&format!("{org_path}/projects"), &key)
        .await
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], json!(mine));
    server
        .get(&format!("{org_path}/projects/{mine}"), &key)
        .await
        .expect(200);
    server
        .get(&format!("{org_path}/projects/{theirs}"), &key)
        .await
        .expect(404);
    // Deleting projects is org-wide: refused before the project is even looked up, its
    // own included (so nothing about other projects leaks either).
    for project in [&theirs, &mine] {
        let refused = server
            .delete(&format!("{org_path}/projects/{project}"), &key, None)
            .await;
        refused.expect(403);
        assert!(
            refused.error().contains("confined to project"),
            "{}",
            refused.error()
        );
    }
    server
        .post(
            &format!("{org_path}/projects"),
            &key,
            json!({ "name": "New" }),
        )
        .await
        .expect(403);

    server
        .create_key(
            &owner.token,
            &org,
            json!({ "name": "org-wide", "scopes": [] }),
        )
        .await;
    let child = server
        .post(
            &format!("{org_path}/tokens"),
            &key,
            json!({ "name": "child", "scopes": [] }),
        )
        .await;
    child.expect(201);
    assert_eq!(
        child.json()["project_id"],
        json!(mine),
        "children inherit the project"
    );
    server
        .post(
            &format!("{org_path}/tokens"),
            &key,
            json!({ "name": "x", "scopes": [], "project_id": theirs }),
        )
        .await
        .expect(404);
    let tokens = server.get(&format!("{org_path}/tokens"), &key).await.json();
    assert!(
        tokens
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["project_id"] == json!(mine))
    );
}

#[tokio::test]
async fn unknown_routes_and_bad_credentials() {
    let server = TestServer::start().await;
    let owner = server.sign_up().await;
    let missing = server.get("/core/nothing-here", &owner.token).await;
    missing.expect(404);
    missing.error();
    let wrong_method = server
        .put("/core/organizations", &owner.token, json!({}))
        .await;
    wrong_method.expect(405);
    wrong_method.error();
    for bad in ["sk_live_0000", "bt_not.a.jwt", "random-session"] {
        server
            .get("/core/organizations/org_x", bad)
            .await
            .expect(401);
    }
}

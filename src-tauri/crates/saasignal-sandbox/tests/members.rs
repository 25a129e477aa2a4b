//! Members: list, invite, my-scopes, replace scopes, remove; the owner's protections.

mod common;

use common::{TestServer, TestUser, unique_email};
use serde_json::{Value, json};

/// An org with its owner and one member holding `scopes`.
async fn org_with_member(server: &TestServer, scopes: &[&str]) -> (TestUser, String, TestUser) {
    let (owner, org) = server.owner_and_org("Team").await;
    let member = server.sign_up().await;
    server
        .post(
            &format!("/core/organizations/{org}/members/invite"),
            &owner.token,
            json!({ "email": member.email, "scopes": scopes }),
        )
        .await
        .expect(202);
    (owner, org, member)
}

fn find_member<'a>(members: &'a Value, user_id: &str) -> Option<&'a Value> {
    members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user_id"] == json!(user_id))
}

#[tokio::test]
async fn owner_is_listed_with_star() {
    let (server, owner, org) = TestServer::with_org("Solo").await;
    let reply = server
        .get(&format!("/core/organizations/{org}/members"), &owner.token)
        .await;
    reply.expect(200);
    let members = reply.json();
    assert_eq!(members.as_array().unwrap().len(), 1);
    let me = &members[0];
    assert_eq!(me["user_id"], json!(owner.id));
    assert_eq!(me["email"], json!(owner.email));
    assert_eq!(me["name"], json!("Test User"));
    assert_eq!(me["scopes"], json!(["*"]));
    assert!(me["joined_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(me.as_object().unwrap().len(), 5);
}

#[tokio::test]
async fn inviting_an_existing_user_adds_them_at_once() {
    let server = TestServer::start().await;
    let (owner, org, member) = org_with_member(&server, &["orgs:read", "kv:read"]).await;
    let members = server
        .get(&format!("/core/organizations/{org}/members"), &owner.token)
        .await
        .json();
    assert_eq!(
        find_member(&members, &member.id).unwrap()["scopes"],
        json!(["orgs:read", "kv:read"])
    );
    let orgs = server
        .get("/core/organizations", &member.token)
        .await
        .json();
    assert_eq!(orgs["data"][0]["id"], json!(org));
}

#[tokio::test]
async fn invite_pending_until_sign_in_for_new_email() {
    let (server, owner, org) = TestServer::with_org("Later").await;
    let email = unique_email("later");
    let path = format!("/core/organizations/{org}/members/invite");
    let reply = server
        .post(&path, &owner.token, json!({ "email": email }))
        .await;
    reply.expect(202);
    assert_eq!(reply.json()["success"], json!(true));
    // Re-inviting a pending email updates the invite rather than failing.
    server
        .post(
            &path,
            &owner.token,
            json!({ "email": email, "scopes": ["jobs:read"] }),
        )
        .await
        .expect(202);
    let members = server
        .get(&format!("/core/organizations/{org}/members"), &owner.token)
        .await
        .json();
    assert_eq!(
        members.as_array().unwrap().len(),
        1,
        "not a member before signing up"
    );

    let invitee = server.sign_up_as("Later", &email, "password-123").await;
    let members = server
        .get(&format!("/core/organizations/{org}/members"), &owner.token)
        .await
        .json();
    assert_eq!(
        find_member(&members, &invitee.id).unwrap()["scopes"],
        json!(["jobs:read"])
    );
}

#[tokio::test]
async fn invite_errors() {
    let server = TestServer::start().await;
    let (owner, org, member) = org_with_member(&server, &["orgs:read"]).await;
    let path = format!("/core/organizations/{org}/members/invite");

    let again = server
        .post(&path, &owner.token, json!({ "email": member.email }))
        .await;
    again.expect(409);
    server
        .post(&path, &owner.token, json!({ "email": owner.email }))
        .await
        .expect(409);

    for body in [
        json!({}),
        json!({ "email": "nope" }),
        json!({ "email": ".lead@example.com" }),
        json!({ "email": "dou..ble@example.com" }),
    ] {
        let reply = server.post(&path, &owner.token, body.clone()).await;
        reply.expect(400);
        assert!(reply.error().starts_with("email:"), "{body}");
    }
    let bad_scope = server
        .post(
            &path,
            &owner.token,
            json!({ "email": unique_email("s"), "scopes": ["Bad Scope"] }),
        )
        .await;
    bad_scope.expect(400);
    assert!(bad_scope.error().starts_with("scopes:"));
    server
        .post(
            &path,
            &owner.token,
            json!({ "email": unique_email("p"), "project_id": "proj_missing" }),
        )
        .await
        .expect(404);

    // A member with orgs:read only may not invite.
    let denied = server
        .post(&path, &member.token, json!({ "email": unique_email("x") }))
        .await;
    denied.expect(403);
    assert_eq!(denied.error(), "insufficient_scope: requires orgs:write");
}

#[tokio::test]
async fn invite_with_project_restriction() {
    let (server, owner, org) = TestServer::with_org("Projects").await;
    let allowed = server.create_project(&owner.token, &org, "Allowed").await;
    let other = server.create_project(&owner.token, &org, "Other").await;
    let email = unique_email("restricted");
    server
        .post(
            &format!("/core/organizations/{org}/members/invite"),
            &owner.token,
            json!({ "email": email, "scopes": ["projects:read"], "project_id": allowed }),
        )
        .await
        .expect(202);
    let member = server
        .sign_up_as("Restricted", &email, "password-123")
        .await;
    let projects = server
        .get(
            &format!("/core/organizations/{org}/projects"),
            &member.token,
        )
        .await
        .json();
    let ids: Vec<_> = projects
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].clone())
        .collect();
    assert_eq!(ids, [json!(allowed)]);
    server
        .get(
            &format!("/core/organizations/{org}/projects/{other}"),
            &member.token,
        )
        .await
        .expect(404);
}

#[tokio::test]
async fn my_scopes_for_sessions_and_keys() {
    let server = TestServer::start().await;
    let (owner, org, member) = org_with_member(&server, &["orgs:read", "kv:*"]).await;
    let path = format!("/core/organizations/{org}/my-scopes");
    assert_eq!(
        server.get(&path, &owner.token).await.json(),
        json!({ "scopes": ["*"] })
    );
    assert_eq!(
        server.get(&path, &member.token).await.json(),
        json!({ "scopes": ["orgs:read", "kv:*"] })
    );

    let (_, key) = server
        .create_key(
            &owner.token,
            &org,
            json!({ "name": "k", "scopes": ["orgs:read", "jobs:read"] }),
        )
        .await;
    assert_eq!(
        server.get(&path, &key).await.json(),
        json!({ "scopes": ["orgs:read", "jobs:read"] })
    );

    let (_, no_read) = server
        .create_key(
            &owner.token,
            &org,
            json!({ "name": "k2", "scopes": ["kv:read"] }),
        )
        .await;
    let denied = server.get(&path, &no_read).await;
    denied.expect(403);
    assert!(denied.error().contains("insufficient_scope"));
    server.get(&path, "garbage").await.expect(401);
}

#[tokio::test]
async fn replace_member_scopes() {
    let server = TestServer::start().await;
    let (owner, org, member) = org_with_member(&server, &["orgs:read"]).await;
    let path = format!("/core/organizations/{org}/members/{}/scopes", member.id);

    let reply = server
        .put(
            &path,
            &owner.token,
            json!({ "scopes": ["projects:read", "kv:write"] }),
        )
        .await;
    reply.expect(200);
    assert_eq!(reply.json()["scopes"], json!(["projects:read", "kv:write"]));
    assert_eq!(reply.json()["user_id"], json!(member.id));

    // The member lost orgs:read with the replacement.
    server
        .get(&format!("/core/organizations/{org}/members"), &member.token)
        .await
        .expect(403);
    server
        .put(&path, &owner.token, json!({ "scopes": [] }))
        .await
        .expect(200);

    server.put(&path, &owner.token, json!({})).await.expect(400);
    server
        .put(&path, &owner.token, json!({ "scopes": "kv:read" }))
        .await
        .expect(400);
    server
        .put(&path, &owner.token, json!({ "scopes": ["KV:READ"] }))
        .await
        .expect(400);
    server
        .put(
            &format!("/core/organizations/{org}/members/u_missing/scopes"),
            &owner.token,
            json!({ "scopes": [] }),
        )
        .await
        .expect(404);
}

#[tokio::test]
async fn owner_cannot_be_rescoped_or_removed() {
    let server = TestServer::start().await;
    let (owner, org, member) = org_with_member(&server, &["orgs:*"]).await;
    for bearer in [&owner.token, &member.token] {
        let rescope = server
            .put(
                &format!("/core/organizations/{org}/members/{}/scopes", owner.id),
                bearer,
                json!({ "scopes": ["orgs:read"] }),
            )
            .await;
        rescope.expect(403);
        let remove = server
            .delete(
                &format!("/core/organizations/{org}/members/{}", owner.id),
                bearer,
                None,
            )
            .await;
        remove.expect(403);
    }
    assert_eq!(
        server
            .get(
                &format!("/core/organizations/{org}/my-scopes"),
                &owner.token
            )
            .await
            .json(),
        json!({ "scopes": ["*"] })
    );
}

#[tokio::test]
async fn remove_member() {
    let server = TestServer::start().await;
    let (owner, org, member) = org_with_member(&server, &["orgs:read"]).await;
    let path = format!("/core/organizations/{org}/members/{}", member.id);
    let denied = server.delete(&path, &member.token, None).await;
    denied.expect(403);
    assert_eq!(denied.error(), "insufficient_scope: requires orgs:write");

    let removed = server.delete(&path, &owner.token, None).await;
    removed.expect(200);
    assert_eq!(removed.json(), json!({ "success": true }));
    server.delete(&path, &owner.token, None).await.expect(404);
    server
        .get(&format!("/core/organizations/{org}"), &member.token)
        .await
        .expect(404);
    assert_eq!(
        server
            .get("/core/organizations", &member.token)
            .await
            .json(),
        json!({ "data": [] })
    );
}

#[tokio::test]
async fn member_routes_are_404_for_strangers() {
    let server = TestServer::start().await;
    let (_, org, member) = org_with_member(&server, &["orgs:read"]).await;
    let stranger = server.sign_up().await;
    for path in [
        format!("/core/organizations/{org}/members"),
        format!("/core/organizations/{org}/my-scopes"),
    ] {
        server.get(&path, &stranger.token).await.expect(404);
    }
    server
        .post(
            &format!("/core/organizations/{org}/members/invite"),
            &stranger.token,
            json!({ "email": unique_email("z") }),
        )
        .await
        .expect(404);
    server
        .delete(
            &format!("/core/organizations/{org}/members/{}", member.id),
            &stranger.token,
            None,
        )
        .await
        .expect(404);
}

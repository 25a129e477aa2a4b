//! Browser tokens: minting rules and use.

mod common;

use common::TestServer;
use serde_json::{Value, json};

const PATH: &str = "/core/tokens/browser";

#[tokio::test]
async fn mint_inherits_parent_scopes_org_and_project() {
    let (server, owner, org) = TestServer::with_org("Browser").await;
    let project = server.create_project(&owner.token, &org, "Web").await;
    let (_, key) = server
        .create_key(
            &owner.token,
            &org,
            json!({ "name": "k", "scopes": ["projects:read", "kv:read"], "project_id": project }),
        )
        .await;

    let reply = server.post(PATH, &key, json!({})).await;
    reply.expect(200);
    let body = reply.json();
    assert!(body["token"].as_str().unwrap().starts_with("bt_eyJ"));
    assert_eq!(body["ttl"], json!(900));
    assert_eq!(body["scopes"], json!(["projects:read", "kv:read"]));
    assert_eq!(body["org_id"], json!(org));
    assert_eq!(body["project_id"], json!(project));
    let expires =
        chrono::DateTime::parse_from_rfc3339(body["expires_at"].as_str().unwrap()).unwrap();
    let seconds = (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_seconds();
    assert!((895..=901).contains(&seconds), "{seconds}");
    assert_eq!(body.as_object().unwrap().len(), 6);

    // The browser token acts with its scopes, in its project only.
    let bt = body["token"].as_str().unwrap();
    let projects = server
        .get(&format!("/core/organizations/{org}/projects"), bt)
        .await;
    projects.expect(200);
    assert_eq!(projects.json().as_array().unwrap().len(), 1);
    server
        .get(&format!("/core/organizations/{org}/members"), bt)
        .await
        .expect(403);
}

#[tokio::test]
async fn mint_with_subset_and_ttl() {
    let server = TestServer::start().await;
    let (_, org, key) = server.owner_with_key(&["kv:*", "channels:subscribe"]).await;
    let reply = server
        .post(
            PATH,
            &key,
            json!({ "scopes": ["kv:read", "channels:subscribe"], "ttl": 60 }),
        )
        .await;
    reply.expect(200);
    let body = reply.json();
    assert_eq!(body["scopes"], json!(["kv:read", "channels:subscribe"]));
    assert_eq!(body["ttl"], json!(60));
    assert_eq!(body["project_id"], Value::Null);
    assert_eq!(body["org_id"], json!(org));
    server
        .post(PATH, &key, json!({ "scopes": ["kv:*"], "ttl": 1800 }))
        .await
        .expect(200);
}

#[tokio::test]
async fn mint_rejects_bad_ttl_and_scopes() {
    let server = TestServer::start().await;
    let (_, _, key) = server.owner_with_key(&["kv:read", "orgs:read"]).await;
    for body in [
        json!({ "ttl": 59 }),
        json!({ "ttl": 1801 }),
        json!({ "ttl": 0 }),
        json!({ "ttl": 90.5 }),
        json!({ "ttl": "900" }),
    ] {
        let reply = server.post(PATH, &key, body.clone()).await;
        reply.expect(400);
        assert!(reply.error().starts_with("ttl:"), "{body}");
    }
    server
        .post(PATH, &key, json!({ "scopes": ["Not A Scope"] }))
        .await
        .expect(400);
    server
        .post(PATH, &key, json!({ "scopes": "kv:read" }))
        .await
        .expect(400);
    for (scopes, missing) in [
        (json!(["kv:write"]), "kv:write"),
        (json!(["kv:*"]), "kv:*"),
        (json!(["*"]), "*"),
    ] {
        let reply = server.post(PATH, &key, json!({ "scopes": scopes })).await;
        reply.expect(403);
        assert_eq!(
            reply.error(),
            format!("insufficient_scope: requires {missing}")
        );
    }
}

#[tokio::test]
async fn only_api_keys_mint() {
    let server = TestServer::start().await;
    let (owner, _, key) = server.owner_with_key(&["*"]).await;
    server.post(PATH, &owner.token, json!({})).await.expect(401);
    let bt = server.post(PATH, &key, json!({})).await.json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    // A browser token is a credential, refused this action: 403, never another token.
    let refused = server.post(PATH, &bt, json!({})).await;
    refused.expect(403);
    assert!(
        refused.error().contains("browser tokens"),
        "{}",
        refused.error()
    );
    server
        .call(reqwest::Method::POST, PATH, None, None)
        .await
        .expect(401);
}

#[tokio::test]
async fn browser_tokens_die_with_their_parent_and_stay_in_their_org() {
    let server = TestServer::start().await;
    let (owner, org, _) = server.owner_with_key(&[]).await;
    let (key_id, key) = server
        .create_key(
            &owner.token,
            &org,
            json!({ "name": "parent", "scopes": ["orgs:read"] }),
        )
        .await;
    let bt = server.post(PATH, &key, json!({})).await.json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    server
        .get(&format!("/core/organizations/{org}"), &bt)
        .await
        .expect(200);

    let other_org = server.create_org(&owner.token, "Elsewhere").await;
    server
        .get(&format!("/core/organizations/{other_org}"), &bt)
        .await
        .expect(404);

    let mut tampered = bt.clone();
    tampered.pop();
    tampered.push(if bt.ends_with('A') { 'B' } else { 'A' });
    server
        .get(&format!("/core/organizations/{org}"), &tampered)
        .await
        .expect(401);

    server
        .delete(
            &format!("/core/organizations/{org}/tokens/{key_id}"),
            &owner.token,
            None,
        )
        .await
        .expect(200);
    server
        .get(&format!("/core/organizations/{org}"), &bt)
        .await
        .expect(401);
}

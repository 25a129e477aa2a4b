//! API keys: create (copy once), list, filter, revoke, expiry, last use, escalation.

mod common;

use common::TestServer;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn create_returns_token_shape_and_secret_once() {
    let (server, owner, org) = TestServer::with_org("Keys").await;
    let path = format!("/core/organizations/{org}/tokens");
    let created = server
        .post(&path, &owner.token, json!({ "name": "Server", "scopes": ["kv:read", "kv:write"], "expires_at": "2030-01-31T23:59:59Z" }))
        .await;
    created.expect(201);
    let body = created.json();
    let secret = body["token"].as_str().unwrap().to_owned();
    let hex = secret.strip_prefix("sk_live_").expect("sk_live_ prefix");
    assert_eq!(hex.len(), 64);
    assert!(hex.chars().all(|c| c.is_ascii_hexdigit()));
    assert!(body["id"].as_str().unwrap().starts_with("tok_"));
    assert_eq!(body["name"], json!("Server"));
    assert_eq!(body["hint"], json!(&secret[secret.len() - 4..]));
    assert_eq!(body["org_id"], json!(org));
    assert_eq!(body["project_id"], Value::Null);
    assert_eq!(body["scopes"], json!(["kv:read", "kv:write"]));
    assert_eq!(body["expires_at"], json!("2030-01-31T23:59:59Z"));
    assert_eq!(body["last_used_at"], Value::Null);
    assert_eq!(body["revoked"], json!(false));
    assert!(body["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        body.as_object().unwrap().len(),
        11,
        "Token's ten fields plus the secret"
    );

    // The secret never appears again: not in lists, filtered lists, or after use.
    server
        .get(&format!("/core/organizations/{org}/my-scopes"), &secret)
        .await;
    for reply in [
        server.get(&path, &owner.token).await,
        server
            .get(&format!("{path}?project_id="), &owner.token)
            .await,
        server
            .get(&format!("/core/organizations/{org}"), &owner.token)
            .await,
        server
            .get(&format!("/core/organizations/{org}/members"), &owner.token)
            .await,
        server.get("/api/auth/get-session", &owner.token).await,
    ] {
        assert!(!reply.text.contains(hex), "secret leaked: {}", reply.text);
    }
    let listed = server.get(&path, &owner.token).await.json();
    let listed = &listed[0];
    assert!(listed.get("token").is_none());
    assert_eq!(listed.as_object().unwrap().len(), 10);
}

#[tokio::test]
async fn create_validation() {
    let (server, owner, org) = TestServer::with_org("Validation").await;
    let path = format!("/core/organizations/{org}/tokens");
    for (body, field) in [
        (json!({ "scopes": [] }), "name"),
        (json!({ "name": "", "scopes": [] }), "name"),
        (json!({ "name": "x" }), "scopes"),
        (json!({ "name": "x", "scopes": "kv:read" }), "scopes"),
        (json!({ "name": "x", "scopes": [1] }), "scopes"),
        (json!({ "name": "x", "scopes": ["kv"] }), "scopes"),
        (
            json!({ "name": "x", "scopes": [], "expires_at": "2023-02-29T00:00:00Z" }),
            "expires_at",
        ),
        (
            json!({ "name": "x", "scopes": [], "expires_at": "2030-01-01" }),
            "expires_at",
        ),
        (
            json!({ "name": "x", "scopes": [], "expires_at": "2030-01-01T00:00:00+01:00" }),
            "expires_at",
        ),
    ] {
        let reply = server.post(&path, &owner.token, body.clone()).await;
        reply.expect(400);
        assert!(
            reply.error().starts_with(&format!("{field}:")),
            "{body}: {}",
            reply.text
        );
    }
    for ok in [
        "2024-02-29T00:00:00Z",
        "2031-06-30T12:30Z",
        "2032-02-29T08:00:00.250Z",
    ] {
        let reply = server
            .post(
                &path,
                &owner.token,
                json!({ "name": "x", "scopes": [], "expires_at": ok }),
            )
            .await;
        reply.expect(201);
    }
    let null_fields = server
        .post(
            &path,
            &owner.token,
            json!({ "name": "x", "scopes": [], "expires_at": null, "project_id": null }),
        )
        .await;
    null_fields.expect(201);
    server
        .post(
            &path,
            &owner.token,
            json!({ "name": "x", "scopes": [], "project_id": "proj_missing" }),
        )
        .await
        .expect(404);
    server
        .post(
            "/core/organizations/org_missing/tokens",
            &owner.token,
            json!({ "name": "x", "scopes": [] }),
        )
        .await
        .expect(404);
}

#[tokio::test]
async fn list_filters_by_project() {
    let (server, owner, org) = TestServer::with_org("Filters").await;
    let project = server.create_project(&owner.token, &org, "P").await;
    let other = server.create_project(&owner.token, &org, "Q").await;
    let (org_wide, _) = server
        .create_key(&owner.token, &org, json!({ "name": "org", "scopes": [] }))
        .await;
    let (bound, _) = server
        .create_key(
            &owner.token,
            &org,
            json!({ "name": "p", "scopes": [], "project_id": project }),
        )
        .await;
    let path = format!("/core/organizations/{org}/tokens");

    let ids = |reply: &common::Reply| -> Vec<Value> {
        reply
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].clone())
            .collect()
    };
    assert_eq!(
        ids(&server.get(&path, &owner.token).await),
        [json!(org_wide), json!(bound)]
    );
    let filtered = server
        .get(&format!("{path}?project_id={project}"), &owner.token)
        .await;
    filtered.expect(200);
    assert_eq!(ids(&filtered), [json!(bound)]);
    assert_eq!(filtered.json()[0]["project_id"], json!(project));
    assert_eq!(
        ids(&server
            .get(&format!("{path}?project_id={other}"), &owner.token)
            .await),
        Vec::<Value>::new()
    );
    server
        .get(&format!("{path}?project_id=proj_missing"), &owner.token)
        .await
        .expect(404);
}

#[tokio::test]
async fn revoked_keys_stop_working() {
    let (server, owner, org) = TestServer::with_org("Revocation").await;
    let (id, key) = server
        .create_key(&owner.token, &org, json!({ "name": "k", "scopes": ["*"] }))
        .await;
    let orgs_path = format!("/core/organizations/{org}");
    server.get(&orgs_path, &key).await.expect(200);

    let revoked = server
        .delete(&format!("{orgs_path}/tokens/{id}"), &owner.token, None)
        .await;
    revoked.expect(200);
    assert_eq!(revoked.json(), json!({ "success": true }));
    let denied = server.get(&orgs_path, &key).await;
    denied.expect(401);
    denied.error();
    server
        .delete(&format!("{orgs_path}/tokens/{id}"), &owner.token, None)
        .await
        .expect(200);
    let listed = server
        .get(&format!("{orgs_path}/tokens"), &owner.token)
        .await
        .json();
    assert_eq!(listed[0]["revoked"], json!(true));
    server
        .delete(
            &format!("{orgs_path}/tokens/tok_missing"),
            &owner.token,
            None,
        )
        .await
        .expect(404);
}

#[tokio::test]
async fn expired_keys_are_unauthorized() {
    let (server, owner, org) = TestServer::with_org("Expiry").await;
    let (_, key) = server
        .create_key(
            &owner.token,
            &org,
            json!({ "name": "old", "scopes": ["*"], "expires_at": "2020-01-01T00:00:00Z" }),
        )
        .await;
    server
        .get(&format!("/core/organizations/{org}"), &key)
        .await
        .expect(401);
}

#[tokio::test]
async fn use_records_last_used_at() {
    let (server, owner, org) = TestServer::with_org("Usage").await;
    let (_, key) = server
        .create_key(
            &owner.token,
            &org,
            json!({ "name": "k", "scopes": ["orgs:read"] }),
        )
        .await;
    let path = format!("/core/organizations/{org}/tokens");
    assert_eq!(
        server.get(&path, &owner.token).await.json()[0]["last_used_at"],
        Value::Null
    );
    server
        .get(&format!("/core/organizations/{org}"), &key)
        .await
        .expect(200);
    let used = server.get(&path, &owner.token).await.json();
    assert!(used[0]["last_used_at"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn keys_cannot_exceed_their_creator() {
    let (server, owner, org) = TestServer::with_org("Escalation").await;
    let (_, key) = server
        .create_key(
            &owner.token,
            &org,
            json!({ "name": "k", "scopes": ["tokens:write", "kv:*"] }),
        )
        .await;
    let path = format!("/core/organizations/{org}/tokens");
    for (scopes, missing) in [
        (json!(["orgs:read"]), "orgs:read"),
        (json!(["kv:read", "jobs:read"]), "jobs:read"),
        (json!(["*"]), "*"),
        (json!(["tokens:*"]), "tokens:*"),
    ] {
        let reply = server
            .post(&path, &key, json!({ "name": "more", "scopes": scopes }))
            .await;
        reply.expect(403);
        assert_eq!(
            reply.error(),
            format!("insufficient_scope: requires {missing}")
        );
    }
    for scopes in [
        json!(["kv:read", "kv:write"]),
        json!(["kv:*"]),
        json!(["tokens:write"]),
        json!([]),
    ] {
        server
            .post(&path, &key, json!({ "name": "less", "scopes": scopes }))
            .await
            .expect(201);
    }
}

#[tokio::test]
async fn x_api_key_header_is_accepted() {
    let server = TestServer::start().await;
    let (_, org, key) = server.owner_with_key(&["orgs:read"]).await;
    let reply = server
        .client
        .get(server.url(&format!("/core/organizations/{org}")))
        .header("x-api-key", &key)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status().as_u16(), 200);
    let anonymous = server
        .call(
            Method::GET,
            &format!("/core/organizations/{org}"),
            None,
            None,
        )
        .await;
    anonymous.expect(401);
    assert_eq!(anonymous.json()["success"], json!(false));
}

//! Organizations: list, create, get, update, delete.

mod common;

use common::TestServer;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn create_and_list_orgs() {
    let server = TestServer::start().await;
    let user = server.sign_up().await;
    let empty = server.get("/core/organizations", &user.token).await;
    empty.expect(200);
    assert_eq!(empty.json(), json!({ "data": [] }));

    let created = server
        .post(
            "/core/organizations",
            &user.token,
            json!({ "name": "Acme Corp" }),
        )
        .await;
    created.expect(201);
    let org = created.json();
    assert!(org["id"].as_str().unwrap().starts_with("org_"));
    assert_eq!(org["name"], json!("Acme Corp"));
    assert_eq!(org["slug"], json!("acme-corp"));
    assert!(org["createdAt"].as_str().unwrap().ends_with('Z'));
    let keys: Vec<_> = org.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 4, "exactly id, name, slug, createdAt: {keys:?}");

    let explicit = server
        .post(
            "/core/organizations",
            &user.token,
            json!({ "name": "Second", "slug": "second-org" }),
        )
        .await;
    explicit.expect(201);
    assert_eq!(explicit.json()["slug"], json!("second-org"));

    let list = server.get("/core/organizations", &user.token).await.json();
    let ids: Vec<_> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].clone())
        .collect();
    assert_eq!(ids, [org["id"].clone(), explicit.json()["id"].clone()]);

    let stranger = server.sign_up().await;
    assert_eq!(
        server
            .get("/core/organizations", &stranger.token)
            .await
            .json(),
        json!({ "data": [] })
    );
}

#[tokio::test]
async fn generated_slugs_never_collide_but_explicit_ones_conflict() {
    let server = TestServer::start().await;
    let user = server.sign_up().await;
    let first = server
        .post(
            "/core/organizations",
            &user.token,
            json!({ "name": "Same Name" }),
        )
        .await
        .json();
    let second = server
        .post(
            "/core/organizations",
            &user.token,
            json!({ "name": "Same Name" }),
        )
        .await;
    second.expect(201);
    assert_eq!(first["slug"], json!("same-name"));
    assert_eq!(second.json()["slug"], json!("same-name-2"));

    let other = server.sign_up().await;
    let taken = server
        .post(
            "/core/organizations",
            &other.token,
            json!({ "name": "Mine", "slug": "same-name" }),
        )
        .await;
    taken.expect(409);
    assert!(taken.error().contains("same-name"), "{}", taken.text);
}

#[tokio::test]
async fn create_org_validation() {
    let server = TestServer::start().await;
    let user = server.sign_up().await;
    let cases = [
        (json!({}), "name"),
        (json!({ "name": "" }), "name"),
        (json!({ "name": "   " }), "name"),
        (json!({ "name": 42 }), "name"),
        (json!({ "name": "Ok", "slug": "Not Valid" }), "slug"),
        (json!({ "name": "Ok", "slug": "" }), "slug"),
        (json!({ "name": "Ok", "slug": "under_score" }), "slug"),
    ];
    for (body, field) in cases {
        let reply = server
            .post("/core/organizations", &user.token, body.clone())
            .await;
        reply.expect(400);
        assert!(
            reply.error().starts_with(&format!("{field}:")),
            "{body} → {}",
            reply.text
        );
    }
    let garbage = server
        .send(
            Method::POST,
            "/core/organizations",
            Some(&user.token),
            Some("{\"name\":"),
        )
        .await;
    garbage.expect(400);
    assert!(garbage.error().contains("JSON"));
    let not_object = server
        .send(
            Method::POST,
            "/core/organizations",
            Some(&user.token),
            Some("[]"),
        )
        .await;
    not_object.expect(400);
}

#[tokio::test]
async fn org_list_and_create_need_a_session() {
    let server = TestServer::start().await;
    server
        .call(Method::GET, "/core/organizations", None, None)
        .await
        .expect(401);
    server
        .get("/core/organizations", "not-a-session")
        .await
        .expect(401);
    let (_, _, key) = server.owner_with_key(&["*"]).await;
    let with_key = server.get("/core/organizations", &key).await;
    with_key.expect(401);
    with_key.error();
    server
        .post("/core/organizations", &key, json!({ "name": "Nope" }))
        .await
        .expect(401);
}

#[tokio::test]
async fn get_update_and_conflicts() {
    let (server, user, org) = TestServer::with_org("Before").await;
    server.create_org(&user.token, "Taken Slug").await;
    let path = format!("/core/organizations/{org}");

    let got = server.get(&path, &user.token).await;
    got.expect(200);
    assert_eq!(got.json()["name"], json!("Before"));

    let renamed = server
        .patch(&path, &user.token, json!({ "name": "After" }))
        .await;
    renamed.expect(200);
    assert_eq!(renamed.json()["name"], json!("After"));
    assert_eq!(
        renamed.json()["slug"],
        json!("before"),
        "renaming keeps the slug"
    );

    let reslug = server
        .patch(&path, &user.token, json!({ "slug": "after" }))
        .await;
    reslug.expect(200);
    assert_eq!(reslug.json()["slug"], json!("after"));
    server
        .patch(&path, &user.token, json!({ "slug": "after" }))
        .await
        .expect(200);

    let conflict = server
        .patch(&path, &user.token, json!({ "slug": "taken-slug" }))
        .await;
    conflict.expect(409);
    assert!(conflict.error().contains("taken-slug"));

    server
        .patch(&path, &user.token, json!({ "slug": "Bad Slug" }))
        .await
        .expect(400);
    server
        .patch(&path, &user.token, json!({ "name": "" }))
        .await
        .expect(400);
    server
        .patch(&path, &user.token, json!({}))
        .await
        .expect(200);
    assert_eq!(
        server.get(&path, &user.token).await.json()["name"],
        json!("After")
    );

    server
        .get("/core/organizations/org_missing", &user.token)
        .await
        .expect(404);
    server
        .patch(
            "/core/organizations/org_missing",
            &user.token,
            json!({ "name": "x" }),
        )
        .await
        .expect(404);
}

#[tokio::test]
async fn other_users_orgs_are_not_found() {
    let (server, _, org) = TestServer::with_org("Private").await;
    let stranger = server.sign_up().await;
    let path = format!("/core/organizations/{org}");
    for reply in [
        server.get(&path, &stranger.token).await,
        server
            .patch(&path, &stranger.token, json!({ "name": "Mine" }))
            .await,
        server
            .delete(
                &path,
                &stranger.token,
                Some(json!({ "confirm_name": "Private" })),
            )
            .await,
    ] {
        reply.expect(404);
        assert!(reply.error().contains("not found"));
    }
}

#[tokio::test]
async fn delete_requires_confirm_name_and_removes_everything() {
    let (server, user, org) = TestServer::with_org("Doomed Org").await;
    server.create_project(&user.token, &org, "Inside").await;
    let (_, key) = server
        .create_key(&user.token, &org, json!({ "name": "k", "scopes": ["*"] }))
        .await;
    let path = format!("/core/organizations/{org}");

    let missing = server.delete(&path, &user.token, None).await;
    missing.expect(400);
    assert!(missing.error().starts_with("confirm_name:"));
    server
        .delete(
            &path,
            &user.token,
            Some(json!({ "confirm_name": "doomed org" })),
        )
        .await
        .expect(400);

    let deleted = server
        .delete(
            &path,
            &user.token,
            Some(json!({ "confirm_name": "Doomed Org" })),
        )
        .await;
    deleted.expect(200);
    assert_eq!(deleted.json(), json!({ "success": true }));
    server.get(&path, &user.token).await.expect(404);
    assert_eq!(
        server.get("/core/organizations", &user.token).await.json(),
        json!({ "data": [] })
    );
    server
        .get(&format!("{path}/projects"), &key)
        .await
        .expect(401);
}

#[tokio::test]
async fn delete_needs_the_wildcard_scope() {
    let (server, user, org) = TestServer::with_org("Guarded").await;
    let (_, key) = server
        .create_key(
            &user.token,
            &org,
            json!({ "name": "k", "scopes": ["orgs:*", "projects:*", "tokens:*"] }),
        )
        .await;
    let reply = server
        .delete(
            &format!("/core/organizations/{org}"),
            &key,
            Some(json!({ "confirm_name": "Guarded" })),
        )
        .await;
    reply.expect(403);
    assert_eq!(reply.error(), "insufficient_scope: requires *");
}

//! Projects: list, create, get, delete.

mod common;

use common::TestServer;
use serde_json::json;

#[tokio::test]
async fn create_with_defaults_and_explicit_fields() {
    let (server, owner, org) = TestServer::with_org("Builders").await;
    let path = format!("/core/organizations/{org}/projects");

    let minimal = server
        .post(&path, &owner.token, json!({ "name": "Minimal" }))
        .await;
    minimal.expect(201);
    let project = minimal.json();
    assert!(project["id"].as_str().unwrap().starts_with("proj_"));
    assert_eq!(project["orgId"], json!(org));
    assert_eq!(project["name"], json!("Minimal"));
    assert_eq!(project["description"], json!(""));
    assert_eq!(project["region"], json!("enam"));
    assert!(project["createdAt"].as_str().unwrap().ends_with('Z'));
    assert_eq!(project.as_object().unwrap().len(), 6);

    let full = server
        .post(
            &path,
            &owner.token,
            json!({ "name": "Full", "description": "All fields", "region": "apac" }),
        )
        .await;
    full.expect(201);
    assert_eq!(full.json()["region"], json!("apac"));
    assert_eq!(full.json()["description"], json!("All fields"));

    let list = server.get(&path, &owner.token).await;
    list.expect(200);
    let names: Vec<_> = list
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].clone())
        .collect();
    assert_eq!(names, [json!("Minimal"), json!("Full")]);

    let one = server
        .get(
            &format!("{path}/{}", project["id"].as_str().unwrap()),
            &owner.token,
        )
        .await;
    one.expect(200);
    assert_eq!(one.json(), project);
}

#[tokio::test]
async fn create_validation() {
    let (server, owner, org) = TestServer::with_org("Strict").await;
    let path = format!("/core/organizations/{org}/projects");
    for (body, field) in [
        (json!({}), "name"),
        (json!({ "name": "" }), "name"),
        (json!({ "name": " " }), "name"),
        (json!({ "name": "x", "region": "mars" }), "region"),
        (json!({ "name": "x", "region": "ENAM" }), "region"),
        (json!({ "name": "x", "description": 3 }), "description"),
    ] {
        let reply = server.post(&path, &owner.token, body.clone()).await;
        reply.expect(400);
        assert!(
            reply.error().starts_with(&format!("{field}:")),
            "{body}: {}",
            reply.text
        );
    }
    for region in ["wnam", "enam", "weur", "eeur", "apac", "oc", "afr", "me"] {
        server
            .post(
                &path,
                &owner.token,
                json!({ "name": region, "region": region }),
            )
            .await
            .expect(201);
    }
}

#[tokio::test]
async fn delete_project_revokes_its_keys() {
    let (server, owner, org) = TestServer::with_org("Cleanup").await;
    let project = server.create_project(&owner.token, &org, "Going").await;
    let (token_id, key) = server
        .create_key(
            &owner.token,
            &org,
            json!({ "name": "bound", "scopes": ["projects:read"], "project_id": project }),
        )
        .await;
    server
        .get(&format!("/core/organizations/{org}/projects"), &key)
        .await
        .expect(200);

    let path = format!("/core/organizations/{org}/projects/{project}");
    let deleted = server.delete(&path, &owner.token, None).await;
    deleted.expect(200);
    assert_eq!(deleted.json(), json!({ "success": true }));
    server.get(&path, &owner.token).await.expect(404);
    server.delete(&path, &owner.token, None).await.expect(404);

    server
        .get(&format!("/core/organizations/{org}/projects"), &key)
        .await
        .expect(401);
    let tokens = server
        .get(&format!("/core/organizations/{org}/tokens"), &owner.token)
        .await
        .json();
    let listed = tokens
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == json!(token_id))
        .unwrap();
    assert_eq!(listed["revoked"], json!(true));
}

#[tokio::test]
async fn projects_of_other_orgs_are_not_found() {
    let (server, owner, org_a) = TestServer::with_org("A").await;
    let org_b = server.create_org(&owner.token, "B").await;
    let in_b = server.create_project(&owner.token, &org_b, "In B").await;
    server
        .get(
            &format!("/core/organizations/{org_a}/projects/{in_b}"),
            &owner.token,
        )
        .await
        .expect(404);
    server
        .delete(
            &format!("/core/organizations/{org_a}/projects/{in_b}"),
            &owner.token,
            None,
        )
        .await
        .expect(404);
    server
        .get(
            &format!("/core/organizations/{org_a}/projects/proj_missing"),
            &owner.token,
        )
        .await
        .expect(404);

    let stranger = server.sign_up().await;
    server
        .get(
            &format!("/core/organizations/{org_b}/projects"),
            &stranger.token,
        )
        .await
        .expect(404);
    server
        .post(
            &format!("/core/organizations/{org_b}/projects"),
            &stranger.token,
            json!({ "name": "x" }),
        )
        .await
        .expect(404);
}

#[tokio::test]
async fn project_scopes_are_enforced() {
    let (server, owner, org) = TestServer::with_org("Scoped").await;
    let project = server.create_project(&owner.token, &org, "P").await;
    let path = format!("/core/organizations/{org}/projects");
    let (_, reader) = server
        .create_key(
            &owner.token,
            &org,
            json!({ "name": "r", "scopes": ["projects:read"] }),
        )
        .await;
    let (_, nothing) = server
        .create_key(
            &owner.token,
            &org,
            json!({ "name": "n", "scopes": ["kv:read"] }),
        )
        .await;

    server.get(&path, &reader).await.expect(200);
    server
        .get(&format!("{path}/{project}"), &reader)
        .await
        .expect(200);
    let denied = server.post(&path, &reader, json!({ "name": "x" })).await;
    denied.expect(403);
    assert_eq!(
        denied.error(),
        "insufficient_scope: requires projects:write"
    );
    server
        .delete(&format!("{path}/{project}"), &reader, None)
        .await
        .expect(403);
    let none = server.get(&path, &nothing).await;
    none.expect(403);
    assert_eq!(none.error(), "insufficient_scope: requires projects:read");
}

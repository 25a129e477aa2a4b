//! Restarts on the same file keep everything; demo seeding is idempotent.

mod common;

use common::{TestServer, config};
use saasignal_sandbox::seed::{DEMO_MAINTAINER, DEMO_OWNER, DEMO_READER};
use saasignal_sandbox::{DbLocation, SandboxConfig, SeedOutcome, seed_demo};
use serde_json::{Value, json};

fn file_config(dir: &tempfile::TempDir) -> SandboxConfig {
    SandboxConfig {
        db: DbLocation::File(dir.path().join("sandbox.db")),
        ..config()
    }
}

#[tokio::test]
async fn restart_keeps_users_sessions_orgs_keys_and_browser_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let first = TestServer::start_with(file_config(&dir)).await;
    let owner = first.sign_up().await;
    let org = first.create_org(&owner.token, "Durable").await;
    let project = first.create_project(&owner.token, &org, "Kept").await;
    let (_, key) = first
        .create_key(&owner.token, &org, json!({ "name": "k", "scopes": ["*"] }))
        .await;
    let bt = first
        .post("/core/tokens/browser", &key, json!({}))
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let tokens_before = first
        .get(&format!("/core/organizations/{org}/tokens"), &owner.token)
        .await
        .json();
    first.handle.shutdown().await;

    let second = TestServer::start_with(file_config(&dir)).await;
    let session = second
        .get("/api/auth/get-session", &owner.token)
        .await
        .json();
    assert_eq!(session["user"]["id"], json!(owner.id), "session survives");
    second
        .sign_in(&owner.email, &owner.password)
        .await
        .expect(200);
    let orgs = second.get("/core/organizations", &owner.token).await.json();
    assert_eq!(orgs["data"][0]["id"], json!(org));
    second
        .get(
            &format!("/core/organizations/{org}/projects/{project}"),
            &key,
        )
        .await
        .expect(200);
    second
        .get(&format!("/core/organizations/{org}"), &bt)
        .await
        .expect(200);
    let tokens_after = second
        .get(&format!("/core/organizations/{org}/tokens"), &owner.token)
        .await
        .json();
    assert_eq!(tokens_after[0]["id"], tokens_before[0]["id"]);
    second.handle.shutdown().await;
}

#[tokio::test]
async fn file_database_uses_wal() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_with(file_config(&dir)).await;
    server.sign_up().await;
    assert!(
        dir.path().join("sandbox.db-wal").exists(),
        "WAL file beside the database"
    );
    server.handle.shutdown().await;
}

#[tokio::test]
async fn demo_seed_is_complete() {
    let server = TestServer::start_with(SandboxConfig {
        seed_demo: true,
        ..config()
    })
    .await;
    let demo = server.sign_in(DEMO_OWNER.email, DEMO_OWNER.password).await;
    demo.expect(200);
    let token = demo.json()["token"].as_str().unwrap().to_owned();
    assert_eq!(demo.json()["user"]["name"], json!("Demo User"));

    let orgs = server.get("/core/organizations", &token).await.json();
    let acme = &orgs["data"][0];
    assert_eq!(acme["name"], json!("Acme Corp"));
    assert_eq!(acme["slug"], json!("acme"));
    let org = acme["id"].as_str().unwrap();

    let projects = server
        .get(&format!("/core/organizations/{org}/projects"), &token)
        .await
        .json();
    let regions: Vec<_> = projects
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["region"].as_str().unwrap())
        .collect();
    assert_eq!(regions.len(), 3);
    assert!(regions.contains(&"enam") && regions.contains(&"weur") && regions.contains(&"apac"));

    let members = server
        .get(&format!("/core/organizations/{org}/members"), &token)
        .await
        .json();
    assert_eq!(members.as_array().unwrap().len(), 3);

    let tokens = server
        .get(&format!("/core/organizations/{org}/tokens"), &token)
        .await
        .json();
    let tokens = tokens.as_array().unwrap();
    assert_eq!(tokens.len(), 4);
    assert_eq!(
        tokens
            .iter()
            .filter(|t| t["revoked"] == json!(true))
            .count(),
        1
    );
    assert!(
        tokens
            .iter()
            .any(|t| t["last_used_at"] == Value::Null && t["revoked"] == json!(false))
    );
    let soon = chrono::Utc::now() + chrono::Duration::days(7);
    assert!(tokens.iter().any(|t| {
        t["expires_at"]
            .as_str()
            .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
            .is_some_and(|at| at < soon)
    }));
    let recent = chrono::Utc::now() - chrono::Duration::hours(1);
    assert!(tokens.iter().any(|t| {
        t["last_used_at"]
            .as_str()
            .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
            .is_some_and(|at| at > recent)
    }));

    for account in [DEMO_READER, DEMO_MAINTAINER] {
        server
            .sign_in(account.email, account.password)
            .await
            .expect(200);
    }
}

#[tokio::test]
async fn seeding_twice_creates_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = SandboxConfig {
        seed_demo: true,
        ..file_config(&dir)
    };
    let first = TestServer::start_with(seeded.clone()).await;
    assert_eq!(
        seed_demo(first.handle.sandbox()).await.unwrap(),
        SeedOutcome::AlreadySeeded
    );
    first.handle.shutdown().await;

    let second = TestServer::start_with(seeded).await;
    let token = second
        .sign_in(DEMO_OWNER.email, DEMO_OWNER.password)
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let orgs = second.get("/core/organizations", &token).await.json();
    assert_eq!(orgs["data"].as_array().unwrap().len(), 1);
    let org = orgs["data"][0]["id"].as_str().unwrap();
    assert_eq!(
        second
            .get(&format!("/core/organizations/{org}/projects"), &token)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        second
            .get(&format!("/core/organizations/{org}/tokens"), &token)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        4
    );
    second.handle.shutdown().await;
}

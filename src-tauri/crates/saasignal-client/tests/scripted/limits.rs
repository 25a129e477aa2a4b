//! Answers larger than the API ever sends are refused without being read whole, and a
//! new key's secret survives details that do not read.

use saasignal_client::{ApiError, NewToken, PlatformClient};
use saasignal_secret::Secret;

use crate::common::fast_config;
use crate::common::scripted::{ScriptedServer, Step};

const LIMIT: u64 = 1024 * 1024;

async fn serve(script: Vec<Step>) -> (ScriptedServer, PlatformClient) {
    let server = ScriptedServer::start(script).await;
    let mut config = fast_config(server.base_url());
    config.max_response_bytes = LIMIT;
    let client = PlatformClient::new(config).expect("client");
    (server, client)
}

#[tokio::test]
async fn an_announced_oversized_answer_is_refused_and_not_retried() {
    let huge = format!("[{}]", "0,".repeat(LIMIT as usize) + "0");
    let (server, client) = serve(vec![Step::json(200, &huge)]).await;
    let error = client.list_orgs(&Secret::new("session")).await.unwrap_err();
    assert!(
        matches!(
            error,
            ApiError::TooLarge {
                limit_bytes: LIMIT,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.code().as_str(), "response_too_large");
    assert!(error.to_string().contains("larger than 1 MiB"), "{error}");
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn an_unannounced_stream_is_cut_off_at_the_limit() {
    // 100 MiB offered; the client stops after 1 MiB.
    let (server, client) = serve(vec![Step::Endless {
        total: 100 * 1024 * 1024,
    }])
    .await;
    let started = std::time::Instant::now();
    let error = client.list_orgs(&Secret::new("session")).await.unwrap_err();
    assert_eq!(error.code().as_str(), "response_too_large", "{error:?}");
    assert_eq!(server.hits(), 1);
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
}

#[tokio::test]
async fn a_new_keys_secret_is_kept_when_its_details_do_not_read() {
    // `created_at` of the wrong type and no name: the details fail, the secret is there.
    let body = r#"{"id":"tok_9","token":"sk_live_keepme0123456789","created_at":{"not":"a date"},"revoked":"maybe"}"#;
    let (_server, client) = serve(vec![Step::json(201, body)]).await;
    let request = NewToken {
        name: "CI".into(),
        scopes: vec!["kv:read".into()],
        project_id: None,
        expires_at: None,
    };
    let created = client
        .create_token(&Secret::new("session"), "org_1", &request)
        .await
        .expect("the secret is not lost");
    assert_eq!(created.secret.expose(), "sk_live_keepme0123456789");
    assert_eq!(created.item.id, "tok_9");
    assert_eq!(created.item.name, "CI");
    assert_eq!(created.item.scopes, ["kv:read"]);
    assert_eq!(created.item.hint, "6789");
}

#[tokio::test]
async fn an_unreadable_answer_to_a_create_says_the_change_may_have_been_made() {
    let (_server, client) = serve(vec![Step::json(201, "{\"id\":")]).await;
    let request = NewToken {
        name: "CI".into(),
        scopes: vec!["kv:read".into()],
        project_id: None,
        expires_at: None,
    };
    let error = client
        .create_token(&Secret::new("session"), "org_1", &request)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            ApiError::Undecodable {
                request_may_have_run: true,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("Refresh before trying again"),
        "{error}"
    );
}

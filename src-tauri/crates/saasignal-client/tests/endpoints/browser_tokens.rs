use saasignal_client::{ApiError, BrowserTokenRequest, NewToken};
use saasignal_model::{Minted, Token};
use saasignal_secret::Secret;

use crate::common::{TestSandbox, scopes};

async fn api_key(
    sandbox: &TestSandbox,
    owner: &Secret,
    key_scopes: &[&str],
) -> Minted<Token, Secret> {
    let org = sandbox.demo_org(owner).await;
    let new = NewToken {
        name: "Browser parent".into(),
        scopes: scopes(key_scopes),
        ..NewToken::default()
    };
    sandbox
        .client
        .create_token(owner, &org.id, &new)
        .await
        .expect("key")
}

#[tokio::test]
async fn mint_from_an_api_key() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let key = api_key(&sandbox, &owner, &["kv:read", "kv:write"]).await;
    let request = BrowserTokenRequest {
        scopes: Some(scopes(&["kv:read"])),
        ttl: Some(120),
    };
    let minted = sandbox
        .client
        .create_browser_token(&key.secret, &request)
        .await
        .expect("minted");
    assert!(minted.secret.starts_with("bt_"));
    assert_eq!(minted.item.ttl, 120);
    assert_eq!(minted.item.scopes, ["kv:read"]);
    assert_eq!(
        minted.item.org_id.as_deref(),
        Some(key.item.org_id.as_str())
    );
    assert!(minted.item.expires_at.is_some());

    let inherited = sandbox
        .client
        .create_browser_token(&key.secret, &BrowserTokenRequest::default())
        .await
        .expect("minted");
    assert_eq!(inherited.item.scopes, ["kv:read", "kv:write"]);
    assert_eq!(inherited.item.ttl, 900);
}

#[tokio::test]
async fn scopes_beyond_the_key_and_session_credentials_are_refused() {
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let key = api_key(&sandbox, &owner, &["kv:read"]).await;
    let request = BrowserTokenRequest {
        scopes: Some(scopes(&["kv:write"])),
        ttl: None,
    };
    let error = sandbox
        .client
        .create_browser_token(&key.secret, &request)
        .await
        .unwrap_err();
    assert_eq!(error.missing_scope(), Some("kv:write"));

    let error = sandbox
        .client
        .create_browser_token(&owner, &BrowserTokenRequest::default())
        .await
        .unwrap_err();
    assert_eq!(error, ApiError::Unauthorized);
}

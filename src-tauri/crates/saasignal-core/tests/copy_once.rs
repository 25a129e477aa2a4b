//! A new API key's secret: held under a handle, revealed and copied while the dialog is
//! open, gone after it closes, never in the cache, and really a working key.

mod common;

use common::{Harness, contains, key_request};
use saasignal_client::{BrowserTokenRequest, ClientConfig, PlatformClient};
use saasignal_core::services::accounts::Server;
use saasignal_core::{NewToken, ReadMode};

#[tokio::test]
async fn the_secret_is_shown_once_and_never_stored() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    let created = h
        .core
        .create_token(
            &account,
            &org_id,
            NewToken {
                name: "Deploy".into(),
                scopes: vec!["projects:read".into(), "tokens:read".into()],
                project_id: None,
                expires_at: Some("2031-01-31T23:59:59Z".into()),
            },
        )
        .await
        .expect("created");

    let secret = h.core.reveal_secret(&created.secret).expect("revealed");
    assert!(secret.starts_with("sk_live_"));
    assert_eq!(created.item.hint, secret.hint());
    let serialised = serde_json::to_string(&created).expect("encodes");
    assert!(
        !serialised.contains(secret.expose()),
        "the handle carries no secret"
    );

    let receipt = h.core.copy_secret(&created.secret).expect("copied");
    assert_eq!(h.clipboard.content().as_deref(), Some(secret.expose()));
    assert!(receipt.clears_at > chrono::Utc::now());

    h.core.discard_secret(&created.secret);
    assert_eq!(
        h.core
            .reveal_secret(&created.secret)
            .expect_err("gone")
            .code()
            .as_str(),
        "secret_gone"
    );

    // The list shows it by hint only; no file of the cache holds the secret.
    let tokens = h
        .core
        .tokens(&account, &org_id, ReadMode::Network)
        .await
        .expect("tokens");
    assert!(tokens.data.iter().any(|t| t.id == created.item.id));
    assert!(!contains(&h.cache_bytes(), secret.expose()));
    assert!(!contains(&h.cache_bytes(), "sk_live_"));

    // It is a real key: an API-key account can be added with it, and learns its reach.
    let key_account = h
        .core
        .add_api_key(Server::Remote(h.base_url.clone()), "Deploy key", &secret)
        .await
        .expect("added");
    let reach = key_account.api_key_reach.expect("reach learnt");
    assert_eq!(reach.org_id, org_id);
    assert_eq!(
        reach.scopes,
        vec!["projects:read".to_owned(), "tokens:read".to_owned()]
    );
    assert_eq!(key_account.identity, format!("…{}", secret.hint()));
    // Without orgs:read the key still lists its one org, under its id.
    let orgs = h
        .core
        .orgs(&key_account.id, ReadMode::Network)
        .await
        .expect("key's org");
    assert_eq!(orgs.data.len(), 1);
    assert_eq!(orgs.data[0].id, org_id);

    let minted = h
        .core
        .mint_browser_token(
            &key_account.id,
            BrowserTokenRequest {
                scopes: Some(vec!["tokens:read".into()]),
                ttl: Some(120),
            },
        )
        .await
        .expect("minted");
    let token = h
        .core
        .reveal_secret(&minted.secret)
        .expect("held until it expires");
    assert!(token.starts_with("bt_"));
    assert_eq!(minted.item.ttl, 120);

    // Revoked: the sandbox rejects it from now on.
    h.core
        .revoke_token(&account, &org_id, &created.item.id)
        .await
        .expect("revoked");
    let client = PlatformClient::new(ClientConfig::new(h.base_url.clone())).expect("client");
    let rejected = client
        .list_projects(&secret, &org_id)
        .await
        .expect_err("revoked key");
    assert_eq!(rejected.code().as_str(), "unauthorized");
}

/// The window lost its page while the dialog showed the secret: the reload is told, the
/// secret is offered again (the same handle, the same value), and closing that dialog
/// takes the offer down. Dismissing the offer forgets the secret.
#[tokio::test]
async fn a_reloaded_window_is_offered_the_secret_it_was_showing() {
    use saasignal_core::notices::NoticeAction;

    let (h, account, org_id) = Harness::with_demo_org().await;
    let key = |name: &str| key_request(name, &["projects:read"]);
    let shown = h
        .core
        .create_token(&account, &org_id, key("Shown"))
        .await
        .expect("created");
    let closed = h
        .core
        .create_token(&account, &org_id, key("Closed"))
        .await
        .expect("created");
    let value = h.core.reveal_secret(&shown.secret).expect("held");
    h.core.discard_secret(&closed.secret);

    h.core.page_reloaded("The window's page crashed.");
    let notices = h.core.notices();
    assert!(
        notices
            .iter()
            .any(|n| n.id == "window-reloaded"
                && n.message.starts_with("The window's page crashed."))
    );
    let offers: Vec<_> = notices
        .iter()
        .filter_map(|n| match &n.action {
            NoticeAction::ShowSecret { minted } => Some((n.id.clone(), minted.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(offers.len(), 1, "only the key still held is offered");
    let (offer_id, minted) = &offers[0];
    assert_eq!(minted.item.name, "Shown");
    assert_eq!(
        h.core.reveal_secret(&minted.secret).expect("held").expose(),
        value.expose()
    );

    // The offered dialog closes: the secret goes, and so does the offer.
    h.core.discard_secret(&minted.secret);
    assert!(!h.core.notices().iter().any(|n| &n.id == offer_id));

    // Dismissing an offer forgets its secret.
    let another = h
        .core
        .create_token(&account, &org_id, key("Dismissed"))
        .await
        .expect("created");
    h.core.page_reloaded("The window's page crashed.");
    let offer = h
        .core
        .notices()
        .into_iter()
        .find(|n| n.title.contains("Dismissed"))
        .expect("offered");
    h.core.dismiss_notice(&offer.id);
    assert!(h.core.reveal_secret(&another.secret).is_err());
    assert!(!h.core.notices().iter().any(|n| n.id == offer.id));
}

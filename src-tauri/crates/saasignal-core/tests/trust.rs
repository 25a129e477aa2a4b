//! Trust under faults: once the server said yes, nothing local loses the result; a
//! failed sign-in leaves nothing behind; sign-out works without a keychain; a late
//! answer never brings a signed-out account back.

mod common;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use common::doubles::FlakyAccountStore;
use common::{Harness, key_request, project_request};
use saasignal_client::{ClientConfig, PlatformClient};
use saasignal_core::ReadMode;
use saasignal_core::accounts::{
    Account, AccountId, AccountKind, AccountState, AccountStore, ApiKeyReach, api_key_digest,
};
use saasignal_core::events::CoreEvent;
use saasignal_core::services::accounts::Server;
use saasignal_model::ErrorCode;
use saasignal_sandbox::seed::{DEMO_ORG_NAME, DEMO_OWNER};
use saasignal_sandbox::{FaultRule, Faults, RouteMatch};
use saasignal_secret::Secret;
use saasignal_vault::CredentialStore;

/// The demo org's id, asked of the server directly: the core's cache never saw it.
async fn demo_org_behind_the_cache(h: &Harness) -> String {
    let client = PlatformClient::new(ClientConfig::new(h.base_url.clone())).expect("client");
    let session = client
        .sign_in_email(DEMO_OWNER.email, &Secret::new(DEMO_OWNER.password), None)
        .await
        .expect("sign in")
        .token;
    client
        .list_orgs(&session)
        .await
        .expect("orgs")
        .into_iter()
        .find(|org| org.name == DEMO_ORG_NAME)
        .expect("demo org")
        .id
}

#[tokio::test]
async fn a_new_keys_secret_survives_a_cache_that_refuses_it() {
    let h = Harness::new().await;
    let account = h.demo().await;
    // The org was never cached (as after a rebuild or a refresh that replaced the
    // orgs), so the cache refuses the token row: OrgNotCached.
    let org_id = demo_org_behind_the_cache(&h).await;
    let created = h
        .core
        .create_token(&account, &org_id, key_request("Deploy", &["projects:read"]))
        .await
        .expect("the server created it: that is success");
    let secret = h.core.reveal_secret(&created.secret).expect("held");
    assert!(secret.starts_with("sk_live_"));
    // It is the real key.
    let client = PlatformClient::new(ClientConfig::new(h.base_url.clone())).expect("client");
    client
        .list_projects(&secret, &org_id)
        .await
        .expect("the secret works");
    // The lists are fetched again instead: the row arrives once the org is cached.
    tokio::time::sleep(Duration::from_millis(300)).await;
    h.core
        .orgs(&account, ReadMode::Network)
        .await
        .expect("orgs");
    let tokens = h
        .core
        .tokens(&account, &org_id, ReadMode::Network)
        .await
        .expect("tokens");
    assert_eq!(
        tokens.data.iter().filter(|t| t.name == "Deploy").count(),
        1,
        "one key, not a second from a retry"
    );
}

#[tokio::test]
async fn a_created_project_is_success_even_when_the_cache_refuses_it() {
    let h = Harness::new().await;
    let account = h.demo().await;
    let org_id = demo_org_behind_the_cache(&h).await;
    let project = h
        .core
        .create_project(&account, &org_id, project_request("Uncached", Some("weur")))
        .await
        .expect("created on the server: success");
    assert_eq!(project.name, "Uncached");
    // Listed once the org is: one project, not a second one from a retry.
    h.core
        .orgs(&account, ReadMode::Network)
        .await
        .expect("orgs");
    let projects = h
        .core
        .projects(&account, &org_id, ReadMode::Network)
        .await
        .expect("projects");
    assert_eq!(
        projects
            .data
            .iter()
            .filter(|p| p.name == "Uncached")
            .count(),
        1
    );
}

#[tokio::test]
async fn a_sign_in_the_keychain_refuses_leaves_no_session_or_account() {
    let h = Harness::new().await;
    h.vault.fail_set.store(true, Ordering::SeqCst);
    let error = h
        .try_sign_in(&DEMO_OWNER)
        .await
        .expect_err("the keychain refused");
    assert_eq!(error.code().as_str(), "keychain_locked");
    assert!(h.core.accounts().accounts.is_empty());
    assert_eq!(h.vault.len(), 0);
    // The session the server made was ended, not left alive.
    let session = h.vault.last_written().expect("a session was offered");
    let client = PlatformClient::new(ClientConfig::new(h.base_url.clone())).expect("client");
    let refused = client.list_orgs(&session).await.expect_err("signed out");
    assert_eq!(refused.code().as_str(), "unauthorized");
}

#[tokio::test]
async fn a_sign_in_whose_settings_cannot_be_saved_leaves_no_keychain_entry() {
    let store = Arc::new(FlakyAccountStore::new());
    let h = Harness::with_store(store.clone()).await;
    store.fail_saves.store(true, Ordering::SeqCst);
    let error = h
        .try_sign_in(&DEMO_OWNER)
        .await
        .expect_err("settings refused");
    assert_eq!(error.code().as_str(), "settings_error");
    assert!(error.to_string().contains("disk is full"), "{error}");
    assert_eq!(
        h.vault.len(),
        0,
        "the entry written first was deleted again"
    );
    let session = h.vault.last_written().expect("a session was offered");
    let client = PlatformClient::new(ClientConfig::new(h.base_url.clone())).expect("client");
    assert_eq!(
        client
            .list_orgs(&session)
            .await
            .expect_err("signed out")
            .code(),
        ErrorCode::Unauthorized
    );
}

#[tokio::test]
async fn the_start_sweep_deletes_entries_no_account_owns_and_only_those() {
    let store = Arc::new(FlakyAccountStore::new());
    let h = Harness::with_store(store.clone()).await;
    let kept = h.demo().await;
    // Left by a sign-in killed between the keychain and the settings.
    h.vault
        .put("acc_01ORPHANORPHANORPHANORPHAN", "session.orphan")
        .await;
    store.complete.store(false, Ordering::SeqCst);
    h.core.sweep_keychain().await;
    assert_eq!(h.vault.len(), 2, "an incomplete list never sweeps");

    store.complete.store(true, Ordering::SeqCst);
    h.core.sweep_keychain().await;
    assert_eq!(h.vault.len(), 1);
    assert!(h.vault.get(kept.as_str()).await.expect("read").is_some());
}

#[tokio::test]
async fn sign_out_works_without_a_keychain_and_retries_the_delete_at_the_next_start() {
    let store = Arc::new(FlakyAccountStore::new());
    let h = Harness::with_store(store.clone()).await;
    let account = h.demo().await;
    h.core.refresh_account(&account).await.expect("refresh");
    h.vault.fail_delete.store(true, Ordering::SeqCst);

    h.core
        .sign_out(&account)
        .await
        .expect("sign-out does not need the keychain");
    assert!(
        h.core
            .orgs(&account, ReadMode::CacheOnly)
            .await
            .expect("cache")
            .data
            .is_empty(),
        "purged"
    );
    let notices = h.core.notices();
    assert!(
        notices
            .iter()
            .any(|n| n.message.contains("tries again at the next start")),
        "{notices:?}"
    );
    assert_eq!(
        store.load().unwrap().pending_keychain_deletes,
        std::slice::from_ref(&account)
    );
    assert_eq!(h.vault.len(), 1, "still there, for now");

    h.vault.fail_delete.store(false, Ordering::SeqCst);
    h.core.sweep_keychain().await;
    assert_eq!(h.vault.len(), 0);
    assert!(store.load().unwrap().pending_keychain_deletes.is_empty());

    h.vault.fail_delete.store(true, Ordering::SeqCst);
    let other = h.demo().await;
    h.core
        .remove_account(&other)
        .await
        .expect("removed without a keychain");
    assert!(h.core.accounts().accounts.iter().all(|a| a.id != other));
}

#[tokio::test]
async fn an_answer_that_lands_after_sign_out_is_not_written_back() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    h.sandbox().set_faults(Faults::single(
        // Answered by the server at once, delivered late: after the sign-out.
        FaultRule::new(RouteMatch::parse("/core/organizations/{org_id}/projects"))
            .answer_latency(Duration::from_millis(600)),
    ));
    let slow_read = {
        let core = h.core.clone();
        let (account, org_id) = (account.clone(), org_id.clone());
        tokio::spawn(async move { core.projects(&account, &org_id, ReadMode::Network).await })
    };
    tokio::time::sleep(Duration::from_millis(150)).await;
    h.core.sign_out(&account).await.expect("signed out");
    let late = slow_read.await.expect("joined");
    assert_eq!(late.expect_err("dropped").code().as_str(), "unauthorized");

    let cached = h
        .core
        .projects(&account, &org_id, ReadMode::CacheOnly)
        .await
        .expect("cache");
    assert!(cached.data.is_empty(), "nothing came back");
    assert_eq!(
        h.core.accounts().accounts[0].state,
        AccountState::NeedsSignIn
    );
}

#[tokio::test]
async fn a_refresh_reads_the_keychain_once() {
    let h = Harness::new().await;
    let account = h.demo().await;
    let before = h.vault.gets.load(Ordering::SeqCst);
    h.core.refresh_account(&account).await.expect("refresh");
    h.core.refresh_account(&account).await.expect("refresh");
    assert_eq!(
        h.vault.gets.load(Ordering::SeqCst) - before,
        0,
        "kept in memory since sign-in"
    );
}

#[tokio::test]
async fn a_keychain_that_waits_on_the_person_is_announced() {
    let h = Harness::new().await;
    *h.vault.delay.lock().unwrap() = Duration::from_millis(2_500);
    h.events.take();
    h.core.check_keychain().await.expect("answers in the end");
    let waits: Vec<bool> = h
        .events
        .take()
        .into_iter()
        .filter_map(|event| match event {
            CoreEvent::KeychainWaiting { waiting } => Some(waiting),
            _ => None,
        })
        .collect();
    assert_eq!(waits, [true, false]);
}

#[tokio::test]
async fn a_second_key_ending_alike_is_a_second_account() {
    let store = Arc::new(FlakyAccountStore::new());
    let h = Harness::with_store(store.clone()).await;
    let session = h.demo().await;
    let org_id = h.first_org(&session, ReadMode::Network).await;
    let created = h.create_key(&session, &org_id, "second key", &["*"]).await;
    let key = h.core.reveal_secret(&created.secret).expect("secret");
    // An account of another key that happens to end in the same four characters.
    let mut file = store.load().unwrap();
    let lookalike = Account {
        id: AccountId::generate(),
        label: "Lookalike".into(),
        base_url: h.base_url.clone(),
        kind: AccountKind::ApiKey,
        identity: format!("…{}", key.hint()),
        state: AccountState::SignedIn,
        last_used_at: None,
        api_key_reach: Some(ApiKeyReach {
            org_id: org_id.clone(),
            project_id: None,
            scopes: vec!["*".into()],
        }),
        is_local_sandbox: false,
        credential_digest: Some(api_key_digest(&Secret::new("sk_live_another_key_1234"))),
    };
    file.accounts.push(lookalike.clone());
    store.save(&file).unwrap();
    h.vault
        .put(lookalike.id.as_str(), "sk_live_another_key_1234")
        .await;
    h.core.reload_accounts().unwrap();

    let server = Server::Remote(h.base_url.clone());
    let added = h
        .core
        .add_api_key(server.clone(), "", &key)
        .await
        .expect("added");
    assert_ne!(
        added.id, lookalike.id,
        "a different key never replaces an account"
    );
    assert_eq!(
        h.vault
            .get(lookalike.id.as_str())
            .await
            .unwrap()
            .unwrap()
            .expose(),
        "sk_live_another_key_1234"
    );
    let again = h.core.add_api_key(server, "", &key).await.expect("again");
    assert_eq!(again.id, added.id, "the same key finds its own account");
}

#[tokio::test]
async fn an_api_keys_scopes_fall_back_only_when_it_may_not_ask() {
    let (h, session, org_id) = Harness::with_demo_org().await;
    let (account, _) = h
        .api_key_account(&session, &org_id, &["projects:read"])
        .await;
    // No orgs:read: the server refuses (403), the key's own scopes stand in.
    let scopes = h
        .core
        .my_scopes(&account, &org_id, ReadMode::Network)
        .await
        .expect("scopes");
    assert_eq!(scopes.data, Some(vec!["projects:read".to_owned()]));
    assert!(!scopes.stale);
    // A 5xx is a failure, shown as such: never old scopes presented as fresh.
    h.sandbox().set_faults(Faults::single(
        FaultRule::new(RouteMatch::Prefix("/core/".into())).status(500, None),
    ));
    let failed = h
        .core
        .my_scopes(&account, &org_id, ReadMode::Network)
        .await
        .expect("cached");
    assert!(failed.stale);
    assert_eq!(failed.stale_reason.map(|r| r.code), Some(ErrorCode::Server));
}

#[tokio::test]
async fn a_browser_token_is_copied_through_the_same_clipboard_path() {
    let (h, session, org_id) = Harness::with_demo_org().await;
    let (account, _) = h.api_key_account(&session, &org_id, &["*"]).await;
    let minted = h
        .core
        .mint_browser_token(
            &account,
            saasignal_core::BrowserTokenRequest {
                scopes: None,
                ttl: Some(120),
            },
        )
        .await
        .expect("minted");
    h.core.copy_secret(&minted.secret).expect("copied");
    let token = h.core.reveal_secret(&minted.secret).expect("held");
    assert_eq!(h.clipboard.content().as_deref(), Some(token.expose()));
}

#[tokio::test]
async fn a_window_the_cache_could_not_take_is_marked_stale_not_fresh() {
    let h = Harness::new().await;
    let account = h.demo().await;
    // The server answers, but the cache refuses the org's projects (OrgNotCached): the
    // window shows what the cache holds, and says why it is not the server's answer.
    let org_id = demo_org_behind_the_cache(&h).await;
    let page = h
        .core
        .project_page(
            &account,
            &org_id,
            &saasignal_model::RowWindow::first(50),
            ReadMode::Network,
        )
        .await
        .expect("a window, not an error");
    assert!(page.stale, "not called fresh");
    let reason = page.stale_reason.expect("a reason");
    assert_eq!(reason.code, saasignal_model::ErrorCode::CacheError);
    assert!(reason.message.contains("local cache"), "{}", reason.message);
}

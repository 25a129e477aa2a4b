//! The hand-out rules, checked in the core before anything is sent: only scopes the
//! identity holds can be given (invites, re-scoping, new keys, browser tokens), and a
//! member cannot change their own scopes.

mod common;

use common::{Harness, key_request};
use saasignal_core::{BrowserTokenRequest, NewInvite, ReadMode};
use saasignal_sandbox::seed::DEMO_MAINTAINER;

fn requests(h: &Harness) -> u64 {
    h.sandbox().sandbox().requests_received()
}

#[tokio::test]
async fn scopes_beyond_ones_own_are_refused_at_the_field_without_a_request() {
    let h = Harness::new().await;
    // Grace holds orgs:read, projects:* and tokens:*.
    let grace = h.sign_in(&DEMO_MAINTAINER).await;
    let org = h.first_org(&grace, ReadMode::Network).await;
    h.core
        .my_scopes(&grace, &org, ReadMode::Network)
        .await
        .expect("scopes");
    h.core
        .members(&grace, &org, ReadMode::Network)
        .await
        .expect("members");

    let before = requests(&h);
    let invite = h
        .core
        .invite_member(
            &grace,
            &org,
            NewInvite {
                email: "new@example.com".into(),
                scopes: vec!["kv:write".into()],
                project_id: None,
            },
        )
        .await
        .expect_err("grace does not hold kv:write");
    assert_eq!(
        (invite.code().as_str(), invite.field()),
        ("validation", Some("scopes"))
    );
    assert!(invite.to_string().contains("kv:write"), "{invite}");

    let key = h
        .core
        .create_token(&grace, &org, key_request("too wide", &["*"]))
        .await
        .expect_err("grace does not hold *");
    assert_eq!(key.field(), Some("scopes"));
    assert_eq!(requests(&h), before, "nothing was sent");
}

#[tokio::test]
async fn a_member_cannot_change_their_own_scopes() {
    let (h, owner, org) = Harness::with_demo_org().await;
    h.core
        .my_scopes(&owner, &org, ReadMode::Network)
        .await
        .expect("scopes");
    let members = h
        .core
        .members(&owner, &org, ReadMode::Network)
        .await
        .expect("members");
    let me = members
        .data
        .iter()
        .find(|m| m.email == "demo@saasignal.dev")
        .expect("me")
        .user_id
        .clone();
    let before = requests(&h);
    let refused = h
        .core
        .update_member_scopes(&owner, &org, &me, vec!["projects:read".into()])
        .await
        .expect_err("own scopes");
    assert!(refused.to_string().contains("your own scopes"), "{refused}");
    assert_eq!(requests(&h), before);
}

#[tokio::test]
async fn a_browser_token_gets_only_scopes_of_its_key() {
    let (h, owner, org) = Harness::with_demo_org().await;
    let (key, _) = h.api_key_account(&owner, &org, &["projects:read"]).await;
    let before = requests(&h);
    let refused = h
        .core
        .mint_browser_token(
            &key,
            BrowserTokenRequest {
                scopes: Some(vec!["projects:read".into(), "tokens:write".into()]),
                ttl: Some(120),
            },
        )
        .await
        .expect_err("tokens:write is not the key's");
    assert_eq!(refused.field(), Some("scopes"));
    assert!(refused.to_string().contains("tokens:write"), "{refused}");
    assert_eq!(requests(&h), before, "nothing was sent");
    h.core
        .mint_browser_token(
            &key,
            BrowserTokenRequest {
                scopes: Some(vec!["projects:read".into()]),
                ttl: Some(120),
            },
        )
        .await
        .expect("a subset is fine");
}

//! When the server goes away, refuses, or misbehaves: cached data stays readable and
//! marked stale, the account's state says why, and every error kind reaches the caller.

mod common;

use std::time::Duration;

use common::Harness;
use saasignal_core::accounts::AccountState;
use saasignal_core::{NewOrg, ReadMode};
use saasignal_model::ErrorCode;
use saasignal_sandbox::{FaultRule, Faults, RouteMatch};
use saasignal_secret::Secret;

fn fault(rule: FaultRule) -> Faults {
    Faults::single(rule)
}

#[tokio::test]
async fn offline_reads_return_the_cache_marked_stale() {
    let mut h = Harness::new().await;
    let account = h.demo().await;
    h.core.refresh_account(&account).await.expect("refresh");
    let org_id = h.first_org(&account, ReadMode::CacheOnly).await;

    h.stop_sandbox().await;
    let projects = h
        .core
        .projects(&account, &org_id, ReadMode::Network)
        .await
        .expect("cached");
    assert!(projects.stale);
    assert_eq!(projects.data.len(), 3);
    let reason = projects.stale_reason.expect("reason");
    assert_eq!(reason.code, ErrorCode::Offline);
    assert!(reason.message.contains("Can't reach"), "{}", reason.message);
    assert_eq!(h.core.accounts().accounts[0].state, AccountState::Offline);

    let report = h
        .core
        .refresh_account(&account)
        .await
        .expect("refresh offline");
    assert!(report.offline);

    // Writes fail with the offline error rather than pretending.
    let write = h
        .core
        .create_org(
            &account,
            NewOrg {
                name: "Later".into(),
                slug: None,
            },
        )
        .await
        .expect_err("offline write");
    assert_eq!(write.code().as_str(), "offline");
}

#[tokio::test]
async fn an_expired_session_needs_sign_in_keeps_the_cache_and_recovers_in_place() {
    let h = Harness::new().await;
    let account = h.demo().await;
    h.core.refresh_account(&account).await.expect("refresh");

    // The session ends on the server (as if revoked or expired).
    let credential = {
        use saasignal_vault::CredentialStore;
        h.vault
            .get(account.as_str())
            .await
            .expect("vault")
            .expect("credential")
    };
    let client = saasignal_client::PlatformClient::new(saasignal_client::ClientConfig::new(
        h.base_url.clone(),
    ))
    .expect("client");
    client.sign_out(&credential).await.expect("server sign-out");

    let orgs = h
        .core
        .orgs(&account, ReadMode::Network)
        .await
        .expect("cached");
    assert!(orgs.stale);
    assert_eq!(
        orgs.stale_reason.expect("reason").code,
        ErrorCode::Unauthorized
    );
    assert_eq!(orgs.data.len(), 1);
    assert_eq!(
        h.core.accounts().accounts[0].state,
        AccountState::NeedsSignIn
    );

    let wrong = h
        .core
        .sign_in_again(&account, &Secret::new("not-the-password"))
        .await;
    assert_eq!(
        wrong.expect_err("wrong password").code(),
        ErrorCode::InvalidCredentials
    );
    h.core
        .sign_in_again(&account, &Secret::new("saasignal-demo"))
        .await
        .expect("signed in again");
    let fresh = h
        .core
        .orgs(&account, ReadMode::Network)
        .await
        .expect("fresh");
    assert!(!fresh.stale);
    assert_eq!(h.core.accounts().accounts[0].state, AccountState::SignedIn);
}

#[tokio::test]
async fn every_server_failure_maps_to_its_error_kind() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    let projects_route = || RouteMatch::parse("/core/organizations/{org_id}/projects");
    let write = || NewOrg {
        name: "Fault probe".into(),
        slug: None,
    };

    let cases: Vec<(FaultRule, ErrorCode)> = vec![
        (
            FaultRule::new(projects_route()).status(500, None),
            ErrorCode::Server,
        ),
        (
            FaultRule::new(projects_route()).status(503, Some(1)),
            ErrorCode::Server,
        ),
        (
            FaultRule::new(projects_route()).latency(Duration::from_secs(3)),
            ErrorCode::Timeout,
        ),
        (
            FaultRule::new(projects_route()).drop_connection(),
            ErrorCode::ConnectionLost,
        ),
        (
            FaultRule::new(projects_route()).malformed_body(),
            ErrorCode::Undecodable,
        ),
    ];
    for (rule, expected) in cases {
        h.sandbox().set_faults(fault(rule));
        let outcome = h.core.projects(&account, &org_id, ReadMode::Network).await;
        let code = match outcome {
            // connectivity failures fall back to the cache with the reason
            Ok(loaded) => loaded.stale_reason.map(|r| r.code),
            Err(error) => Some(error.code()),
        };
        assert!(
            code == Some(expected)
                || (expected == ErrorCode::ConnectionLost && code == Some(ErrorCode::Offline)),
            "expected {expected}, got {code:?}"
        );
    }

    h.sandbox().set_faults(fault(
        FaultRule::new(RouteMatch::Prefix("/core/organizations".into())).status(429, Some(7)),
    ));
    let limited = h
        .core
        .create_org(&account, write())
        .await
        .expect_err("rate limited");
    assert_eq!(limited.code().as_str(), "rate_limited");
    assert!(limited.to_string().contains('7'), "{limited}");

    h.sandbox().set_faults(Faults::none());
    // Within the server's wait nothing is sent: the cache answers, saying why.
    let held_back = h
        .core
        .projects(&account, &org_id, ReadMode::Network)
        .await
        .expect("cached");
    assert!(held_back.stale);
    assert_eq!(
        held_back.stale_reason.map(|r| r.code),
        Some(ErrorCode::RateLimited)
    );
}

#[tokio::test]
async fn after_the_servers_wait_reads_go_through_again() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    h.sandbox().set_faults(fault(
        FaultRule::new(RouteMatch::Prefix("/core/organizations".into())).status(429, Some(1)),
    ));
    let limited = h
        .core
        .projects(&account, &org_id, ReadMode::Network)
        .await
        .expect("cached");
    assert_eq!(
        limited.stale_reason.map(|r| r.code),
        Some(ErrorCode::RateLimited)
    );
    // A 429 is "slow down", not "offline".
    assert_eq!(h.core.accounts().accounts[0].state, AccountState::SignedIn);
    h.sandbox().set_faults(Faults::none());
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let recovered = h
        .core
        .projects(&account, &org_id, ReadMode::Network)
        .await
        .expect("recovered");
    assert!(!recovered.stale);
    assert_eq!(h.core.accounts().accounts[0].state, AccountState::SignedIn);
}

#[tokio::test]
async fn a_failed_create_is_never_retried_into_a_second_org() {
    let h = Harness::new().await;
    let account = h.demo().await;
    let before = h
        .core
        .orgs(&account, ReadMode::Network)
        .await
        .expect("orgs")
        .data
        .len();
    h.sandbox().set_faults(fault(
        FaultRule::new(RouteMatch::parse("/core/organizations")).drop_connection(),
    ));
    let _ = h
        .core
        .create_org(
            &account,
            NewOrg {
                name: "Once".into(),
                slug: Some("once-only".into()),
            },
        )
        .await;
    h.sandbox().set_faults(Faults::none());
    let after = h
        .core
        .orgs(&account, ReadMode::Network)
        .await
        .expect("orgs")
        .data;
    assert!(after.len() <= before + 1);
    assert!(
        after
            .iter()
            .filter(|o| o.slug.starts_with("once-only"))
            .count()
            <= 1
    );
}

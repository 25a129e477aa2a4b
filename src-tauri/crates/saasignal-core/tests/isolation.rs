//! Two accounts on one server stay apart; signing out forgets one account's credential
//! and cache without touching the other.

mod common;

use common::Harness;
use saasignal_core::{NewOrg, ReadMode};
use saasignal_sandbox::seed::DEMO_MAINTAINER;
use saasignal_vault::CredentialStore;

#[tokio::test]
async fn two_accounts_see_only_their_own_orgs() {
    let h = Harness::new().await;
    let demo = h.demo().await;
    let grace = h.sign_in(&DEMO_MAINTAINER).await;
    assert_ne!(demo, grace);
    assert_eq!(h.core.accounts().current.as_ref(), Some(&grace));

    let own = h
        .core
        .create_org(
            &demo,
            NewOrg {
                name: "Demo only".into(),
                slug: Some("demo-only".into()),
            },
        )
        .await
        .expect("created");
    let demo_orgs = h
        .core
        .orgs(&demo, ReadMode::Network)
        .await
        .expect("demo orgs")
        .data;
    let grace_orgs = h
        .core
        .orgs(&grace, ReadMode::Network)
        .await
        .expect("grace orgs")
        .data;
    assert!(demo_orgs.iter().any(|o| o.id == own.id));
    assert!(grace_orgs.iter().all(|o| o.id != own.id));
    let cached = h
        .core
        .orgs(&grace, ReadMode::CacheOnly)
        .await
        .expect("cached")
        .data;
    assert!(cached.iter().all(|o| o.id != own.id));

    h.core.switch_account(&demo).expect("switched");
    assert_eq!(h.core.accounts().current.as_ref(), Some(&demo));
}

#[tokio::test]
async fn signing_out_removes_the_credential_and_cache_of_that_account_only() {
    let h = Harness::new().await;
    let demo = h.demo().await;
    let grace = h.sign_in(&DEMO_MAINTAINER).await;
    h.core.refresh_account(&demo).await.expect("refresh demo");
    h.core.refresh_account(&grace).await.expect("refresh grace");

    h.core.sign_out(&demo).await.expect("signed out");
    assert!(h.vault.get(demo.as_str()).await.expect("vault").is_none());
    assert!(
        h.core
            .orgs(&demo, ReadMode::CacheOnly)
            .await
            .expect("cache")
            .data
            .is_empty()
    );
    let signed_out = h
        .core
        .orgs(&demo, ReadMode::Network)
        .await
        .expect("readable");
    assert!(signed_out.data.is_empty());
    assert_eq!(
        signed_out.stale_reason.expect("reason").code.as_str(),
        "unauthorized"
    );
    assert_eq!(
        h.core
            .orgs(&grace, ReadMode::CacheOnly)
            .await
            .expect("cache")
            .data
            .len(),
        1
    );

    h.core.remove_account(&demo).await.expect("removed");
    assert!(h.core.accounts().accounts.iter().all(|a| a.id != demo));
    // Signing in again to the same identity reuses nothing stale and works.
    let again = h.demo().await;
    assert!(
        !h.core
            .orgs(&again, ReadMode::Network)
            .await
            .expect("orgs")
            .stale
    );
}

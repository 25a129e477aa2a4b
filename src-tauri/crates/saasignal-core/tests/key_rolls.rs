//! Rolling a key against the sandbox over HTTP: the replacement keeps the old key's
//! scopes, project and lifetime and is shown once; the old key stays until revoked; a
//! failed revoke leaves both listed with the roll unfinished and its reason, and a retry
//! finishes it; the activity log has the roll with both ids.

mod common;

use common::Harness;
use saasignal_core::{NewToken, ReadMode};
use saasignal_model::{ActivityFilter, RowWindow};
use saasignal_sandbox::{FaultRule, Faults, RouteMatch};

#[tokio::test]
async fn a_roll_replaces_a_key_and_survives_a_failed_revoke_until_retried() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    let old = h
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
        .expect("created")
        .item;

    let rolled = h
        .core
        .roll_token(&account, &org_id, &old.id)
        .await
        .expect("rolled");
    assert_eq!(rolled.item.name, "Deploy (rolled)");
    assert_eq!(rolled.item.scopes, old.scopes);
    assert_ne!(rolled.item.id, old.id);
    let lifetime = |t: &saasignal_model::Token| t.expires_at.unwrap() - t.created_at.unwrap();
    let drift = (lifetime(&rolled.item) - lifetime(&old))
        .num_seconds()
        .abs();
    assert!(
        drift <= 5,
        "the same lifetime, give or take the clock: {drift}s"
    );
    assert!(
        h.core
            .reveal_secret(&rolled.secret)
            .expect("held")
            .starts_with("sk_live_")
    );

    let rolls = h.core.key_rolls(&account, &org_id).await.expect("rolls");
    assert_eq!(rolls.len(), 1);
    assert_eq!(
        (rolls[0].old_id.as_str(), rolls[0].new_id.as_str()),
        (old.id.as_str(), rolled.item.id.as_str())
    );

    // The revoke fails: both keys stay, the roll says why.
    let revoke_route = format!("/core/organizations/{org_id}/tokens/{}", old.id);
    h.sandbox().set_faults(Faults::single(
        FaultRule::new(RouteMatch::Prefix(revoke_route)).status(403, None),
    ));
    let failed = h
        .core
        .revoke_token(&account, &org_id, &old.id)
        .await
        .expect_err("refused");
    let tokens = h
        .core
        .tokens(&account, &org_id, ReadMode::CacheOnly)
        .await
        .expect("tokens")
        .data;
    let live: Vec<_> = tokens
        .iter()
        .filter(|t| !t.revoked)
        .map(|t| t.id.as_str())
        .collect();
    assert!(live.contains(&old.id.as_str()) && live.contains(&rolled.item.id.as_str()));
    let rolls = h.core.key_rolls(&account, &org_id).await.expect("rolls");
    assert_eq!(
        rolls[0].revoke_failed.as_deref(),
        Some(failed.code().as_str())
    );

    // Retried once the server takes it: the roll is finished.
    h.sandbox().set_faults(Faults::none());
    h.core
        .revoke_token(&account, &org_id, &old.id)
        .await
        .expect("revoked");
    assert!(
        h.core
            .key_rolls(&account, &org_id)
            .await
            .expect("rolls")
            .is_empty()
    );
    let page = h
        .core
        .activity_page(
            &account,
            &org_id,
            &RowWindow {
                search: String::new(),
                offset: 0,
                limit: 10,
            },
            &ActivityFilter::default(),
        )
        .await
        .expect("activity");
    let roll = page
        .rows
        .iter()
        .find(|e| e.action == "token.roll")
        .expect("logged");
    assert_eq!(roll.target_id.as_deref(), Some(rolled.item.id.as_str()));
    assert_eq!(roll.related_id.as_deref(), Some(old.id.as_str()));
    let revokes: Vec<_> = page
        .rows
        .iter()
        .filter(|e| e.action == "token.revoke")
        .map(|e| e.outcome.as_stored())
        .collect();
    assert_eq!(revokes, ["ok", failed.code().as_str()]);
}

#[tokio::test]
async fn a_roll_whose_create_fails_changes_nothing() {
    let (h, account, org_id) = Harness::with_demo_org().await;
    let old = h
        .create_key(&account, &org_id, "Deploy", &["projects:read"])
        .await
        .item;
    let before = h
        .core
        .tokens(&account, &org_id, ReadMode::Network)
        .await
        .expect("tokens")
        .data;

    let create_route = format!("/core/organizations/{org_id}/tokens");
    h.sandbox().set_faults(Faults::single(
        FaultRule::new(RouteMatch::Pattern(create_route)).status(500, None),
    ));
    h.core
        .roll_token(&account, &org_id, &old.id)
        .await
        .expect_err("the create failed");
    h.sandbox().set_faults(Faults::none());
    let after = h
        .core
        .tokens(&account, &org_id, ReadMode::Network)
        .await
        .expect("tokens")
        .data;
    assert_eq!(after, before);
    assert!(
        h.core
            .key_rolls(&account, &org_id)
            .await
            .expect("rolls")
            .is_empty()
    );

    // A revoked key is not rolled.
    h.core
        .revoke_token(&account, &org_id, &old.id)
        .await
        .expect("revoked");
    let gone = h
        .core
        .roll_token(&account, &org_id, &old.id)
        .await
        .expect_err("revoked");
    assert_eq!(gone.code().as_str(), "not_found");
}

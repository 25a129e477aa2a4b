//! Rolling a key through the real window: the replacement (same scopes and project, the
//! name plus " (rolled)") is shown once; the old key's revoke is offered only once the
//! new secret is confirmed saved; when that revoke fails on the server both keys stay
//! listed, the roll says so and survives the dialog; its Retry finishes it; the activity
//! history has the roll with both ids.

use anyhow::{Context, Result, ensure};
use saasignal_e2e::harness::a11y::audit;
use saasignal_e2e::{By, Journey};
use saasignal_sandbox::seed::DEMO_OWNER;
use saasignal_sandbox::{FaultRule, Faults, RouteMatch};

use saasignal_e2e::steps::{self, ServerView};

saasignal_e2e::journey! { a_roll_survives_a_failed_revoke_and_its_retry_finishes_it: "key_roll" => key_roll }

async fn key_roll(j: &mut Journey) -> Result<()> {
    let server = j.sandbox().await?;
    let view = ServerView::as_user(&server, DEMO_OWNER).await?;
    let acme = view.acme_id().await?;
    let before = view.client.list_tokens(&view.token, &acme, None).await?;
    let old = before
        .iter()
        .find(|t| !t.revoked)
        .context("the demo org has no live key to roll")?
        .clone();
    let app = j.launch().await?;
    steps::sign_in_first(app, &server, DEMO_OWNER, "Owner").await?;
    app.click("tab-tokens").await?;
    app.wait_attr("tokens-table", "data-row-count", &before.len().to_string())
        .await?;

    // Roll, confirmed.
    let old_row = By::testid("token-row").with_attr("data-key", &old.id);
    app.click_in_row(old_row.clone(), "token-roll").await?;
    app.wait_for("roll-token-dialog").await?;
    audit(app, "the roll confirmation").await?;
    app.click("roll-token-dialog-confirm").await?;
    app.wait_for("copy-once-dialog").await?;
    app.wait_text_contains("copy-once-dialog", "was created to replace")
        .await?;
    let rolled_name = format!("{} (rolled)", old.name);
    let after = view.client.list_tokens(&view.token, &acme, None).await?;
    let new = after
        .iter()
        .find(|t| t.name == rolled_name)
        .with_context(|| format!("the server has no key {rolled_name:?}"))?;
    ensure!(
        new.scopes == old.scopes && new.project_id == old.project_id && !new.revoked,
        "the replacement differs from the old key: {new:?} vs {old:?}"
    );
    ensure!(
        after.iter().any(|t| t.id == old.id && !t.revoked),
        "the old key was revoked before the person confirmed"
    );

    // The old key is revoked only after "saved" is ticked; the server refuses it once.
    app.wait_enabled("roll-revoke-old", false).await?;
    audit(app, "the roll's copy-once dialog").await?;
    app.click("roll-saved").await?;
    app.wait_enabled("roll-revoke-old", true).await?;
    let revoke_route = format!("/core/organizations/{acme}/tokens/{}", old.id);
    server.sandbox()?.set_faults(Faults::single(
        FaultRule::new(RouteMatch::Prefix(revoke_route)).status(403, None),
    ));
    app.click("roll-revoke-old").await?;
    app.wait_for("roll-revoke-error").await?;
    app.wait_text_contains("roll-revoke-old", "Retry revoke")
        .await?;
    app.step("roll-revoke-failed").await?;
    let listed = view.client.list_tokens(&view.token, &acme, None).await?;
    for id in [&old.id, &new.id] {
        ensure!(
            listed.iter().any(|t| &t.id == id && !t.revoked),
            "{id} is not live after the failed revoke"
        );
    }

    // Closed: the roll stays on the Tokens tab, and the old key's row says it was rolled.
    app.click("copy-once-close").await?;
    app.wait_gone("copy-once-dialog").await?;
    let roll = By::testid("key-roll").with_attr("data-old-id", &old.id);
    app.wait_for(roll.clone()).await?;
    app.wait_for(By::testid("key-roll-error").inside(roll.clone()))
        .await?;
    app.wait_for(By::testid("token-rolled").inside(old_row.clone()))
        .await?;
    audit(app, "the Tokens tab with an unfinished roll").await?;
    app.step("roll-unfinished").await?;

    // Retry, with the server taking it: the roll is finished, the old key revoked.
    server.sandbox()?.set_faults(Faults::none());
    app.click(By::testid("key-roll-finish").inside(roll.clone()))
        .await?;
    app.wait_gone("key-rolls").await?;
    app.wait_text(By::testid("token-status").inside(old_row), "Revoked", |s| {
        s == "Revoked"
    })
    .await?;
    let finished = view.client.list_tokens(&view.token, &acme, None).await?;
    ensure!(
        finished.iter().any(|t| t.id == old.id && t.revoked)
            && finished.iter().any(|t| t.id == new.id && !t.revoked),
        "after the retry the old key should be revoked and the new one live"
    );

    // The activity history: the roll with both ids, the failed revoke and the retry.
    app.click("tab-activity").await?;
    app.wait_attr("activity-table", "data-row-count", "3")
        .await?;
    let actions = app.texts("activity-action-cell").await?;
    ensure!(
        actions == ["Revoke token", "Revoke token", "Roll token"],
        "the activity history shows {actions:?}"
    );
    let related = app.text("activity-related").await?;
    ensure!(
        related.contains(&old.id),
        "the roll's entry does not name the key it replaced: {related:?}"
    );
    let results = app.texts("activity-result").await?;
    ensure!(
        results[0] == "Done" && results[1].starts_with("Failed"),
        "the revokes' results are {results:?}"
    );
    app.step("roll-activity").await?;
    Ok(())
}

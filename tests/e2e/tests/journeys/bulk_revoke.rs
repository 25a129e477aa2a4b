//! Bulk revoke through the real window: "select all" takes the searched keys, the count
//! is typed to confirm, the server refuses one of them; each key ends on its own (two
//! revoked on the server, the refused one live, listed with its reason and still
//! selected), and the dialog's Retry revokes exactly it.

use anyhow::{Context, Result, ensure};
use saasignal_client::NewToken;
use saasignal_e2e::harness::a11y::audit;
use saasignal_e2e::{By, Journey};
use saasignal_sandbox::seed::DEMO_OWNER;
use saasignal_sandbox::{FaultRule, Faults, RouteMatch};

use saasignal_e2e::steps::{self, ServerView};

saasignal_e2e::journey! { a_bulk_revoke_reports_each_key_and_retries_the_one_refused: "bulk_revoke" => bulk_revoke }

async fn bulk_revoke(j: &mut Journey) -> Result<()> {
    let server = j.sandbox().await?;
    let view = ServerView::as_user(&server, DEMO_OWNER).await?;
    let acme = view.acme_id().await?;
    let mut batch = Vec::new();
    for n in 1..=3 {
        let key = NewToken {
            name: format!("Batch {n}"),
            scopes: vec!["kv:read".into()],
            project_id: None,
            expires_at: None,
        };
        batch.push(
            view.client
                .create_token(&view.token, &acme, &key)
                .await?
                .item
                .id,
        );
    }
    let app = j.launch().await?;
    steps::sign_in_first(app, &server, DEMO_OWNER, "Owner").await?;
    app.click("tab-tokens").await?;
    app.type_into("tokens-search", "Batch").await?;
    app.wait_attr("tokens-table", "data-row-count", "3").await?;

    app.click("tokens-select-all").await?;
    app.wait_text_contains("tokens-selected-count", "3 selected")
        .await?;
    let refused = batch[1].clone();
    server.sandbox()?.set_faults(Faults::single(
        FaultRule::new(RouteMatch::Prefix(format!(
            "/core/organizations/{acme}/tokens/{refused}"
        )))
        .status(403, None),
    ));

    app.click("tokens-bulk-revoke").await?;
    app.wait_for("bulk-revoke-dialog").await?;
    app.wait_enabled("bulk-revoke-confirm", false).await?;
    app.type_into("bulk-revoke-count", "3").await?;
    audit(app, "the bulk revoke confirmation").await?;
    app.click("bulk-revoke-confirm").await?;
    app.wait_text_contains("bulk-revoke-summary", "2 revoked, 1 failed")
        .await?;
    let failure = app
        .attr("bulk-revoke-failure", "data-key")
        .await?
        .context("no failure listed")?;
    ensure!(
        failure == refused,
        "the failure listed is {failure}, not {refused}"
    );
    app.wait_text_contains("tokens-selected-count", "1 selected")
        .await?;
    let refused_row = By::testid("token-row").with_attr("data-key", &refused);
    app.wait_for(By::testid("token-revoke-failed").inside(refused_row))
        .await?;
    audit(app, "the bulk revoke's outcome").await?;
    app.step("bulk-revoke-one-failed").await?;
    let listed = view.client.list_tokens(&view.token, &acme, None).await?;
    for id in &batch {
        let revoked = listed
            .iter()
            .find(|t| &t.id == id)
            .is_some_and(|t| t.revoked);
        ensure!(
            revoked == (id != &refused),
            "{id}: revoked {revoked} on the server"
        );
    }

    // Retry: exactly the refused key, now accepted.
    server.sandbox()?.set_faults(Faults::none());
    app.wait_text_contains("bulk-revoke-confirm", "Retry 1 failed")
        .await?;
    app.click("bulk-revoke-confirm").await?;
    app.wait_gone("bulk-revoke-dialog").await?;
    app.wait_gone("tokens-selection").await?;
    let listed = view.client.list_tokens(&view.token, &acme, None).await?;
    ensure!(
        batch
            .iter()
            .all(|id| listed.iter().any(|t| &t.id == id && t.revoked)),
        "not every key of the batch is revoked after the retry"
    );
    app.step("bulk-revoke-retried").await?;
    Ok(())
}

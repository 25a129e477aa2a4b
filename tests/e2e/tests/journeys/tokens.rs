//! API tokens: create one with an expiry; the copy-once dialog shows it masked, reveals
//! the very secret the server issued, copies it to the X clipboard (read back with
//! xclip), and the clipboard is cleared after the app's 30 s; once the dialog is closed
//! nothing on screen can show it again; revoking it makes the sandbox refuse it.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use saasignal_client::ApiError;
use saasignal_e2e::harness::a11y::audit;
use saasignal_e2e::harness::clipboard;
use saasignal_e2e::harness::scan::{self, Kind};
use saasignal_e2e::harness::wait::{self, Check};
use saasignal_e2e::{By, Journey};
use saasignal_sandbox::seed::DEMO_OWNER;
use saasignal_secret::Secret;

use saasignal_e2e::steps::{self, ServerView};

const NAME: &str = "CI deploy";

/// The app clears a copied secret after 30 s; the brief allows up to 40 s from the copy.
const CLIPBOARD_CLEARED_WITHIN: Duration = Duration::from_secs(40);

saasignal_e2e::journey! { token_secret_is_shown_once_copied_cleared_and_revocable: "tokens_copy_once_revoke" => tokens }

async fn tokens(j: &mut Journey) -> Result<()> {
    let server = j.sandbox().await?;
    let view = ServerView::as_user(&server, DEMO_OWNER).await?;
    let acme = view.acme_id().await?;
    let app = j.launch().await?;
    steps::sign_in_first(app, &server, DEMO_OWNER, "Owner").await?;
    app.click("tab-tokens").await?;
    app.wait_attr("tokens-table", "data-row-count", "4").await?;

    // In the default window a row's status and Revoke are in view with no sideways scroll
    // (the hint joins the name, the creation date goes to its tooltip). The row's controls
    // are laid out only on the row in use, so the actions column is read from the header,
    // whose columns the rows share.
    let fit = app
        .execute(
            r#"const table = document.querySelector('[data-testid="tokens-table"]');
            const actions = table.querySelector('[role="columnheader"]:last-child');
            return { overflow: table.scrollWidth - table.clientWidth,
                     revokeRight: actions.getBoundingClientRect().right,
                     tableRight: table.getBoundingClientRect().right };"#,
        )
        .await?;
    let number = |key: &str| {
        fit.get(key)
            .and_then(serde_json::Value::as_f64)
            .unwrap_or(f64::NAN)
    };
    ensure!(
        number("overflow") <= 0.0 && number("revokeRight") <= number("tableRight"),
        "the Tokens table scrolls sideways in the default window: {fit}"
    );
    // Create: read-only scopes, 7-day expiry.
    steps::fill_new_readonly_key(app, NAME).await?;
    app.click("create-token-expiry-7").await?;
    app.wait_text_contains("create-token-expiry-preview", "Expires")
        .await?;
    app.step("create-token-filled").await?;
    app.click("create-token-submit").await?;

    // The copy-once dialog: masked, with the warning, nothing revealed yet.
    app.wait_for("copy-once-dialog").await?;
    app.wait_gone("create-token-dialog").await?;
    app.wait_for("copy-once-warning").await?;
    app.wait_for("copy-once-masked").await?;
    ensure!(
        app.all("copy-once-secret").await?.is_empty(),
        "the secret is in the page before Reveal"
    );
    app.step("copy-once-masked").await?;
    audit(app, "the copy-once dialog").await?;

    // Reveal: the value is exactly the key the server issued (recorded off the wire).
    app.click("copy-once-reveal").await?;
    let secret = app.text("copy-once-secret").await?;
    ensure!(
        secret.starts_with("sk_live_") && secret.len() == "sk_live_".len() + 64,
        "the revealed value does not look like an API key ({} characters)",
        secret.len()
    );
    scan::remember(Kind::ApiKey, "revealed in the copy-once dialog", &secret);
    ensure!(
        scan::is_known(Kind::ApiKey, &secret),
        "the revealed secret is not the one the server issued"
    );
    app.click("copy-once-reveal").await?; // Hide, before any screenshot
    app.wait_for("copy-once-masked").await?;
    ensure!(
        !app.page_source().await?.contains(&secret),
        "the secret stays in the page after Hide"
    );

    // The key works on the server before it is revoked (so the refusal later means
    // something).
    let key = Secret::new(secret.as_str());
    view.client.list_projects(&key, &acme).await?;

    // Copy: the clipboard holds it, and a countdown says when it clears.
    app.click("copy-once-copy").await?;
    let copied_at = Instant::now();
    app.wait_text_contains("copy-once-countdown", "Clipboard clears in")
        .await?;
    wait::until("the clipboard to hold the secret", wait::UI, || async {
        Ok(match clipboard::text().await? {
            Some(text) if text == secret => Check::Done(()),
            Some(_) => Check::Waiting("something else".into()),
            None => Check::Waiting("nothing".into()),
        })
    })
    .await?;
    app.step("copied").await?;

    // Close: no way back to the secret.
    app.click("copy-once-close").await?;
    app.wait_gone("copy-once-dialog").await?;
    let source = app.page_source().await?;
    ensure!(
        !source.contains(&secret),
        "the secret is still in the page after closing"
    );
    for testid in [
        "copy-once-dialog",
        "copy-once-reveal",
        "copy-once-secret",
        "copy-once-copy",
    ] {
        ensure!(
            app.all(testid).await?.is_empty(),
            "{testid} is still in the page"
        );
    }
    let on_server = view.client.list_tokens(&view.token, &acme, None).await?;
    let Some(created) = on_server.iter().find(|t| t.name == NAME) else {
        bail!("the server has no token {NAME:?}");
    };
    ensure!(
        created.expires_at.is_some(),
        "the token was created without an expiry"
    );
    let row = By::testid("token-row").with_attr("data-key", &created.id);
    let row_text = app.text(row.clone()).await?;
    let hint = &secret[secret.len() - 4..];
    ensure!(
        row_text.contains(hint),
        "the token's row does not show its hint (last 4 characters)"
    );
    app.wait_attr("tokens-table", "data-row-count", "5").await?;
    app.step("closed").await?;

    // Revoke: the row says so and the sandbox refuses the key.
    app.click_in_row(row.clone(), "token-revoke").await?;
    app.wait_for("revoke-token-dialog").await?;
    audit(app, "the revoke confirmation").await?;
    app.click("revoke-token-dialog-confirm").await?;
    app.wait_gone("revoke-token-dialog").await?;
    app.wait_text(By::testid("token-status").inside(row), "Revoked", |s| {
        s == "Revoked"
    })
    .await?;
    match view.client.list_projects(&key, &acme).await {
        Err(ApiError::Unauthorized) => {}
        Ok(_) => bail!("the sandbox still accepts the revoked key"),
        Err(other) => bail!("the sandbox answered the revoked key with {}", other.code()),
    }
    app.step("revoked").await?;

    // Key health: each rule's count of unrevoked keys, from the cache; a click filters
    // the table to exactly those keys, and clearing it shows every key again.
    app.click("key-health-toggle").await?;
    let no_expiry = By::testid("key-health-no_expiry");
    app.wait_for(no_expiry.clone()).await?;
    let keys = app
        .attr(no_expiry.clone(), "data-keys")
        .await?
        .context("the no-expiry rule shows no count")?;
    ensure!(
        keys != "0",
        "the demo org's keys without expiry are not counted"
    );
    app.click(no_expiry.clone()).await?;
    app.wait_attr(no_expiry, "aria-pressed", "true").await?;
    app.wait_attr("tokens-table", "data-row-count", &keys)
        .await?;
    app.step("key-health").await?;
    app.click("key-health-clear").await?;
    app.wait_attr("tokens-table", "data-row-count", "5").await?;

    // The activity history: the create and the revoke, newest first, from the local log.
    app.click("tab-activity").await?;
    app.wait_attr("activity-table", "data-row-count", "2")
        .await?;
    let actions = app.texts("activity-action-cell").await?;
    ensure!(
        actions == ["Revoke token", "Create token"],
        "the activity history shows {actions:?}"
    );
    app.select("activity-action", "token.create").await?;
    app.wait_attr("activity-table", "data-row-count", "1")
        .await?;
    app.step("activity").await?;
    app.click("tab-tokens").await?;

    // The clipboard empties 30 s after the copy (waited on, up to 40 s from the copy).
    let left = CLIPBOARD_CLEARED_WITHIN.saturating_sub(copied_at.elapsed());
    wait::until("the clipboard to be cleared", left, || async {
        Ok(match clipboard::text().await? {
            None => Check::Done(()),
            Some(text) if text == secret => Check::Waiting("still the secret".into()),
            Some(_) => Check::Waiting("other text (expected empty)".into()),
        })
    })
    .await?;
    eprintln!(
        "[e2e] clipboard cleared {:.1} s after the copy",
        copied_at.elapsed().as_secs_f64()
    );
    Ok(())
}

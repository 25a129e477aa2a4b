//! Scopes: a member without tokens:write (the demo reader) sees the token list, but
//! "New token" is disabled with the missing scope named beside it and in its tooltip,
//! and the revoke buttons are disabled too.

use anyhow::{Result, ensure};
use saasignal_e2e::{By, Journey};
use saasignal_sandbox::seed::DEMO_READER;

use saasignal_e2e::steps;

const REASON: &str = "Needs the tokens:write scope";

saasignal_e2e::journey! { a_reader_sees_token_creation_disabled_naming_the_scope: "scopes_reader_cannot_create_tokens" => reader }

async fn reader(j: &mut Journey) -> Result<()> {
    let server = j.sandbox().await?;
    let app = j.launch().await?;
    steps::sign_in_first(app, &server, DEMO_READER, "Ada").await?;
    app.click("tab-tokens").await?;
    app.wait_attr("tokens-table", "data-row-count", "4").await?;

    app.wait_enabled("token-create", false).await?;
    app.wait_text("token-create-hint", REASON, |t| t == REASON)
        .await?;
    let title = app.attr("token-create", "title").await?;
    ensure!(
        title.as_deref() == Some(REASON),
        "the tooltip says {title:?}"
    );
    let revoke = app
        .all(By::testid("token-revoke").inside("tokens-table"))
        .await?;
    ensure!(!revoke.is_empty(), "no revoke buttons to check");
    for button in revoke {
        ensure!(
            !button.is_enabled().await?,
            "a revoke button is enabled for a reader"
        );
    }
    app.step("token-create-disabled").await
}

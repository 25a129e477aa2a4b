//! Steps the journeys and the fault suite share: the ways into the app, and the
//! server-side view.

use crate::{App, By, TestServer};
use anyhow::{Context, Result};
use fantoccini::key::Key;
use saasignal_client::PlatformClient;
use saasignal_sandbox::seed::{DEMO_ORG_NAME, DEMO_ORG_SLUG, DemoAccount};
use saasignal_secret::Secret;

/// First run → "Explore the local sandbox": the app starts its embedded sandbox, signs
/// in as the demo owner and opens the demo org.
pub async fn explore_sandbox(app: &App) -> Result<()> {
    app.wait_for("welcome").await?;
    app.step("welcome").await?;
    app.click("welcome-sandbox").await?;
    wait_org_title(app, DEMO_ORG_NAME).await
}

/// Fills the sign-in form (the welcome screen's, or the one in the Add-account dialog)
/// for a demo user against `base_url`, labelled `label`, and submits it.
pub async fn submit_sign_in(
    app: &App,
    base_url: &str,
    user: DemoAccount,
    label: &str,
) -> Result<()> {
    app.click("welcome-signin").await?;
    app.type_into("signin-email", user.email).await?;
    app.type_password("signin-password", user.password, user.email)
        .await?;
    // The server and label fields sit in a closed <details> until it is opened.
    if app.visible("signin-base-url").await?.is_none() {
        app.click(By::css("summary").inside("signin-form")).await?;
    }
    app.type_into("signin-base-url", base_url).await?;
    app.type_into("signin-label", label).await?;
    app.step(&format!("sign-in-form-{label}")).await?;
    app.click("signin-submit").await?;
    Ok(())
}

/// First run → sign in to the test's sandbox → the demo org opens.
pub async fn sign_in_first(
    app: &App,
    server: &TestServer,
    user: DemoAccount,
    label: &str,
) -> Result<()> {
    app.wait_for("welcome").await?;
    submit_sign_in(app, &server.base_url(), user, label).await?;
    wait_org_title(app, DEMO_ORG_NAME).await?;
    app.step("signed-in").await
}

/// Ctrl+K → "Refresh from the server" → Enter: the account is refreshed and the open
/// screens read the server again.
pub async fn refresh_from_palette(app: &App) -> Result<()> {
    let shortcut = format!("{}k{}", &*Key::Control, &*Key::Null);
    app.press(By::css("body"), &shortcut).await?;
    app.wait_for("palette-dialog").await?;
    app.type_into("palette-input", "Refresh from the server")
        .await?;
    app.wait_text_contains(
        By::testid("palette-item").with_attr("aria-selected", "true"),
        "Refresh from the server",
    )
    .await?;
    app.step("palette-refresh").await?;
    app.press("palette-input", &Key::Enter).await?;
    app.wait_gone("palette-dialog").await
}

pub async fn wait_org_title(app: &App, name: &str) -> Result<()> {
    app.wait_text("org-title", &format!("{name:?}"), |title| title == name)
        .await
        .map(|_| ())
}

/// What the server holds, seen through the platform API as one of its users.
pub struct ServerView {
    pub client: PlatformClient,
    pub token: Secret,
}

impl ServerView {
    pub async fn as_user(server: &TestServer, user: DemoAccount) -> Result<Self> {
        Ok(Self {
            client: server.client()?,
            token: server.sign_in(user).await?.token,
        })
    }

    /// The demo org's id.
    pub async fn acme_id(&self) -> Result<String> {
        let orgs = self.client.list_orgs(&self.token).await?;
        orgs.into_iter()
            .find(|org| org.slug == DEMO_ORG_SLUG)
            .map(|org| org.id)
            .context("the demo org is not on the server")
    }
}

/// Opens the create-token dialog, names the key and picks the Read-only preset; the
/// caller sets anything more and submits.
pub async fn fill_new_readonly_key(app: &App, name: &str) -> Result<()> {
    app.click("token-create").await?;
    app.wait_for("create-token-dialog").await?;
    app.type_into("create-token-name", name).await?;
    app.click("create-token-scopes-preset-readonly").await
}

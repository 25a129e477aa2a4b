//! Accounts: sign in by email and password against the test's sandbox, add a second
//! user through "Add account", and switch between them (click, and Ctrl+N). Each account
//! shows only its own organizations: the owner has one the maintainer is no member of.

use anyhow::{Result, anyhow};
use fantoccini::key::Key;
use saasignal_client::NewOrg;
use saasignal_e2e::harness::wait::{self, Check};
use saasignal_e2e::{App, By, Journey};
use saasignal_sandbox::seed::{DEMO_MAINTAINER, DEMO_ORG_NAME, DEMO_OWNER};

use saasignal_e2e::steps::{self, ServerView};

/// An org only the owner belongs to (created on the sandbox before the app signs in; it
/// sorts after the demo org, which stays the one opened first).
const OWNER_ONLY: &str = "Owner Only Labs";

saasignal_e2e::journey! { add_a_second_account_and_switch_between_them: "accounts_add_and_switch" => accounts }

async fn accounts(j: &mut Journey) -> Result<()> {
    let server = j.sandbox().await?;
    let view = ServerView::as_user(&server, DEMO_OWNER).await?;
    let new_org = NewOrg {
        name: OWNER_ONLY.to_owned(),
        slug: None,
    };
    view.client
        .create_org(&view.token, &new_org)
        .await
        .map_err(|error| anyhow!("creating {OWNER_ONLY:?} on the sandbox: {error}"))?;
    let app = j.launch().await?;
    steps::sign_in_first(app, &server, DEMO_OWNER, "Owner").await?;
    app.wait_count("account-item", 1).await?;
    wait_orgs(app, &[DEMO_ORG_NAME, OWNER_ONLY]).await?;
    let host = server.base_url().trim_start_matches("http://").to_owned();
    app.wait_text_contains("account-item", &host).await?;

    app.click("account-add").await?;
    app.wait_for("add-account-dialog").await?;
    steps::submit_sign_in(app, &server.base_url(), DEMO_MAINTAINER, "Maintainer").await?;
    app.wait_gone("add-account-dialog").await?;
    app.wait_count("account-item", 2).await?;
    app.wait_text_contains("notice", "Added Maintainer").await?;
    // The new account is the open one, and the app acts as its user.
    let maintainer = app
        .attr_where_text("account-item", "Maintainer", "data-account-id")
        .await?;
    let owner = app
        .attr_where_text("account-item", "Owner", "data-account-id")
        .await?;
    wait_current(app, &maintainer).await?;
    wait_me(app, DEMO_MAINTAINER.email).await?;
    wait_orgs(app, &[DEMO_ORG_NAME]).await?;
    app.step("maintainer-open").await?;

    // Switch by clicking the other account.
    app.click(By::testid("account-item").with_attr("data-account-id", &owner))
        .await?;
    wait_current(app, &owner).await?;
    wait_me(app, DEMO_OWNER.email).await?;
    wait_orgs(app, &[DEMO_ORG_NAME, OWNER_ONLY]).await?;
    app.step("switched-to-owner").await?;

    // Ctrl+2 opens the second account.
    let shortcut = format!("{}2{}", &*Key::Control, &*Key::Null);
    app.press(By::css("body"), &shortcut).await?;
    wait_current(app, &maintainer).await?;
    wait_me(app, DEMO_MAINTAINER.email).await?;
    wait_orgs(app, &[DEMO_ORG_NAME]).await?;
    app.step("switched-with-ctrl-2").await
}

/// Waits until the sidebar lists exactly these organizations (by name).
async fn wait_orgs(app: &App, names: &[&str]) -> Result<()> {
    let item_names = By::css(".name").inside("org-item");
    wait::until(
        format!("the sidebar to list {names:?}"),
        wait::UI,
        || async {
            let mut listed = app.texts(&item_names).await?;
            listed.sort();
            let mut wanted: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
            wanted.sort();
            Ok(if listed == wanted {
                Check::Done(())
            } else {
                Check::Waiting(format!("{listed:?}"))
            })
        },
    )
    .await
}

/// Waits until `account_id` is the open account (and only it).
async fn wait_current(app: &App, account_id: &str) -> Result<()> {
    let item = By::testid("account-item").with_attr("data-account-id", account_id);
    app.wait_attr(item, "aria-current", "true").await?;
    app.wait_count(
        By::testid("account-item").with_attr("aria-current", "true"),
        1,
    )
    .await
}

/// Waits until the members list marks `email`'s row, and only it, as "You".
async fn wait_me(app: &App, email: &str) -> Result<()> {
    if app.visible("members-table").await?.is_none() {
        app.click("tab-members").await?;
    }
    let marked = By::css("[data-testid=\"member-row\"]:has([data-testid=\"member-you\"])");
    wait::until(format!("{email}'s row marked You"), wait::UI, || async {
        let rows = app.texts(&marked).await?;
        Ok(if rows.len() == 1 && rows[0].contains(email) {
            Check::Done(())
        } else {
            Check::Waiting(format!("{rows:?}"))
        })
    })
    .await
}

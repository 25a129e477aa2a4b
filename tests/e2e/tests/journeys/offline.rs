//! Offline: the test's sandbox stops mid-session. The next read falls back to the cache
//! (the other org's projects still show), the banner says "Offline" since when, and
//! writes are disabled naming why. A sandbox started again on the same port with the
//! same database is picked up by Retry, which re-reads from the server (a project added
//! meanwhile appears).

use anyhow::Result;
use saasignal_client::{NewOrg, NewProject};
use saasignal_e2e::{App, Journey};
use saasignal_sandbox::seed::{DEMO_ORG_NAME, DEMO_OWNER};

use saasignal_e2e::steps::{self, ServerView};

const OTHER_ORG: &str = "Beta Labs";
const OFFLINE_REASON: &str = "You're offline — changes need a connection";

saasignal_e2e::journey! { offline_shows_cached_data_disables_writes_and_retry_recovers: "offline_and_retry" => offline }

async fn offline(j: &mut Journey) -> Result<()> {
    let mut server = j.sandbox().await?;
    let view = ServerView::as_user(&server, DEMO_OWNER).await?;
    let beta = view
        .client
        .create_org(
            &view.token,
            &NewOrg {
                name: OTHER_ORG.into(),
                slug: Some("beta-labs".into()),
            },
        )
        .await?;
    view.client
        .create_project(&view.token, &beta.id, &project("Beta Web"))
        .await?;

    let app = j.launch().await?;
    app.wait_for("welcome").await?;
    steps::submit_sign_in(app, &server.base_url(), DEMO_OWNER, "Owner").await?;
    app.wait_count("org-item", 2).await?;
    // Visit both orgs online, so both are in the cache.
    open_org(app, &beta.id, OTHER_ORG, 1).await?;
    let acme = view.acme_id().await?;
    open_org(app, &acme, DEMO_ORG_NAME, 3).await?;
    app.wait_text_contains("sync-status", "Synced at").await?;
    app.step("online").await?;

    server.stop().await;
    // Opening the other org reads the cache first, then fails to reach the server.
    open_org(app, &beta.id, OTHER_ORG, 1).await?;
    app.wait_text_contains("project-row", "Beta Web").await?;
    app.wait_text_contains("offline-banner", "Offline").await?;
    app.wait_for("offline-since").await?;
    app.wait_text_contains("sync-status", "Offline").await?;
    app.wait_enabled("project-create", false).await?;
    app.wait_text("project-create-hint", OFFLINE_REASON, |t| {
        t == OFFLINE_REASON
    })
    .await?;
    app.click("tab-tokens").await?;
    app.wait_enabled("token-create", false).await?;
    app.wait_text("token-create-hint", OFFLINE_REASON, |t| t == OFFLINE_REASON)
        .await?;
    app.step("offline").await?;
    // The tokens tab's read is done retrying: a server back while it still retries
    // would bring the app online by itself, before Retry.
    app.wait_attr("tokens-table", "aria-busy", "false").await?;

    // Back on the same port and data; a change made meanwhile shows after Retry.
    server.restart().await?;
    view.client
        .create_project(&view.token, &beta.id, &project("Beta Docs"))
        .await?;
    app.click("tab-projects").await?;
    app.click("offline-retry").await?;
    app.wait_gone("offline-banner").await?;
    app.wait_attr("projects-table", "data-row-count", "2")
        .await?;
    app.wait_text_contains("sync-status", "Synced at").await?;
    app.wait_enabled("project-create", true).await?;
    app.step("back-online").await
}

fn project(name: &str) -> NewProject {
    NewProject {
        name: name.into(),
        description: None,
        region: None,
    }
}

/// Clicks an org in the sidebar and waits for its title and project count.
async fn open_org(app: &App, org_id: &str, name: &str, projects: usize) -> Result<()> {
    app.click(saasignal_e2e::By::testid("org-item").with_attr("data-org-id", org_id))
        .await?;
    steps::wait_org_title(app, name).await?;
    app.wait_attr("projects-table", "data-row-count", &projects.to_string())
        .await
}

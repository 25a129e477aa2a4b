//! First run → "Explore the local sandbox": one click signs in to the embedded sandbox
//! and shows the demo org, its projects, members and tokens.

use anyhow::{Result, ensure};
use saasignal_e2e::{By, Journey};
use saasignal_sandbox::seed::{DEMO_MAINTAINER, DEMO_OWNER, DEMO_READER};

use saasignal_e2e::steps;

saasignal_e2e::journey! { explore_the_local_sandbox_shows_the_demo_org: "explore_local_sandbox" => explore }

async fn explore(j: &mut Journey) -> Result<()> {
    let app = j.launch().await?;
    steps::explore_sandbox(app).await?;
    app.wait_count("account-item", 1).await?;
    app.wait_text_contains("account-item", "Local sandbox")
        .await?;
    app.wait_text("account-state", "Signed in", |s| s == "Signed in")
        .await?;
    app.wait_count("org-item", 1).await?;

    app.wait_attr("projects-table", "data-row-count", "3")
        .await?;
    let projects = app.texts("project-row").await?;
    for name in ["Storefront", "Analytics", "Mobile API"] {
        ensure!(
            projects.iter().any(|row| row.contains(name)),
            "project {name:?} is not listed: {projects:?}"
        );
    }
    app.step("projects").await?;

    app.click("tab-members").await?;
    app.wait_attr("members-table", "data-row-count", "3")
        .await?;
    let members = app.texts("member-row").await?;
    for user in [DEMO_OWNER, DEMO_READER, DEMO_MAINTAINER] {
        ensure!(
            members.iter().any(|row| row.contains(user.email)),
            "member {} is not listed: {members:?}",
            user.email
        );
    }
    let you = app
        .text(By::testid("member-you").inside("members-table"))
        .await?;
    ensure!(you == "You", "the owner's own row is not marked: {you:?}");
    app.step("members").await?;

    app.click("tab-tokens").await?;
    app.wait_attr("tokens-table", "data-row-count", "4").await?;
    let tokens = app.texts("token-row").await?;
    for name in [
        "Storefront server",
        "Analytics ingest",
        "Old CI key",
        "Mobile release",
    ] {
        ensure!(
            tokens.iter().any(|row| row.contains(name)),
            "token {name:?} is not listed: {tokens:?}"
        );
    }
    let old_ci = app
        .attr_where_text("token-row", "Old CI key", "data-key")
        .await?;
    let status = app
        .text(
            By::testid("token-status")
                .inside(By::testid("token-row").with_attr("data-key", &old_ci)),
        )
        .await?;
    ensure!(status == "Revoked", "the revoked demo key shows {status:?}");
    app.step("tokens").await
}

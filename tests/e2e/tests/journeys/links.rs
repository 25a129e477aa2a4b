//! Links into the app: `saasignal-admin://org/<id>/usage` given to a second launch (as
//! the OS does when the link is opened) is handed to the running window by
//! single-instance, which opens that org's Usage tab; a link of another shape is refused
//! with a message in the window, and nothing moves.

use anyhow::{Context, Result};
use saasignal_e2e::Journey;

use saasignal_e2e::steps;

saasignal_e2e::journey! { a_link_given_to_a_second_launch_opens_its_view: "links" => links }

async fn links(j: &mut Journey) -> Result<()> {
    let app = j.launch().await?;
    app.wait_for("welcome-sandbox").await?;
    steps::explore_sandbox(app).await?;
    app.wait_attr("projects-table", "data-row-count", "3")
        .await?;
    let org_id = app
        .attr("org-item", "data-org-id")
        .await?
        .context("the org has no id")?;

    app.launch_again(&[&format!("saasignal-admin://org/{org_id}/usage")])
        .await?;
    app.wait_attr("tab-usage", "aria-selected", "true").await?;
    app.wait_text_contains("usage-plan", "Pro").await?;
    app.step("opened-by-link").await?;

    app.launch_again(&["saasignal-admin://org/../../etc/passwd"])
        .await?;
    app.wait_text_contains("notice", "is not one SaaSignal Admin opens")
        .await?;
    app.wait_attr("tab-usage", "aria-selected", "true").await?;
    app.step("refused-link").await
}

//! Projects: create one in Western Europe (`weur`), see it listed with its region, find
//! it with the filter, and delete it after typing its name.

use anyhow::{Result, ensure};
use saasignal_e2e::{By, Journey};
use saasignal_sandbox::seed::DEMO_OWNER;

use saasignal_e2e::steps::{self, ServerView};

const NAME: &str = "Billing API";

saasignal_e2e::journey! { create_a_project_in_weur_and_delete_it: "projects_create_delete" => projects }

async fn projects(j: &mut Journey) -> Result<()> {
    let server = j.sandbox().await?;
    let view = ServerView::as_user(&server, DEMO_OWNER).await?;
    let acme = view.acme_id().await?;
    let app = j.launch().await?;
    steps::sign_in_first(app, &server, DEMO_OWNER, "Owner").await?;
    app.wait_attr("projects-table", "data-row-count", "3")
        .await?;

    app.click("project-create").await?;
    app.wait_for("create-project-dialog").await?;
    app.type_into("create-project-name", NAME).await?;
    app.type_into("create-project-description", "Invoices and payouts")
        .await?;
    app.select("create-project-region", "weur").await?;
    app.step("create-project-filled").await?;
    app.click("create-project-submit").await?;
    app.wait_gone("create-project-dialog").await?;
    app.wait_text_contains("notice", &format!("Created {NAME}"))
        .await?;
    app.wait_attr("projects-table", "data-row-count", "4")
        .await?;

    let on_server = view.client.list_projects(&view.token, &acme).await?;
    let created = on_server.iter().find(|p| p.name == NAME);
    let Some(created) = created else {
        anyhow::bail!("the server has no project {NAME:?}");
    };
    ensure!(created.region == "weur", "created in {:?}", created.region);
    let row = By::testid("project-row").with_attr("data-key", &created.id);
    app.wait_text_contains(row.clone(), "Western Europe")
        .await?;
    // The new project opens in the details panel, region code included.
    app.wait_text_contains("project-details", "(weur)").await?;
    app.step("created").await?;

    // The filter searches the cached list in SQLite (name, description, id) and counts
    // the matches; a typed `%` is a percent sign, not a wildcard.
    app.type_into("projects-filter", "payouts").await?;
    app.wait_attr("projects-table", "data-row-count", "1")
        .await?;
    app.wait_text_contains(row.clone(), NAME).await?;
    app.wait_text_contains("projects-count", "1 of 4").await?;
    app.type_into("projects-filter", "100%").await?;
    app.wait_attr("projects-table", "data-row-count", "0")
        .await?;
    app.type_into("projects-filter", "").await?;
    app.wait_attr("projects-table", "data-row-count", "4")
        .await?;

    app.click("project-delete").await?;
    app.wait_for("delete-project-dialog").await?;
    app.wait_enabled("delete-project-dialog-confirm", false)
        .await?;
    app.type_into("delete-project-dialog-input", NAME).await?;
    app.click("delete-project-dialog-confirm").await?;
    app.wait_gone("delete-project-dialog").await?;
    app.wait_count(row, 0).await?;
    app.wait_attr("projects-table", "data-row-count", "3")
        .await?;
    let on_server = view.client.list_projects(&view.token, &acme).await?;
    ensure!(
        on_server.iter().all(|p| p.id != created.id),
        "the deleted project is still on the server"
    );
    app.step("deleted").await
}

//! Organizations: create one (a malformed slug is refused at the field before anything
//! is sent; a taken slug comes back as the server's 409 at the field), rename it, and
//! delete it only after typing its name.

use anyhow::{Result, bail, ensure};
use saasignal_client::ApiError;
use saasignal_e2e::{By, Journey};
use saasignal_sandbox::seed::{DEMO_ORG_NAME, DEMO_ORG_SLUG, DEMO_OWNER};

use saasignal_e2e::steps::{self, ServerView};

const NAME: &str = "Zeta Labs";
const SLUG: &str = "zeta-labs";
const RENAMED: &str = "Zeta Research";

saasignal_e2e::journey! { create_rename_and_delete_an_organization: "orgs_create_rename_delete" => orgs }

async fn orgs(j: &mut Journey) -> Result<()> {
    let server = j.sandbox().await?;
    let view = ServerView::as_user(&server, DEMO_OWNER).await?;
    let app = j.launch().await?;
    steps::sign_in_first(app, &server, DEMO_OWNER, "Owner").await?;

    app.click("org-create").await?;
    app.wait_for("create-org-dialog").await?;
    app.type_into("create-org-name", NAME).await?;
    app.wait_text_contains("create-org-slug-preview", SLUG)
        .await?;

    // Malformed: the field says so as it is typed, and submitting sends nothing.
    app.type_into("create-org-slug", "Zeta Labs!").await?;
    app.wait_for("create-org-slug-error").await?;
    app.click("create-org-submit").await?;
    app.wait_for("create-org-slug-error").await?;
    app.wait_for("create-org-dialog").await?;
    let orgs = view.client.list_orgs(&view.token).await?;
    ensure!(
        orgs.len() == 1,
        "a malformed slug reached the server: it lists {} orgs",
        orgs.len()
    );
    app.step("malformed-slug-refused").await?;

    // Taken: the server's 409 shows at the slug field.
    app.type_into("create-org-slug", DEMO_ORG_SLUG).await?;
    app.wait_gone("create-org-slug-error").await?;
    app.click("create-org-submit").await?;
    let taken = app
        .wait_text("create-org-slug-error", "that the slug is taken", |t| {
            t.to_lowercase().contains("taken")
        })
        .await?;
    ensure!(
        app.visible("create-org-error").await?.is_none(),
        "the conflict also shows as a general error (expected only at the field: {taken:?})"
    );
    app.step("taken-slug-409").await?;

    // A free slug creates it and opens it.
    app.type_into("create-org-slug", SLUG).await?;
    app.click("create-org-submit").await?;
    app.wait_gone("create-org-dialog").await?;
    steps::wait_org_title(app, NAME).await?;
    app.wait_count("org-item", 2).await?;
    let created = view
        .client
        .list_orgs(&view.token)
        .await?
        .into_iter()
        .find(|org| org.slug == SLUG);
    let Some(created) = created else {
        bail!("the server has no org with slug {SLUG}");
    };
    ensure!(
        created.name == NAME,
        "the server named it {:?}",
        created.name
    );
    app.step("created").await?;

    // Rename in Settings.
    app.click("tab-settings").await?;
    app.type_into("settings-org-name", RENAMED).await?;
    app.click("org-settings-save").await?;
    steps::wait_org_title(app, RENAMED).await?;
    let renamed = view.client.get_org(&view.token, &created.id).await?;
    ensure!(
        renamed.name == RENAMED,
        "the server still calls it {:?}",
        renamed.name
    );
    app.step("renamed").await?;

    // Delete: the button stays disabled until the exact name is typed.
    app.click("org-delete").await?;
    app.wait_for("delete-org-dialog").await?;
    app.wait_enabled("delete-org-dialog-confirm", false).await?;
    app.type_into("delete-org-dialog-input", "Zeta").await?;
    app.wait_enabled("delete-org-dialog-confirm", false).await?;
    app.type_into("delete-org-dialog-input", RENAMED).await?;
    app.wait_enabled("delete-org-dialog-confirm", true).await?;
    app.step("delete-confirm-typed").await?;
    app.click("delete-org-dialog-confirm").await?;
    app.wait_gone("delete-org-dialog").await?;
    app.wait_count(
        By::testid("org-item").with_attr("data-org-id", &created.id),
        0,
    )
    .await?;
    steps::wait_org_title(app, DEMO_ORG_NAME).await?;
    match view.client.get_org(&view.token, &created.id).await {
        Err(ApiError::NotFound { .. }) => {}
        other => bail!("the deleted org still answers on the server: {other:?}"),
    }
    app.step("deleted").await
}

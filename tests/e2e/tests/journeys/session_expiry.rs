//! Session expiry: the session is signed out on the server while the app is open. The
//! next write is refused with 401; the app asks for the password in place, over the
//! form, keeps what was typed, and finishes the write after signing in again.

use anyhow::{Result, ensure};
use saasignal_e2e::harness::a11y::audit;
use saasignal_e2e::{By, Journey};
use saasignal_sandbox::seed::DEMO_MAINTAINER;

use saasignal_e2e::steps::{self, ServerView};

const NAME: &str = "Reauth Probe";

saasignal_e2e::journey! { an_expired_session_asks_for_the_password_in_place: "session_expiry_reauth" => session_expiry }

async fn session_expiry(j: &mut Journey) -> Result<()> {
    let server = j.sandbox().await?;
    let app = j.launch().await?;
    steps::sign_in_first(app, &server, DEMO_MAINTAINER, "Grace").await?;
    app.wait_attr("projects-table", "data-row-count", "3")
        .await?;

    app.click("project-create").await?;
    app.wait_for("create-project-dialog").await?;
    app.type_into("create-project-name", NAME).await?;
    app.select("create-project-region", "weur").await?;

    let ended = server.sign_out_everywhere(DEMO_MAINTAINER.email).await?;
    ensure!(
        ended == 1,
        "expected the app's one session on the server, found {ended}"
    );

    app.click("create-project-submit").await?;
    app.wait_for("reauth-dialog").await?;
    app.wait_text_contains("reauth-dialog", DEMO_MAINTAINER.email)
        .await?;
    // In place: the form under the prompt still holds what was typed.
    let typed = app
        .wait_for(By::testid("create-project-name"))
        .await?
        .prop("value")
        .await?;
    ensure!(
        typed.as_deref() == Some(NAME),
        "the form under the prompt lost its input: {typed:?}"
    );
    app.step("reauth-asked").await?;
    audit(app, "the re-authentication dialog").await?;

    app.type_password(
        "reauth-password",
        DEMO_MAINTAINER.password,
        DEMO_MAINTAINER.email,
    )
    .await?;
    app.click("reauth-submit").await?;
    app.wait_gone("reauth-dialog").await?;
    app.wait_gone("create-project-dialog").await?;
    app.wait_text_contains("notice", &format!("Created {NAME}"))
        .await?;
    app.wait_attr("projects-table", "data-row-count", "4")
        .await?;
    app.wait_text("account-state", "Signed in", |s| s == "Signed in")
        .await?;

    let view = ServerView::as_user(&server, DEMO_MAINTAINER).await?;
    let acme = view.acme_id().await?;
    let projects = view.client.list_projects(&view.token, &acme).await?;
    ensure!(
        projects
            .iter()
            .any(|p| p.name == NAME && p.region == "weur"),
        "the write did not reach the server after signing in again"
    );
    app.step("write-finished").await
}

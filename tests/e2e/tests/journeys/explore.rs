//! First run → "Explore the local sandbox": one click signs in to the embedded sandbox
//! and shows the demo org, its projects, members and tokens. Each screen and dialog on
//! the way is audited with axe-core (WCAG 2.1 A/AA): any violation fails the journey.
//! The web process behind it runs with the app's JavaScript engine and painting settings,
//! and the screens left for another tab stay laid out, hidden, behind the one shown.

use std::path::Path;

use anyhow::{Result, ensure};
use saasignal_e2e::harness::a11y::audit;
use saasignal_e2e::{App, By, Journey};
use saasignal_sandbox::seed::{DEMO_MAINTAINER, DEMO_OWNER, DEMO_READER};

use saasignal_e2e::steps;

saasignal_e2e::journey! { explore_the_local_sandbox_shows_the_demo_org: "explore_local_sandbox" => explore }

async fn explore(j: &mut Journey) -> Result<()> {
    let app = j.launch().await?;
    app.wait_for("welcome-sandbox").await?;
    audit(app, "the welcome screen").await?;
    // Full collections, due early, a heap that grows little between them, and no FTL
    // tier: what keeps memory flat over a day (`src-tauri/src/memory.rs`).
    for (name, value) in [
        ("JSC_useGenerationalGC", "0"),
        ("JSC_largeHeapSize", "8388608"),
        ("JSC_heapGrowthMaxIncrease", "1"),
        ("JSC_smallHeapGrowthFactor", "1.5"),
        ("JSC_useFTLJIT", "0"),
    ] {
        let found = app.web_process_variable(name);
        ensure!(
            found.as_deref() == Some(value),
            "the web process started with {name} = {found:?}, not {value:?}"
        );
    }
    // No GPU on the machines this runs on: Skia paints on the CPU, not through Mesa's
    // software OpenGL (`src-tauri/src/memory.rs`).
    if !Path::new("/dev/dri").exists() && !Path::new("/dev/nvidia0").exists() {
        let found = app.web_process_variable("WEBKIT_SKIA_ENABLE_CPU_RENDERING");
        ensure!(
            found.as_deref() == Some("1"),
            "with no GPU the web process started with WEBKIT_SKIA_ENABLE_CPU_RENDERING = {found:?}"
        );
    }
    // Generic families on WebKitGTK: named ones it cannot resolve cost a fontconfig
    // look-up each at the first layout (`ui/src/app/theme.css`).
    let fonts = app
        .execute("return getComputedStyle(document.documentElement).fontFamily")
        .await?;
    ensure!(
        fonts.as_str() == Some("sans-serif"),
        "the window's font stack is {fonts}, not the generic sans-serif"
    );
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
    audit(app, "Projects").await?;
    audit_dialog(
        app,
        "project-create",
        "create-project-dialog",
        "create-project-name",
    )
    .await?;

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
    audit(app, "Members").await?;
    audit_dialog(app, "member-invite", "invite-dialog", "invite-email").await?;
    // A row's controls show on the row the pointer is over.
    let removable = By::css("[data-testid=\"member-row\"]:has([data-testid=\"member-remove\"])");
    app.click_in_row(removable, "member-remove").await?;
    audit_open_confirmation(app, "remove-member-dialog").await?;

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
    app.step("tokens").await?;
    app.click("key-health-toggle").await?;
    app.wait_for("key-health-summary").await?;
    audit(app, "Tokens with the Health panel").await?;
    audit_dialog(
        app,
        "token-create",
        "create-token-dialog",
        "create-token-name",
    )
    .await?;
    for (tab, shows) in [
        ("browser", "tab-browser"),
        ("activity", "activity-table"),
        ("settings", "tab-settings"),
    ] {
        app.click(format!("tab-{tab}").as_str()).await?;
        app.wait_for(shows).await?;
        audit(app, tab).await?;
    }
    audit_confirmation(app, "org-delete", "delete-org-dialog").await?;
    app.click("tab-projects").await?;
    app.wait_for("projects-table").await?;
    kept_screens_stay_laid_out(app).await?;
    app.click("about-open").await?;
    app.wait_for("about-version").await?;
    audit(app, "About").await?;
    app.press("pref-unusedAfterDays", ESCAPE).await?;
    app.wait_gone("about-version").await?;
    // The other app-level dialogs: add an account, a new organization, the palette.
    audit_dialog(app, "account-add", "add-account-dialog", "signin-email").await?;
    audit_dialog(app, "org-create", "create-org-dialog", "create-org-name").await?;
    audit_confirmation(app, "account-remove", "remove-account-dialog").await?;
    app.press(By::css("body"), "\u{e009}k\u{e000}").await?; // Ctrl+K
    app.wait_for("palette-input").await?;
    audit(app, "the command palette").await
}

/// The screens opened before and hidden now stay laid out, invisible and inert, and give
/// the panel no scrollbar (`ui/src/app/OrgViews.svelte`: rebuilding their boxes on every
/// switch kept WebKit's memory growing).
async fn kept_screens_stay_laid_out(app: &App) -> Result<()> {
    let kept = app
        .execute(
            "return [...document.querySelectorAll('[data-view-kept][hidden]')].map((view) => {
               const style = getComputedStyle(view);
               return `${view.dataset.viewKept} ${style.display} ${style.visibility} ${view.inert}`;
             })",
        )
        .await?;
    let kept: Vec<String> = serde_json::from_value(kept)?;
    let expected: Vec<String> = ["members", "tokens", "browser", "activity", "settings"]
        .iter()
        .map(|view| format!("{view} block hidden true"))
        .collect();
    ensure!(
        kept == expected,
        "the hidden screens are {kept:?}, not laid out, invisible and inert"
    );
    let panel = app
        .execute("const panel = document.getElementById('org-panel'); return panel.scrollHeight - panel.clientHeight")
        .await?;
    ensure!(
        panel.as_i64() == Some(0),
        "the hidden screens give the panel {panel} px to scroll"
    );
    Ok(())
}

/// Opens the dialog `dialog` with `opener`, audits it, and closes it with Escape in `input`.
async fn audit_dialog(app: &App, opener: &str, dialog: &str, input: &str) -> Result<()> {
    app.click(opener).await?;
    app.wait_for(dialog).await?;
    audit(app, dialog).await?;
    app.press(input, ESCAPE).await?;
    app.wait_gone(dialog).await
}

/// Opens the confirmation `dialog` with (the first) `opener`, audits it, and cancels it.
async fn audit_confirmation(app: &App, opener: &str, dialog: &str) -> Result<()> {
    app.click(opener).await?;
    audit_open_confirmation(app, dialog).await
}

/// Audits the open confirmation `dialog` and cancels it.
async fn audit_open_confirmation(app: &App, dialog: &str) -> Result<()> {
    app.wait_for(dialog).await?;
    audit(app, dialog).await?;
    app.click(format!("{dialog}-cancel").as_str()).await?;
    app.wait_gone(dialog).await
}

/// WebDriver's Escape key.
const ESCAPE: &str = "\u{e00c}";

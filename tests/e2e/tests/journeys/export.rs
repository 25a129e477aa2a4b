//! Export through the real window: the keys as the Tokens tab filters them (CSV) and the
//! members with their scopes (JSON), each read back from disk and compared with what the
//! server holds; no exported file holds anything like a secret (the markers here, and
//! the journey's closing scan for every secret the run saw). (The app's debug build
//! saves to the launch's `Exports` folder instead of opening the native save dialog,
//! which WebDriver cannot drive.)

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result, ensure};
use saasignal_e2e::harness::a11y::audit;
use saasignal_e2e::harness::wait::{self, Check};
use saasignal_e2e::{App, Journey};
use saasignal_sandbox::seed::DEMO_OWNER;

use saasignal_e2e::steps::{self, ServerView};

/// What marks a platform credential: API keys, browser tokens, JWTs (sessions).
const SECRET_MARKERS: [&str; 4] = ["sk_live_", "sk_test_", "bt_", "eyJ"];

saasignal_e2e::journey! { exports_read_back_from_disk_match_the_server_and_hold_no_secret: "export" => export }

async fn export(j: &mut Journey) -> Result<()> {
    let server = j.sandbox().await?;
    let view = ServerView::as_user(&server, DEMO_OWNER).await?;
    let acme = view.acme_id().await?;
    let app = j.launch().await?;
    steps::sign_in_first(app, &server, DEMO_OWNER, "Owner").await?;

    // The revoked keys, as the Tokens tab's status filter shows them, as CSV.
    app.click("tab-tokens").await?;
    app.select("tokens-status-filter", "revoked").await?;
    let revoked: BTreeSet<String> = view
        .client
        .list_tokens(&view.token, &acme, None)
        .await?
        .into_iter()
        .filter(|t| t.revoked)
        .map(|t| t.id)
        .collect();
    ensure!(
        !revoked.is_empty(),
        "the demo org has no revoked key to export"
    );
    app.wait_attr("tokens-table", "data-row-count", &revoked.len().to_string())
        .await?;
    app.click("tokens-export").await?;
    audit(app, "the export menu").await?;
    app.click("tokens-export-csv").await?;
    let keys_file = exported(app, "api-keys", "csv").await?;
    let mut reader = csv::Reader::from_path(&keys_file)?;
    let header = reader.headers()?.clone();
    let id_column = header
        .iter()
        .position(|h| h == "id")
        .context("no id column")?;
    let mut ids = BTreeSet::new();
    for record in reader.records() {
        ids.insert(record?[id_column].to_owned());
    }
    ensure!(
        ids == revoked,
        "the CSV lists {ids:?}, the server's revoked keys are {revoked:?}"
    );
    app.step("exported-keys").await?;

    // The members with their scopes, as JSON.
    app.click("tab-members").await?;
    app.click("members-export").await?;
    app.click("members-export-json").await?;
    let members_file = exported(app, "members", "json").await?;
    let members: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(&members_file)?)?;
    let on_server = view.client.list_members(&view.token, &acme).await?;
    ensure!(
        members.len() == on_server.len(),
        "{} members exported, {} on the server",
        members.len(),
        on_server.len()
    );
    for member in &on_server {
        let row = members
            .iter()
            .find(|m| m["userId"] == member.user_id)
            .with_context(|| format!("{} is not in the export", member.email))?;
        let scopes: Vec<String> = serde_json::from_value(row["scopes"].clone())?;
        ensure!(
            scopes == member.scopes,
            "{}'s scopes differ in the export",
            member.email
        );
    }

    for file in [&keys_file, &members_file] {
        let text = std::fs::read_to_string(file)?;
        for marker in SECRET_MARKERS {
            ensure!(
                !text.contains(marker),
                "{} holds {marker:?}",
                file.display()
            );
        }
    }
    // The journey's closing scan reads these files too, for every secret this run saw.

    // Without the debug build's folder, the native save dialog opens over the window;
    // cancelling it saves nothing and says nothing.
    let saved = [keys_file, members_file];
    for file in &saved {
        std::fs::rename(file, app.root().join(file.file_name().context("no name")?))?;
    }
    std::fs::remove_dir(&app.dirs().exports)?;
    let notice_before = notice_text(app).await?;
    app.click("members-export").await?;
    app.click("members-export-csv").await?;
    let dialog = native_window_named("Export").await?;
    xdotool(&["windowfocus", "--sync", &dialog]).await?;
    xdotool(&["key", "Escape"]).await?;
    wait::until(
        "the save dialog to close",
        Duration::from_secs(10),
        || async {
            Ok(match find_window("Export")? {
                None => Check::Done(()),
                Some(_) => Check::Waiting("still open".into()),
            })
        },
    )
    .await?;
    app.wait_for("tab-members").await?;
    let notice_after = notice_text(app).await?;
    ensure!(
        notice_after == notice_before,
        "cancelling the save dialog said {notice_after:?}"
    );
    Ok(())
}

async fn notice_text(app: &App) -> Result<Option<String>> {
    Ok(match app.visible("notice").await? {
        Some(notice) => Some(notice.text().await?),
        None => None,
    })
}

/// The X window titled `title` once it is shown (no window manager runs under Xvfb).
async fn native_window_named(title: &str) -> Result<String> {
    wait::until(
        &format!("a native window titled {title:?}"),
        Duration::from_secs(20),
        || async {
            Ok(match find_window(title)? {
                Some(window) => Check::Done(window),
                None => Check::Waiting("not shown".into()),
            })
        },
    )
    .await
}

fn find_window(title: &str) -> Result<Option<String>> {
    let found = std::process::Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", &format!("^{title}$")])
        .output()?;
    Ok(String::from_utf8_lossy(&found.stdout)
        .lines()
        .next()
        .map(|window| window.trim().to_owned()))
}

async fn xdotool(args: &[&str]) -> Result<()> {
    let status = tokio::process::Command::new("xdotool")
        .args(args)
        .status()
        .await?;
    ensure!(status.success(), "xdotool {} failed", args[0]);
    Ok(())
}

/// The one export named `<slug>-<list>-<date>.<extension>` the app saved, once its
/// confirmation says where.
async fn exported(app: &App, list: &str, extension: &str) -> Result<PathBuf> {
    // Waits for this list's name, not "Exported": the previous export's confirmation
    // may still be up (it was, once, and its file name was then compared).
    let notice = app
        .wait_text_contains("notice", &format!("acme-{list}-"))
        .await?;
    ensure!(
        notice.contains("Exported"),
        "the confirmation {notice:?} does not say it exported"
    );
    let folder = &app.dirs().exports;
    let file = std::fs::read_dir(folder)?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .find(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            name.starts_with(&format!("acme-{list}-")) && name.ends_with(&format!(".{extension}"))
        })
        .with_context(|| format!("no {list} export in {}", folder.display()))?;
    ensure!(
        notice.contains(&file.display().to_string()),
        "the confirmation {notice:?} does not name {}",
        file.display()
    );
    Ok(file)
}

//! The process itself: killed with SIGKILL mid-refresh or while a new key's answer is
//! on its way, started twice at once, and its web process killed under an open dialog.

use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail, ensure};
use saasignal_client::NewOrg;
use saasignal_e2e::{Journey, steps};
use saasignal_sandbox::seed::{DEMO_ORG_NAME, DEMO_OWNER};
use saasignal_sandbox::{FaultRule, Faults, RouteMatch};

use saasignal_e2e::harness::wait::{self, Check};

use super::{accounts_in, click_notice, quick_check, still_running, wait_notice};
use crate::table::Finding;

pub async fn killed_during_refresh(journey: &mut Journey) -> Result<Finding> {
    let server = journey.sandbox().await?;
    // Enough to refresh for a while: 20 orgs of 100 projects each.
    let owner = server.sign_in(DEMO_OWNER).await?;
    let client = server.client()?;
    for n in 0..20 {
        let org = client
            .create_org(
                &owner.token,
                &NewOrg {
                    name: format!("Bulk org {n:02}"),
                    slug: None,
                },
            )
            .await?;
        for p in 0..100 {
            client
                .create_project(
                    &owner.token,
                    &org.id,
                    &saasignal_client::NewProject {
                        name: format!("Project {p:03}"),
                        description: None,
                        region: Some("weur".into()),
                    },
                )
                .await?;
        }
    }
    // Slow every answer, so the kill lands in the middle of the refresh however many
    // requests it keeps in flight: each wave of them takes 600 ms.
    server.sandbox()?.set_faults(Faults::single(
        FaultRule::new(RouteMatch::parse("/core/")).latency(Duration::from_millis(600)),
    ));
    let app = journey.launch().await?;
    steps::sign_in_first(app, &server, DEMO_OWNER, "Owner").await?;
    steps::refresh_from_palette(app).await?;
    // 21 orgs × 4 lists, 32 at a time, 600 ms each: about 1.8 s of refresh (7 s at 8).
    tokio::time::sleep(Duration::from_millis(700)).await;
    app.wait_text_contains("sync-status", "Syncing").await?;
    let dirs = journey.kill_app().await?;
    server.sandbox()?.set_faults(Faults::none());
    let verdict = quick_check(&dirs.cache_file())?;
    ensure!(verdict == "ok", "the cache after the kill: {verdict}");
    let app = journey.launch_in(dirs.clone(), &[]).await?;
    app.wait_for("account-list").await?;
    steps::wait_org_title(app, DEMO_ORG_NAME).await?;
    let rebuilt = app
        .texts("notice")
        .await?
        .iter()
        .any(|text| text.contains("rebuilt"));
    ensure!(!rebuilt, "the cache had to be rebuilt after the kill");
    still_running(app)?;
    ensure!(accounts_in(&dirs.settings_file())? == 1);
    Ok(Finding::new(
        "after the relaunch: the account and its cached orgs, no rebuild; SQLite's quick_check says ok",
    )
    .note("SIGKILL 0.7 s into a refresh of 21 orgs"))
}

pub async fn killed_before_the_secret_shows(journey: &mut Journey) -> Result<Finding> {
    let server = journey.sandbox().await?;
    let app = journey.launch().await?;
    steps::sign_in_first(app, &server, DEMO_OWNER, "Owner").await?;
    app.click("tab-tokens").await?;
    // The server makes the key at once and sends its answer 6 s later: the app dies
    // in between, so no one ever sees the secret.
    server.sandbox()?.set_faults(Faults::single(
        FaultRule::new(RouteMatch::parse("/core/organizations/{org_id}/tokens"))
            .answer_latency(Duration::from_secs(6)),
    ));
    const NAME: &str = "Killed before shown";
    steps::fill_new_readonly_key(app, NAME).await?;
    app.click("create-token-submit").await?;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let dirs = journey.kill_app().await?;
    server.sandbox()?.set_faults(Faults::none());

    let app = journey.launch_in(dirs.clone(), &[]).await?;
    let first = wait_notice(app, &format!("“{NAME}” may have been created")).await?;
    app.step("unshown-key-maybe").await?;
    app.click("tab-tokens").await?;
    // The list shows the key; the notice now names it and offers Revoke.
    let named = wait_notice(app, &format!("Nobody has the secret of “{NAME}”")).await?;
    app.step("unshown-key").await?;
    click_notice(
        app,
        &format!("Nobody has the secret of “{NAME}”"),
        "notice-revoke",
    )
    .await?;
    super::wait_notice_gone(app, NAME).await?;
    still_running(app)?;
    let view = steps::ServerView::as_user(&server, DEMO_OWNER).await?;
    let org = view.acme_id().await?;
    let keys: Vec<_> = view
        .client
        .list_tokens(&view.token, &org, None)
        .await?
        .into_iter()
        .filter(|t| t.name == NAME)
        .collect();
    ensure!(keys.len() == 1, "{} keys of that name", keys.len());
    ensure!(keys[0].revoked, "the key is still live");
    Ok(Finding::new(format!(
        "after the relaunch: “{}”, then, with the key listed, “{}” and Revoke, which revokes it",
        first.split(". ").next().unwrap_or(&first),
        named.split(". ").next().unwrap_or(&named)
    ))
    .note("SIGKILL 1.5 s after the create reached the server, 4.5 s before its answer"))
}

pub async fn two_launches_at_once(journey: &mut Journey) -> Result<Finding> {
    let dirs = journey.new_launch_dirs().await?;
    let exe = journey.tools().app.clone();
    let marker = format!("{}:{}", std::process::id(), dirs.root.display());
    // The second is started the moment the first app process exists: both start up
    // together, and either may win the single-instance name.
    let second = {
        let (dirs, exe, marker) = (dirs.clone(), exe.clone(), marker.clone());
        tokio::spawn(async move {
            let deadline = Instant::now() + Duration::from_secs(30);
            while saasignal_e2e::harness::processes::running(&marker, &exe).is_empty()
                && Instant::now() < deadline
            {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            tokio::process::Command::new(&exe)
                .env("HOME", &dirs.home)
                .env("XDG_DATA_HOME", &dirs.data_home)
                .env("XDG_CONFIG_HOME", &dirs.config_home)
                .env("XDG_CACHE_HOME", &dirs.cache_home)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .kill_on_drop(true)
                .spawn()
        })
    };
    // When the second wins, the first hands over and ends before its window opens: the
    // session request is dropped then, instead of waiting out WebDriver's session limit.
    let first = tokio::select! {
        launched = journey.launch_in(dirs.clone(), &[]) => launched.map(|_| ()),
        () = app_process_ended(&marker, &exe) => Err(anyhow!("the first launch ended before its window opened")),
    };
    let mut second = second.await??;
    let second_exit = tokio::time::timeout(Duration::from_secs(3), second.wait()).await;
    let winner = match (&first, second_exit) {
        // The usual case: the second hands its arguments to the first and ends.
        (Ok(()), Ok(status)) => {
            let status = status?;
            ensure!(status.success(), "the second launch ended with {status}");
            "the second launch handed over to the first and ended (exit 0)"
        }
        // The second got the name first: the first handed over and ended; the second
        // runs alone. It is quit like a person quits, and the app starts again.
        (Err(_), Err(_elapsed)) => {
            let _ = journey.kill_app().await;
            let pid = second.id().context("the second launch has no pid")?;
            // SAFETY: asks the process this test started to quit.
            unsafe {
                libc::kill(pid as i32, libc::SIGTERM);
            }
            tokio::time::timeout(Duration::from_secs(10), second.wait())
                .await
                .context("the surviving launch did not quit")??;
            journey.launch_in(dirs.clone(), &[]).await?;
            "the first launch handed over to the second and ended; the second ran alone"
        }
        (Ok(()), Err(_)) => bail!("both launches kept running"),
        (Err(error), Ok(_)) => bail!("neither launch kept running: {error:#}"),
    };
    let app = journey.app()?;
    ensure!(
        app.app_pids().len() == 1,
        "{} app processes",
        app.app_pids().len()
    );
    steps::explore_sandbox(app).await?;
    still_running(app)?;
    ensure!(accounts_in(&dirs.settings_file())? == 1);
    Ok(Finding::new(format!(
        "one window: {winner}; the app then works as usual"
    )))
}

/// Resolves once the launch marked `marker` has had an app process and has none left.
async fn app_process_ended(marker: &str, exe: &std::path::Path) {
    let mut seen = false;
    loop {
        let running = !saasignal_e2e::harness::processes::running(marker, exe).is_empty();
        if seen && !running {
            return;
        }
        seen |= running;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The page's web process is killed under the copy-once dialog. WebDriver's session dies
/// with the page (WebKit ends it), so the recovery is read from the app's log: the page
/// is reloaded and runs again (its start-up IPC calls, notices included). What the
/// reloaded page then offers (the same secret again) is checked one layer down, in
/// `saasignal-core`'s `a_reloaded_window_is_offered_the_secret_it_was_showing` and the
/// notice list's unit test.
pub async fn web_process_killed(journey: &mut Journey) -> Result<Finding> {
    let server = journey.sandbox().await?;
    let app = journey.launch().await?;
    steps::sign_in_first(app, &server, DEMO_OWNER, "Owner").await?;
    app.click("tab-tokens").await?;
    steps::fill_new_readonly_key(app, "Shown when the page died").await?;
    app.click("create-token-submit").await?;
    app.wait_for("copy-once-dialog").await?;

    // WebKit's web process (the page) dies as it does when its renderer crashes.
    let web_processes: Vec<i32> = app
        .launch_pids()
        .into_iter()
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|comm| comm.trim() == "WebKitWebProces")
        })
        .collect();
    ensure!(
        web_processes.len() == 1,
        "{} web processes in the launch",
        web_processes.len()
    );
    saasignal_e2e::harness::processes::signal(web_processes[0], libc::SIGKILL);

    let log = app.dirs().app_log().context("the app wrote no log")?;
    let after_crash = wait::until(
        "the page reloaded and calling the app again",
        wait::UI,
        || async {
            let text = std::fs::read_to_string(&log)?;
            let Some(at) = text.find("the window's web process ended: reloading the page") else {
                return Ok(Check::Waiting("no reload logged".into()));
            };
            let calls: Vec<String> = text[at..]
                .lines()
                .filter_map(|line| line.split("ipc call command=").nth(1))
                .map(|command| command.trim_matches('"').to_owned())
                .collect();
            Ok(if calls.iter().any(|c| c == "list_notices") {
                Check::Done(calls)
            } else {
                Check::Waiting(format!("calls since the reload: {calls:?}"))
            })
        },
    )
    .await?;
    ensure!(
        after_crash.iter().any(|c| c == "list_accounts"),
        "the reloaded page did not read the accounts: {after_crash:?}"
    );
    still_running(app)?;
    ensure!(accounts_in(&app.dirs().settings_file())? == 1);
    // Without a session nothing can close the window as a person would.
    journey.kill_app().await?;
    Ok(Finding::new(format!(
        "the page loaded again at once and ran ({} calls to the app, list_notices among them), which brings “The window was reloaded” and the key's Show secret (their content is checked in saasignal-core and the notice list's unit test)",
        after_crash.len()
    ))
    .note("SIGKILL to WebKitWebProcess while the copy-once dialog was open; WebDriver's session ends with the page, so the rest is read from the app's log and the app is then ended with SIGKILL"))
}

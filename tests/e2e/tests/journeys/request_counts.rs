//! How many IPC calls and HTTP requests each everyday action costs, through the real
//! window: open each tab, create and revoke a token, invite a member, Retry after
//! offline. IPC calls are counted from the app's log (one `ipc call` line per command
//! the window invokes), HTTP requests by the test's sandbox. Each action is measured
//! until both counts have been still for a while, so the background work it sets off
//! is included. The table goes to `target/e2e/request_counts/counts.md`, and each row
//! must stay within its budget (the README's figures), so a doubled request fails here.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use saasignal_e2e::steps::{self, ServerView};
use saasignal_e2e::{App, By, Journey, TestServer};
use saasignal_sandbox::seed::DEMO_OWNER;

/// Both counts unchanged this long: the action and what it set off are done.
const STILL_FOR: Duration = Duration::from_millis(1500);
const AT_MOST: Duration = Duration::from_secs(20);

saasignal_e2e::journey! { everyday_actions_cost_few_ipc_calls_and_http_requests: "request_counts" => count_requests }

/// One measured action: what it cost, and the most it may cost.
struct Row {
    action: &'static str,
    ipc: Vec<String>,
    http: u64,
    budget: Budget,
}

#[derive(Clone, Copy)]
struct Budget {
    ipc: usize,
    http: u64,
}

const fn budget(ipc: usize, http: u64) -> Budget {
    Budget { ipc, http }
}

async fn count_requests(j: &mut Journey) -> Result<()> {
    let evidence = j.evidence_dir().to_path_buf();
    let mut server = j.sandbox().await?;
    let view = ServerView::as_user(&server, DEMO_OWNER).await?;
    let app = j.launch().await?;
    steps::sign_in_first(app, &server, DEMO_OWNER, "Owner").await?;
    let meter = Meter { app };
    meter.settle(&server).await?;

    let mut rows = Vec::new();
    for (tab, action, cost) in [
        // The members' window (cache, then server) and the invites sent from this app
        // (the cache: the platform lists none).
        ("members", "open Members", budget(3, 1)),
        // The keys' window (cache, then server), the projects' names and the unfinished key
        // rolls, both from the cache alone: the Projects table holds only the rows in view, so
        // the names are read here.
        ("tokens", "open Tokens", budget(4, 1)),
        ("browser", "open Browser tokens", budget(0, 0)),
        // The overview (cache, then its six reads from the server, made together) and
        // the sidebar's usage levels once it is read.
        ("usage", "open Usage", budget(3, 6)),
        ("settings", "open Settings", budget(0, 0)),
        ("projects", "open Projects again", budget(0, 0)),
    ] {
        let row = meter
            .measure(&server, action, cost, async {
                let tab = By::testid(&format!("tab-{tab}"));
                app.click(tab.clone()).await?;
                app.wait_attr(tab, "aria-selected", "true").await
            })
            .await?;
        rows.push(row);
    }

    app.click("tab-tokens").await?;
    app.wait_attr("tokens-table", "data-row-count", "4").await?;
    meter.settle(&server).await?;
    rows.push(
        meter
            // The create, then the table's window read again from the cache: the new
            // key's place in it is the cache's to say (the table holds a window only).
            .measure(&server, "create a token", budget(2, 1), async {
                steps::fill_new_readonly_key(app, "Counted").await?;
                app.click("create-token-submit").await?;
                app.wait_for("copy-once-dialog").await?;
                app.wait_attr("tokens-table", "data-row-count", "5").await
            })
            .await?,
    );
    app.click("copy-once-close").await?;
    app.wait_gone("copy-once-dialog").await?;
    let counted = view
        .client
        .list_tokens(&view.token, &view.acme_id().await?, None)
        .await?
        .into_iter()
        .find(|token| token.name == "Counted")
        .context("the sandbox has no token \"Counted\"")?
        .id;
    meter.settle(&server).await?;
    rows.push(
        meter
            .measure(&server, "revoke a token", budget(1, 1), async {
                let row = By::testid("token-row").with_attr("data-key", &counted);
                app.click_in_row(row.clone(), "token-revoke").await?;
                app.click("revoke-token-dialog-confirm").await?;
                app.wait_text(By::testid("token-status").inside(row), "Revoked", |s| {
                    s == "Revoked"
                })
                .await
                .map(drop)
            })
            .await?,
    );

    app.click("tab-members").await?;
    meter.settle(&server).await?;
    rows.push(
        meter
            // The dialog's project picker reads the projects from the cache (one IPC
            // call, no request), then the invite and the members' re-read.
            // ... and the sent invites read again with the members (one may be accepted).
            .measure(&server, "invite a member", budget(4, 2), async {
                app.click("member-invite").await?;
                app.type_into("invite-email", "counted@example.com").await?;
                app.click("invite-scopes-preset-readonly").await?;
                app.click("invite-submit").await?;
                app.wait_gone("invite-dialog").await
            })
            .await?,
    );

    // Offline: the server goes away and a refresh finds out; then it comes back.
    server.stop().await;
    steps::refresh_from_palette(app).await?;
    app.wait_for("offline-banner").await?;
    meter.settle_while_down().await?;
    server.restart().await?;
    rows.push(
        meter
            // The refresh reads each org's usage and billing overview too: six reads made
            // together (plan, balance, dashboard, series, packages, bundles), and the
            // sidebar's usage levels once it lands. The Members and Tokens screens, kept
            // once opened, read their lists again from the cache (one IPC call more than
            // when they were rebuilt on each visit): a switch back shows fresh rows at once.
            .measure(&server, "Retry after offline", budget(9, 11), async {
                app.click("offline-retry").await?;
                app.wait_gone("offline-banner").await
            })
            .await?,
    );

    let table = render(&rows);
    eprintln!("{table}");
    std::fs::write(evidence.join("counts.md"), &table).context("writing counts.md")?;
    for row in &rows {
        ensure!(
            row.ipc.len() <= row.budget.ipc && row.http <= row.budget.http,
            "{}: {} IPC calls and {} HTTP requests, more than its budget of {} and {} ({})",
            row.action,
            row.ipc.len(),
            row.http,
            row.budget.ipc,
            row.budget.http,
            row.ipc.join(", ")
        );
    }
    drop(server);
    Ok(())
}

fn render(rows: &[Row]) -> String {
    let mut table = String::from(
        "| action | IPC calls | HTTP requests | commands |\n| --- | --- | --- | --- |\n",
    );
    for row in rows {
        table.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            row.action,
            row.ipc.len(),
            row.http,
            row.ipc.join(", ")
        ));
    }
    table
}

/// Reads both counters: the app's log for IPC, the sandbox for HTTP.
struct Meter<'a> {
    app: &'a App,
}

impl Meter<'_> {
    fn ipc_calls(&self) -> Result<Vec<String>> {
        let Some(log) = self.app.dirs().app_log() else {
            return Ok(Vec::new());
        };
        let text =
            std::fs::read_to_string(&log).with_context(|| format!("reading {}", log.display()))?;
        Ok(text
            .lines()
            .filter(|line| line.contains("saasignal_admin::ipc"))
            .filter_map(|line| line.split("command=").nth(1))
            .map(|rest| {
                rest.split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .trim_matches('"')
                    .to_owned()
            })
            // The update check at start asks the update server, not the platform: it is
            // no screen's request and lands wherever its delay falls.
            .filter(|command| command != "check_for_update")
            .collect())
    }

    /// [`Meter::settle`] for IPC alone, while the server is stopped.
    async fn settle_while_down(&self) -> Result<()> {
        let mut last = self.ipc_calls()?.len();
        let mut still_since = Instant::now();
        while still_since.elapsed() < STILL_FOR {
            tokio::time::sleep(Duration::from_millis(200)).await;
            let now = self.ipc_calls()?.len();
            if now != last {
                last = now;
                still_since = Instant::now();
            }
        }
        Ok(())
    }

    fn counts(&self, server: &TestServer) -> Result<(usize, u64)> {
        Ok((
            self.ipc_calls()?.len(),
            server.sandbox()?.requests_received(),
        ))
    }

    /// Waits until neither count has moved for [`STILL_FOR`].
    async fn settle(&self, server: &TestServer) -> Result<()> {
        let started = Instant::now();
        let mut last = self.counts(server)?;
        let mut still_since = Instant::now();
        while still_since.elapsed() < STILL_FOR {
            ensure!(
                started.elapsed() < AT_MOST,
                "requests kept coming for {AT_MOST:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
            let now = self.counts(server)?;
            if now != last {
                last = now;
                still_since = Instant::now();
            }
        }
        Ok(())
    }

    async fn measure(
        &self,
        server: &TestServer,
        action: &'static str,
        budget: Budget,
        steps: impl std::future::Future<Output = Result<()>>,
    ) -> Result<Row> {
        let ipc_before = self.ipc_calls()?.len();
        let http_before = server.sandbox()?.requests_received();
        steps
            .await
            .with_context(|| format!("while measuring {action:?}"))?;
        self.settle(server).await?;
        let ipc = self.ipc_calls()?.split_off(ipc_before);
        let http = server.sandbox()?.requests_received() - http_before;
        self.app.step(&action.replace(' ', "-")).await?;
        Ok(Row {
            action,
            ipc,
            http,
            budget,
        })
    }
}

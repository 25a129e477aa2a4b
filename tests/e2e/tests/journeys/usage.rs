//! Usage and billing: the demo org on Pro, past the 80 % warning. The Usage tab shows the
//! plan amber, a hover over the chart shows one day's exact tokens (the server's figure),
//! the range and legend change what is drawn, the free-plan switch goes through its
//! confirmation, and with the server stopped the tab still shows the last usage, marked.

use anyhow::{Context, Result, ensure};
use saasignal_e2e::harness::a11y::audit;
use saasignal_e2e::{By, Journey};
use saasignal_sandbox::seed::DEMO_OWNER;

use saasignal_e2e::steps::{self, ServerView};

saasignal_e2e::journey! { usage_tab_charts_switches_plans_and_works_offline: "usage" => usage }

async fn usage(j: &mut Journey) -> Result<()> {
    let mut server = j.sandbox().await?;
    let view = ServerView::as_user(&server, DEMO_OWNER).await?;
    let acme = view.acme_id().await?;
    let series = view.client.token_usage(&view.token, &acme).await?.series;

    let evidence = j.evidence_dir().to_path_buf();
    let app = j.launch().await?;
    app.wait_for("welcome").await?;
    steps::submit_sign_in(app, &server.base_url(), DEMO_OWNER, "Owner").await?;
    app.wait_count("org-item", 1).await?;
    app.click("tab-usage").await?;
    app.wait_text_contains("usage-plan", "Pro").await?;
    app.wait_attr("usage-included", "data-level", "warn")
        .await?;
    app.wait_text_contains("usage-level-text", "Over 80%")
        .await?;
    // The sidebar warns about the org once its usage is known.
    let warning = app.wait_text_contains("org-usage-warning", "%").await?;
    ensure!(
        warning.starts_with("8"),
        "the sidebar's warning reads {warning:?}"
    );

    // 30 days by default; hovering a bar shows that day's exact total.
    app.wait_attr("usage-chart", "data-days", "30").await?;
    app.hover("usage-plot", 40.0, 0.0).await?;
    let tooltip = app.wait_text_contains("usage-tooltip", "tokens").await?;
    let total: u64 = tooltip
        .lines()
        .find(|line| line.ends_with(" tokens"))
        .map(|line| {
            line.trim_end_matches(" tokens")
                .replace([',', '.', ' ', '\u{a0}', '\u{202f}'], "")
        })
        .context("the tooltip names no total")?
        .parse()
        .context("the tooltip's total is not a number")?;
    ensure!(
        series
            .iter()
            .rev()
            .take(30)
            .any(|day| day.total as u64 == total),
        "the tooltip's total {total} is no day's total of the last 30: {tooltip:?}"
    );
    app.step("usage").await?;
    audit(app, "Usage").await?;

    app.click("usage-range-7").await?;
    app.wait_attr("usage-chart", "data-days", "7").await?;
    app.click("usage-range-90").await?;
    app.wait_attr("usage-chart", "data-days", "90").await?;
    let shown = app
        .attr("usage-chart", "data-shown")
        .await?
        .unwrap_or_default();
    // Reported, not asserted: timing belongs to benchmarks (README, "Figures").
    let draw = app
        .attr("usage-chart", "data-draw-ms")
        .await?
        .unwrap_or_default();
    let figure = format!("usage chart: 90 days × {shown} primitives drawn in {draw} ms\n");
    std::fs::write(evidence.join("chart-draw.txt"), figure)?;
    let kv_reads = By::testid("usage-legend-item").with_attr("data-primitive", "kv_reads");
    app.click(&kv_reads).await?;
    let fewer = (shown.parse::<usize>()? - 1).to_string();
    app.wait_attr("usage-chart", "data-shown", &fewer).await?;
    app.click(&kv_reads).await?;
    app.wait_attr("usage-chart", "data-shown", &shown).await?;
    app.step("usage-90-days").await?;

    // The one write: after its confirmation, the plan is Free and the limits follow.
    app.click("usage-free-plan").await?;
    app.wait_text_contains("free-plan-dialog", "Its usage and top-up balance stay")
        .await?;
    app.step("free-plan-confirm").await?;
    audit(app, "the free-plan confirmation").await?;
    app.click("free-plan-confirm").await?;
    app.wait_gone("free-plan-dialog").await?;
    app.wait_text_contains("usage-plan", "Free").await?;
    app.wait_attr("usage-current-package", "data-current", "free")
        .await?;
    app.wait_text_contains("usage-limits", "10").await?;
    let subscription = view.client.subscription(&view.token, &acme).await?;
    ensure!(
        subscription.package_id == "free",
        "the server still has {}",
        subscription.package_id
    );

    // Offline: the tab opens again on the cached usage, saying so.
    server.stop().await;
    app.click("tab-projects").await?;
    app.click("tab-usage").await?;
    app.wait_for("usage-stale").await?;
    app.wait_text_contains("usage-plan", "Free").await?;
    app.wait_for("usage-chart").await?;
    app.step("usage-offline").await
}

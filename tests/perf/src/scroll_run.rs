//! `bench-scroll [projects] [tokens] [rounds]`: seeds the demo org, opens the app once
//! so its cache holds every row, launches it again, and measures each table against a
//! plain scroller in turn, then the projects filter (`scroll.rs` holds the page side).

use std::sync::Arc;

use anyhow::Result;
use saasignal_e2e::App;
use saasignal_e2e::harness::evidence::Evidence;
use saasignal_e2e::harness::launch_dirs::LaunchDirs;

use crate::launch::{self, Target};
use crate::scroll::{self, Scrolled, percentile};
use crate::{DEFAULT_PROJECTS, fresh_root, number, seed, tools};

const DEFAULT_TOKENS: usize = 5_000;
const DEFAULT_ROUNDS: usize = 3;

pub async fn bench_scroll(mut args: impl Iterator<Item = String>) -> Result<()> {
    let projects = number(args.next(), DEFAULT_PROJECTS)?;
    let tokens = number(args.next(), DEFAULT_TOKENS)?;
    let rounds = number(args.next(), DEFAULT_ROUNDS)?;
    let root = fresh_root("scroll")?;
    let evidence = Arc::new(Evidence::create("perf-scroll")?);
    let dirs = LaunchDirs::create(root.join("app"))?;
    println!("seeding {projects} projects and {tokens} keys into the demo org…");
    let seeded = seed::demo_org(&dirs.embedded_sandbox_db(), projects, tokens).await?;
    let app = Target::app(tools("saasignal-admin")?, seeded.projects);
    launch::first_open(&app, &evidence, &dirs).await?;

    let window = App::launch_in(app.tools(), evidence.clone(), dirs.clone(), &[]).await?;
    launch::wait_rows(&window, seeded.projects).await?;
    scroll::install(&window).await?;
    let projects_runs = alternate(&window, "projects-table", rounds).await?;
    let typed = scroll::filter(&window).await?;
    window.click("tab-tokens").await?;
    window
        .wait_attr("tokens-table", "data-row-count", &seeded.tokens.to_string())
        .await?;
    let tokens_runs = alternate(&window, "tokens-table", rounds).await?;
    window.quit().await?;

    println!();
    println!(
        "| scrolled top to bottom in {} frames ({rounds} rounds, alternating) | p50 gap | p95 gap | max gap | table work per update, p50 / p95 / mean per frame |",
        scroll::STEPS
    );
    println!("| --- | --- | --- | --- | --- |");
    for (label, (table, plain)) in [
        (
            format!("projects table, {} rows", seeded.projects),
            &projects_runs,
        ),
        (
            format!("tokens table, {} rows", seeded.tokens),
            &tokens_runs,
        ),
    ] {
        row(&format!("plain scroller over the {label}"), plain, None);
        row(&label, table, Some(plain));
    }
    let idle = percentile(&typed.idle_gaps, 50.0);
    let latency = percentile(&typed.latency, 50.0);
    println!();
    println!(
        "filter, {} keystrokes into the projects filter ({} rows): keystroke → its rows painted p50 {latency:.1} ms, max {:.1} ms; idle frame gap p50 {idle:.1} ms; **{:.2}×** the idle gap",
        typed.latency.len(),
        seeded.projects,
        percentile(&typed.latency, 100.0),
        latency / idle
    );
    let plain = percentile(&typed.plain_change, 50.0);
    println!(
        "the same against a plain block of the table's size whose text changes (same run): p50 {plain:.1} ms; the filter **{:.2}×** that",
        latency / plain
    );
    println!(
        "filter JS time per keystroke (input handling + the table's render): p50 {:.2} ms, max {:.2} ms (the search itself runs in SQLite: `cargo bench -p saasignal-cache`)",
        percentile(&typed.js, 50.0),
        percentile(&typed.js, 100.0)
    );
    let each: Vec<String> = typed.js.iter().map(|ms| format!("{ms:.0}")).collect();
    println!(
        "the same per keystroke, in the order typed ({:?}): {} ms",
        scroll::TYPED,
        each.join(", ")
    );
    Ok(())
}

/// `rounds` times: the plain scroller over `testid`, then the table. Both merged.
async fn alternate(window: &App, testid: &str, rounds: usize) -> Result<(Scrolled, Scrolled)> {
    let mut table = Scrolled {
        gaps: Vec::new(),
        work: Vec::new(),
        frames: 0,
    };
    let mut plain = table.clone();
    for _ in 0..rounds {
        let p = scroll::plain_over(window, testid).await?;
        plain.frames += p.gaps.len();
        plain.gaps.extend(p.gaps);
        let t = scroll::table(window, testid).await?;
        table.frames += t.gaps.len();
        table.gaps.extend(t.gaps);
        table.work.extend(t.work);
    }
    Ok((table, plain))
}

fn row(label: &str, run: &Scrolled, baseline: Option<&Scrolled>) {
    let (p50, p95, max) = (
        percentile(&run.gaps, 50.0),
        percentile(&run.gaps, 95.0),
        percentile(&run.gaps, 100.0),
    );
    let versus = |figure: f64, of: f64| match baseline {
        Some(base) => format!(
            "{figure:.1} ms (**{:.2}×**)",
            figure / percentile(&base.gaps, of)
        ),
        None => format!("{figure:.1} ms"),
    };
    let max_text = match baseline {
        Some(base) => format!(
            "{max:.1} ms ({:.2}× the plain p95)",
            max / percentile(&base.gaps, 95.0)
        ),
        None => format!("{max:.1} ms"),
    };
    let work = if run.work.is_empty() {
        "—".to_owned()
    } else {
        let total: f64 = run.work.iter().sum();
        format!(
            "{:.2} / {:.2} / {:.2} ms",
            percentile(&run.work, 50.0),
            percentile(&run.work, 95.0),
            total / run.frames.max(1) as f64
        )
    };
    println!(
        "| {label} | {} | {} | {max_text} | {work} |",
        versus(p50, 50.0),
        versus(p95, 95.0)
    );
}

//! An accessibility audit of what the window shows: axe-core (the UI's dev dependency,
//! `ui/node_modules/axe-core`) run in the page through WebDriver against WCAG 2.1 A and
//! AA. Any violation fails the step, naming the rule and the elements.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use super::app::App;
use super::workspace_root;

/// The rule sets of WCAG 2.1 level A and AA, as axe tags them.
const TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']";

/// Audits the page as it is now; `screen` names it in the failure.
pub async fn audit(app: &App, screen: &str) -> Result<()> {
    let path = workspace_root().join("ui/node_modules/axe-core/axe.min.js");
    let axe = std::fs::read_to_string(&path)
        .with_context(|| format!("reading {} (run `npm ci` in ui/)", path.display()))?;
    let loaded = app
        .execute("return typeof window.axe === 'object';")
        .await?
        .as_bool()
        .unwrap_or(false);
    if !loaded {
        app.execute(&axe)
            .await
            .context("loading axe-core into the page")?;
    }
    app.execute(&format!(
        "window.__axe = null; window.axe.run(document, {{ runOnly: {{ type: 'tag', values: {TAGS} }} }}).then(\
           (r) => {{ window.__axe = r.violations.map((v) => ({{ id: v.id, help: v.help, \
             nodes: v.nodes.map((n) => n.target.join(' ')) }})); }}, \
           (e) => {{ window.__axe = {{ error: String(e) }}; }});"
    ))
    .await?;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let found = loop {
        let value = app.execute("return window.__axe;").await?;
        if let Some(error) = value.get("error").and_then(Value::as_str) {
            bail!("axe-core failed on {screen}: {error}");
        }
        if !value.is_null() {
            break value;
        }
        if tokio::time::Instant::now() > deadline {
            bail!("axe-core did not finish on {screen} within 30 s");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let violations = found.as_array().cloned().unwrap_or_default();
    if violations.is_empty() {
        eprintln!("[e2e] axe-core: {screen}: 0 WCAG 2.1 A/AA violations");
        return Ok(());
    }
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    let listed: Vec<String> = violations
        .iter()
        .map(|v| {
            let nodes: Vec<String> = v
                .get("nodes")
                .and_then(Value::as_array)
                .map(|nodes| {
                    nodes
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            format!(
                "{} ({}): {}",
                text(v, "id"),
                text(v, "help"),
                nodes.join(", ")
            )
        })
        .collect();
    bail!(
        "{} WCAG 2.1 A/AA violation(s) on {screen}:\n  {}",
        violations.len(),
        listed.join("\n  ")
    )
}

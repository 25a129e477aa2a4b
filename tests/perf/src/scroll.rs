//! `bench-scroll`: frame gaps while the projects and tokens tables scroll top to bottom,
//! against a plain scroller of the same size in the same page and run; the tables' own
//! render work per update; and the time from a filter keystroke to the frame that shows
//! its rows, against the idle frame gap and against a plain block of the table's size
//! whose text changes. Under Xvfb WebKit renders in software, so only
//! the ratios say something.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use saasignal_e2e::App;
use serde::Deserialize;
use serde_json::Value;

/// Frames per scroll from top to bottom: each moves several screens, so every frame
/// shows rows it has not shown before (the table's worst case).
pub const STEPS: u32 = 200;
/// What the filter test types, one keystroke at a time.
pub const TYPED: &str = "Project 01";

/// The page side: each routine runs in the page and leaves its result in
/// `window.__bench`, which the benchmark polls (no script timeout to fit in).
const ROUTINES: &str = r#"
window.__bench = null;
window.__benchRun = (work) => { window.__bench = null; work().then((r) => { window.__bench = r; }, (e) => { window.__bench = { error: String(e) }; }); };
window.__frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
window.__scrollGaps = async (el, steps) => {
  const max = el.scrollHeight - el.clientHeight;
  const gaps = [];
  let last = await window.__frame();
  for (let i = 1; i <= steps; i++) {
    el.scrollTop = Math.round((max * i) / steps);
    const now = await window.__frame();
    gaps.push(now - last);
    last = now;
  }
  return gaps;
};
window.__plainScroller = (over) => {
  const rect = over.getBoundingClientRect();
  const outer = document.createElement('div');
  const inner = document.createElement('div');
  Object.assign(outer.style, { position: 'fixed', left: rect.left + 'px', top: rect.top + 'px', width: rect.width + 'px', height: rect.height + 'px', overflow: 'auto', background: 'white', zIndex: 10 });
  inner.style.height = over.scrollHeight + 'px';
  outer.appendChild(inner);
  document.body.appendChild(outer);
  return outer;
};
window.__plainBlock = (over) => {
  const rect = over.getBoundingClientRect();
  const block = document.createElement('div');
  Object.assign(block.style, { position: 'fixed', left: rect.left + 'px', top: rect.top + 'px', width: rect.width + 'px', height: rect.height + 'px', overflow: 'hidden', background: 'white', zIndex: 10, display: 'none' });
  for (let i = 0; i < Math.ceil(rect.height / 40); i++) {
    const line = document.createElement('div');
    Object.assign(line.style, { height: '40px', lineHeight: '40px', whiteSpace: 'nowrap', borderBottom: '1px solid #ddd' });
    block.appendChild(line);
  }
  document.body.appendChild(block);
  return block;
};
window.__fillBlock = (block, round) => {
  let i = 0;
  for (const line of block.children) line.textContent = `Project ${round}-${i++} · a row of plain text as wide as a table row`;
};
window.__idleGaps = async (n) => {
  const gaps = [];
  let last = await window.__frame();
  for (let i = 0; i < n; i++) { const now = await window.__frame(); gaps.push(now - last); last = now; }
  return gaps;
};
"#;

/// One scroller's frames.
#[derive(Debug, Clone)]
pub struct Scrolled {
    pub gaps: Vec<f64>,
    /// The table's render work per update, ms (empty for the plain scroller).
    pub work: Vec<f64>,
    /// Frames scrolled.
    pub frames: usize,
}

#[derive(Debug, Clone)]
pub struct Typed {
    /// Keystroke → the frame showing its rows, ms, per keystroke.
    pub latency: Vec<f64>,
    /// The JS time per keystroke: the input's own handling plus the table's render work.
    pub js: Vec<f64>,
    pub idle_gaps: Vec<f64>,
    /// The same-run baseline: a plain block of the table's size, its text changed → the
    /// frame showing it, ms.
    pub plain_change: Vec<f64>,
}

pub async fn install(app: &App) -> Result<()> {
    app.execute(ROUTINES).await?;
    Ok(())
}

/// Scrolls the table `testid` top to bottom, measuring its render work.
pub async fn table(app: &App, testid: &str) -> Result<Scrolled> {
    let script = format!(
        "window.__tableWork = []; const el = document.querySelector('[data-testid=\"{testid}\"]'); \
         el.scrollTop = 0; window.__benchRun(async () => {{ await window.__frame(); window.__tableWork = []; \
         const gaps = await window.__scrollGaps(el, {STEPS}); const work = window.__tableWork; \
         delete window.__tableWork; return {{ gaps, work }}; }});"
    );
    let result: RunResult = run(app, &script).await?;
    Ok(Scrolled {
        frames: result.gaps.len(),
        gaps: result.gaps,
        work: result.work,
    })
}

/// Scrolls a plain div of the table's size and height, laid over it, the same way.
pub async fn plain_over(app: &App, testid: &str) -> Result<Scrolled> {
    let script = format!(
        "const over = document.querySelector('[data-testid=\"{testid}\"]'); \
         window.__benchRun(async () => {{ const el = window.__plainScroller(over); await window.__frame(); \
         const gaps = await window.__scrollGaps(el, {STEPS}); el.remove(); return {{ gaps, work: [] }}; }});"
    );
    let result: RunResult = run(app, &script).await?;
    Ok(Scrolled {
        frames: result.gaps.len(),
        gaps: result.gaps,
        work: result.work,
    })
}

/// Types [`TYPED`] into the projects filter one keystroke at a time; each keystroke
/// waits for the frame showing its rows.
pub async fn filter(app: &App) -> Result<Typed> {
    let script = format!(
        r#"const input = document.querySelector('[data-testid="projects-filter"]');
        const count = document.querySelector('[data-testid="projects-count"]');
        window.__benchRun(async () => {{
          const idle = await window.__idleGaps(30);
          const latency = [], js = [], plain = [];
          const typed = {typed:?};
          const block = window.__plainBlock(document.querySelector('[data-testid="projects-table"]'));
          for (let i = 1; i <= typed.length; i++) {{
            const value = typed.slice(0, i);
            // The same-run baseline: a plain block of the table's size, its text changed.
            block.style.display = 'block'; window.__fillBlock(block, 0); await window.__frame();
            const changed = performance.now();
            window.__fillBlock(block, i);
            plain.push((await window.__frame()) - changed);
            block.style.display = 'none';
            await window.__frame();
            window.__tableWork = [];
            const start = performance.now();
            input.value = value;
            input.dispatchEvent(new Event('input', {{ bubbles: true }}));
            const handled = performance.now() - start;
            // The first frame whose rAF finds the rows for `value` in the DOM paints them.
            let painted;
            for (;;) {{ painted = await window.__frame(); if (count.dataset.search === value) break; }}
            latency.push(painted - start);
            js.push(handled + window.__tableWork.reduce((a, b) => a + b, 0));
          }}
          delete window.__tableWork;
          block.remove();
          input.value = ''; input.dispatchEvent(new Event('input', {{ bubbles: true }}));
          return {{ latency, js, idle, plain }};
        }});"#,
        typed = TYPED
    );
    let result: TypedResult = run(app, &script).await?;
    Ok(Typed {
        latency: result.latency,
        js: result.js,
        idle_gaps: result.idle,
        plain_change: result.plain,
    })
}

#[derive(Deserialize)]
struct RunResult {
    gaps: Vec<f64>,
    work: Vec<f64>,
}

#[derive(Deserialize)]
struct TypedResult {
    latency: Vec<f64>,
    js: Vec<f64>,
    idle: Vec<f64>,
    plain: Vec<f64>,
}

/// Starts `script` (which calls `__benchRun`) and polls for its result.
async fn run<T: for<'de> Deserialize<'de>>(app: &App, script: &str) -> Result<T> {
    app.execute(script).await?;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(300);
    loop {
        let result = app.execute("return window.__bench;").await?;
        if let Some(error) = result.get("error").and_then(Value::as_str) {
            bail!("the page's benchmark routine failed: {error}");
        }
        if !result.is_null() {
            app.execute("window.__bench = null;").await?;
            return serde_json::from_value(result).context("reading the page's figures");
        }
        if tokio::time::Instant::now() > deadline {
            bail!("the page's benchmark routine did not finish within 300 s");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The `p`-th percentile (0–100) of `values`, nearest rank.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

//! One row per fault: what was done, what the person saw, whether anything was lost,
//! and pass or fail; printed as a table whose last line is `N passed, M failed`.

use std::fmt::Write as _;
use std::time::Duration;

/// Where a fault was played: through the real app crates in this process, or through
/// the real app binary's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Core,
    Window,
}

/// What a scenario found.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The words the person is shown (a message, a notice, a banner).
    pub seen: String,
    /// What was lost: empty when nothing was.
    pub lost: Vec<String>,
    /// Anything worth knowing to read the row (how a fault was made, a measurement).
    pub note: Option<String>,
}

impl Finding {
    pub fn new(seen: impl Into<String>) -> Self {
        Self {
            seen: seen.into(),
            lost: Vec::new(),
            note: None,
        }
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

pub struct Row {
    pub group: &'static str,
    pub fault: &'static str,
    pub level: Level,
    pub outcome: Result<Finding, String>,
    pub took: Duration,
}

impl Row {
    pub fn passed(&self) -> bool {
        matches!(&self.outcome, Ok(finding) if finding.lost.is_empty())
    }
}

/// The table, then the totals.
pub fn render(rows: &[Row]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| # | group | fault | level | what the user saw | lost | result | time |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
    for (index, row) in rows.iter().enumerate() {
        let (seen, lost, note) = match &row.outcome {
            Ok(finding) => (
                finding.seen.clone(),
                if finding.lost.is_empty() {
                    "nothing".to_owned()
                } else {
                    finding.lost.join("; ")
                },
                finding.note.clone(),
            ),
            Err(error) => (format!("(scenario failed: {error})"), "?".to_owned(), None),
        };
        let seen = match note {
            Some(note) => format!("{seen} — {note}"),
            None => seen,
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {:.1} s |",
            index + 1,
            row.group,
            row.fault,
            match row.level {
                Level::Core => "core",
                Level::Window => "window",
            },
            cell(&seen),
            cell(&lost),
            if row.passed() { "pass" } else { "FAIL" },
            row.took.as_secs_f64()
        );
    }
    let passed = rows.iter().filter(|row| row.passed()).count();
    let _ = writeln!(out);
    let _ = writeln!(out, "{passed} passed, {} failed", rows.len() - passed);
    out
}

/// One line, no pipes, at most 300 characters.
fn cell(text: &str) -> String {
    let flat: String = text
        .replace('|', "/")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if flat.chars().count() > 300 {
        let cut: String = flat.chars().take(297).collect();
        format!("{cut}…")
    } else {
        flat
    }
}

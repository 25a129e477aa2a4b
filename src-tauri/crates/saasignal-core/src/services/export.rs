//! Exporting a list as the person sees it (the same filter and search, every matching
//! row, not just those on screen) to a CSV or JSON file. The rows are the cached
//! metadata, which holds no secret by construction; the file is written next to its
//! destination and moved into place, so a failure never leaves half a file.

use std::io::Write;
use std::path::Path;

use saasignal_contract::billing::PRIMITIVES;
use saasignal_model::{
    ActivityEntry, ActivityFilter, MAX_WINDOW_ROWS, Member, Page, Project, RowWindow, Token,
    TokenFilter, UsagePeriod,
};
use serde::{Deserialize, Serialize};

use crate::accounts::AccountId;
use crate::core::Core;
use crate::error::CoreError;
use crate::loaded::ReadMode;

/// Which list to export, with the filter its screen applies.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExportList {
    Tokens {
        filter: TokenFilter,
    },
    Members,
    Projects,
    Activity {
        filter: ActivityFilter,
    },
    /// The daily usage series of the last `days` days (from the cached overview).
    Usage {
        days: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// What to export: a list, its screen's search, and the format.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    pub list: ExportList,
    #[serde(default)]
    pub search: String,
    pub format: ExportFormat,
}

impl ExportRequest {
    /// The file name the save dialog suggests: `<org slug>-<list>-<date>.<ext>`.
    pub fn suggested_name(&self, org_slug: &str, today: chrono::NaiveDate) -> String {
        let list = match self.list {
            ExportList::Tokens { .. } => "api-keys",
            ExportList::Members => "members",
            ExportList::Projects => "projects",
            ExportList::Activity { .. } => "activity",
            ExportList::Usage { .. } => "usage",
        };
        let slug = if org_slug.is_empty() { "org" } else { org_slug };
        format!("{slug}-{list}-{today}.{}", self.format.extension())
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExportReceipt {
    pub path: String,
    pub rows: u32,
}

impl Core {
    /// Writes every row of `request`'s list (as its screen filters and searches it, from
    /// the cache) to `path`, replacing the file there.
    pub async fn export(
        &self,
        account: &AccountId,
        org_id: &str,
        request: &ExportRequest,
        path: &Path,
    ) -> Result<ExportReceipt, CoreError> {
        let search = request.search.as_str();
        let bytes = match &request.list {
            ExportList::Tokens { filter } => {
                let rows = every_row(
                    |window| async move {
                        let page =
                            self.token_page(account, org_id, &window, filter, ReadMode::CacheOnly);
                        Ok(page.await?.data)
                    },
                    search,
                )
                .await?;
                encode(&rows, request.format)
            }
            ExportList::Members => {
                let rows = every_row(
                    |window| async move {
                        let page = self.member_page(account, org_id, &window, ReadMode::CacheOnly);
                        Ok(page.await?.data)
                    },
                    search,
                )
                .await?;
                encode(&rows, request.format)
            }
            ExportList::Projects => {
                let rows = every_row(
                    |window| async move {
                        let page = self.project_page(account, org_id, &window, ReadMode::CacheOnly);
                        Ok(page.await?.data)
                    },
                    search,
                )
                .await?;
                encode(&rows, request.format)
            }
            ExportList::Activity { filter } => {
                let rows =
                    every_row(
                        |window| async move {
                            self.activity_page(account, org_id, &window, filter).await
                        },
                        search,
                    )
                    .await?;
                encode(&rows, request.format)
            }
            ExportList::Usage { days } => {
                let overview = self.billing_overview(account, org_id, ReadMode::CacheOnly);
                let series = overview.await?.data.map(|overview| overview.usage.series);
                let series = series.unwrap_or_default();
                let first = series.len().saturating_sub(*days as usize);
                encode(&series[first..], request.format)
            }
        };
        let failed = |source| CoreError::Export {
            path: path.display().to_string(),
            source,
        };
        let (rows, bytes) = bytes.map_err(failed)?;
        write_replacing(path, &bytes).map_err(failed)?;
        tracing::info!(rows, format = request.format.extension(), "exported a list");
        Ok(ExportReceipt {
            path: path.display().to_string(),
            rows,
        })
    }
}

/// Every row a paged read selects, a window at a time.
async fn every_row<T, F, Fut>(read: F, search: &str) -> Result<Vec<T>, CoreError>
where
    F: Fn(RowWindow) -> Fut,
    Fut: std::future::Future<Output = Result<Page<T>, CoreError>>,
{
    let mut rows = Vec::new();
    loop {
        let window = RowWindow {
            search: search.to_owned(),
            offset: u32::try_from(rows.len()).unwrap_or(u32::MAX),
            limit: MAX_WINDOW_ROWS,
        };
        let page = read(window).await?;
        let done = page.rows.len() < MAX_WINDOW_ROWS as usize;
        rows.extend(page.rows);
        if done {
            return Ok(rows);
        }
    }
}

/// The rows as the file's bytes, and how many.
fn encode<T: ExportRow + Serialize>(
    rows: &[T],
    format: ExportFormat,
) -> std::io::Result<(u32, Vec<u8>)> {
    let count = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let bytes = match format {
        ExportFormat::Json => {
            let mut text = serde_json::to_vec_pretty(rows)?;
            text.push(b'\n');
            text
        }
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer.write_record(T::HEADER)?;
            for row in rows {
                writer.write_record(
                    row.cells()
                        .iter()
                        .map(|cell| spreadsheet_safe(cell).into_owned()),
                )?;
            }
            writer.into_inner().map_err(|error| error.into_error())?
        }
    };
    Ok((count, bytes))
}

/// Writes `bytes` to a temporary file beside `path`, then moves it over `path`.
fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is
/// prefixed with `'`, so opening the file cannot run what a name contains.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A row as CSV cells (lists are joined with spaces; times in RFC 3339).
trait ExportRow {
    const HEADER: &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

fn time(at: Option<&saasignal_model::Timestamp>) -> String {
    at.map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

impl ExportRow for Token {
    const HEADER: &'static [&'static str] = &[
        "id",
        "name",
        "hint",
        "project_id",
        "scopes",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name.clone(),
            self.hint.clone(),
            self.project_id.clone().unwrap_or_default(),
            self.scopes.join(" "),
            time(self.created_at.as_ref()),
            time(self.expires_at.as_ref()),
            time(self.last_used_at.as_ref()),
            self.revoked.to_string(),
        ]
    }
}

impl ExportRow for Member {
    const HEADER: &'static [&'static str] = &["user_id", "name", "email", "scopes", "joined_at"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.user_id.clone(),
            self.name.clone(),
            self.email.clone(),
            self.scopes.join(" "),
            time(self.joined_at.as_ref()),
        ]
    }
}

impl ExportRow for Project {
    const HEADER: &'static [&'static str] = &["id", "name", "description", "region", "created_at"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.name.to_string(),
            self.description.to_string(),
            self.region.to_string(),
            time(self.created_at.as_ref()),
        ]
    }
}

impl ExportRow for ActivityEntry {
    const HEADER: &'static [&'static str] = &[
        "at",
        "action",
        "target_id",
        "target_name",
        "related_id",
        "outcome",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            time(Some(&self.at)),
            self.action.clone(),
            self.target_id.clone().unwrap_or_default(),
            self.target_name.clone().unwrap_or_default(),
            self.related_id.clone().unwrap_or_default(),
            self.outcome.as_stored().to_owned(),
        ]
    }
}

/// `date, total`, then every primitive in the reference's order.
const USAGE_HEADER: [&str; 2 + PRIMITIVES.len()] = {
    let mut header = [""; 2 + PRIMITIVES.len()];
    header[0] = "date";
    header[1] = "total";
    let mut index = 0;
    while index < PRIMITIVES.len() {
        header[2 + index] = PRIMITIVES[index];
        index += 1;
    }
    header
};

impl ExportRow for UsagePeriod {
    const HEADER: &'static [&'static str] = &USAGE_HEADER;
    fn cells(&self) -> Vec<String> {
        let day = self.period_start.map(|at| at.date_naive().to_string());
        let counts = PRIMITIVES
            .iter()
            .map(|primitive| self.by_primitive.get(*primitive).copied().unwrap_or(0.0));
        [day.unwrap_or_default(), self.total.to_string()]
            .into_iter()
            .chain(counts.map(|count| count.to_string()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_cannot_run_from_a_cell_and_names_suggest_the_org_and_list() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("CI deploy"), "CI deploy");
        let request = ExportRequest {
            list: ExportList::Members,
            search: String::new(),
            format: ExportFormat::Csv,
        };
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            request.suggested_name("acme", day),
            "acme-members-2026-12-01.csv"
        );
    }

    #[test]
    fn a_request_reads_as_the_ui_sends_it() {
        let request: ExportRequest = serde_json::from_str(
            r#"{"list":{"kind":"tokens","filter":{"project":{"kind":"all"},"status":"active","sort":"name","concern":null}},"search":"ci","format":"json"}"#,
        )
        .unwrap();
        assert!(matches!(request.list, ExportList::Tokens { .. }));
        assert_eq!(request.format, ExportFormat::Json);
    }
}

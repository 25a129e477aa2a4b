//! One window of an org's cached API keys, filtered, searched, ordered and counted in
//! SQL, so the Tokens table never holds the org's whole list.

use chrono::Duration;
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};
use saasignal_model::token_filter::EXPIRING_WITHIN_DAYS;
use saasignal_model::{
    Page, ProjectFilter, RowWindow, StatusFilter, Timestamp, Token, TokenFilter, TokenSort,
};

use crate::columns::timestamp_text;
use crate::search::contains_pattern;
use crate::sync::{self, Resource};
use crate::tokens::token_from_row;
use crate::{Cache, CacheError, Cached};

/// The columns `token_from_row` reads, in its order, then the matching rows' count.
const COLUMNS: &str = "t.id, t.name, t.hint, t.project_id, t.scopes, t.created_at, \
     t.expires_at, t.last_used_at, t.revoked, COUNT(*) OVER ()";
/// A key's project, for searching by its name; a deleted project's keys have none.
const FROM: &str =
    "tokens t LEFT JOIN projects p ON p.account_id = t.account_id AND p.id = t.project_id";

impl Cache {
    /// The window of the org's cached keys (revoked ones included) that `filter` and the
    /// window's search (name, key hint, id, scopes, project name) select, in the
    /// filter's order, with the counts; statuses are judged against `now`.
    pub fn token_page(
        &self,
        account: &str,
        org_id: &str,
        window: &RowWindow,
        filter: &TokenFilter,
        now: &Timestamp,
    ) -> Result<Cached<Page<Token>>, CacheError> {
        self.read(|conn| {
            let total: u32 = conn
                .prepare_cached(
                    "SELECT COUNT(*) FROM tokens WHERE account_id = ?1 AND org_id = ?2",
                )?
                .query_row([account, org_id], |row| row.get(0))?;
            let selected = Selection::of(account, org_id, window, filter, now);
            let (limit, offset) = (window.capped_limit(), window.offset);
            let mut matching = 0;
            let mut values = selected.values.clone();
            values.extend([Value::from(limit), Value::from(offset)]);
            let n = values.len();
            // One pass: the window's rows, each carrying the count of all the matching
            // rows (computed before LIMIT applies).
            let rows = conn
                .prepare(&format!(
                    "SELECT {COLUMNS} FROM {FROM} WHERE {} ORDER BY {} LIMIT ?{} OFFSET ?{n}",
                    selected.clauses,
                    order_by(filter.sort),
                    n - 1
                ))?
                .query_map(params_from_iter(values), |row| {
                    matching = row.get(9)?;
                    token_from_row(row, org_id)
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            if rows.is_empty() && offset > 0 {
                matching = selected.count(conn)?;
            }
            let synced_at = sync::synced_at(conn, account, Resource::Tokens, org_id)?;
            let data = Page {
                offset,
                rows,
                matching,
                total,
            };
            Ok(Cached { data, synced_at })
        })
    }
}

/// A `WHERE` clause over `tokens t` (joined to `projects p`) and its parameters.
struct Selection {
    clauses: String,
    values: Vec<Value>,
}

impl Selection {
    fn of(
        account: &str,
        org_id: &str,
        window: &RowWindow,
        filter: &TokenFilter,
        now: &Timestamp,
    ) -> Self {
        let mut selection = Self {
            clauses: String::new(),
            values: Vec::new(),
        };
        selection.add("t.account_id = ?#", account.to_owned());
        selection.add("t.org_id = ?#", org_id.to_owned());
        match &filter.project {
            ProjectFilter::All => {}
            ProjectFilter::OrgWide => selection.add_clause("t.project_id IS NULL"),
            ProjectFilter::Project(id) => selection.add("t.project_id = ?#", id.clone()),
        }
        let now_text = timestamp_text(now);
        match filter.status {
            StatusFilter::All => {}
            StatusFilter::Active => selection.add(
                "t.revoked = 0 AND (t.expires_at IS NULL OR t.expires_at > ?#)",
                now_text,
            ),
            StatusFilter::Expiring => {
                let soon = timestamp_text(&(*now + Duration::days(EXPIRING_WITHIN_DAYS)));
                selection.add("t.revoked = 0 AND t.expires_at > ?#", now_text);
                selection.add("t.expires_at <= ?#", soon);
            }
            StatusFilter::Expired => {
                selection.add("t.revoked = 0 AND t.expires_at <= ?#", now_text)
            }
            StatusFilter::Revoked => selection.add_clause("t.revoked = 1"),
            StatusFilter::NeverUsed => {
                selection.add_clause("t.revoked = 0 AND t.last_used_at IS NULL")
            }
        }
        if let Some(text) = window.search_text() {
            let searched = ["t.name", "t.hint", "t.id", "t.scopes", "p.name"]
                .map(|column| format!("{column} LIKE ?# ESCAPE '\\'"))
                .join(" OR ");
            selection.add(&format!("({searched})"), contains_pattern(text));
        }
        selection
    }

    /// Adds `clause`, whose `?#` marks (all of them) take `value`.
    fn add(&mut self, clause: &str, value: impl Into<Value>) {
        self.values.push(value.into());
        let parameter = format!("?{}", self.values.len());
        self.add_clause(&clause.replace("?#", &parameter));
    }

    fn add_clause(&mut self, clause: &str) {
        if !self.clauses.is_empty() {
            self.clauses.push_str(" AND ");
        }
        self.clauses.push_str(clause);
    }

    /// How many rows it selects (for a window past the end, whose rows say nothing).
    fn count(&self, conn: &Connection) -> rusqlite::Result<u32> {
        conn.prepare(&format!(
            "SELECT COUNT(*) FROM {FROM} WHERE {}",
            self.clauses
        ))?
        .query_row(params_from_iter(self.values.iter()), |row| row.get(0))
    }
}

fn order_by(sort: TokenSort) -> &'static str {
    match sort {
        TokenSort::LastUsedDesc => {
            "t.last_used_at IS NULL, t.last_used_at DESC, t.name COLLATE NOCASE, t.id"
        }
        TokenSort::LastUsedAsc => {
            "t.last_used_at IS NOT NULL, t.last_used_at, t.name COLLATE NOCASE, t.id"
        }
        TokenSort::CreatedDesc => {
            "t.created_at IS NULL, t.created_at DESC, t.name COLLATE NOCASE, t.id"
        }
        TokenSort::Name => "t.name COLLATE NOCASE, t.id",
    }
}

//! One window of an org's cached API keys, filtered, searched, ordered and counted in
//! SQL, so the Tokens table never holds the org's whole list; and the Health panel's
//! count of keys per concern. The rules themselves are in `key_rules.rs`.

use rusqlite::{Connection, params_from_iter};
use saasignal_model::{
    ConcernCount, KeyConcern, KeyStatus, Page, ProjectFilter, RowWindow, Token, TokenFilter,
    TokenSort,
};

use crate::key_rules::{self, KEYS, KeyJudge, Params};
use crate::search::contains_pattern;
use crate::sync::{self, Resource};
use crate::tokens::token_from_row;
use crate::{Cache, CacheError, Cached};

/// The columns `token_from_row` reads, in its order, then the matching rows' count; the
/// key's judged status follows.
const COLUMNS: &str = "t.id, t.name, t.hint, t.project_id, t.scopes, t.created_at, \
     t.expires_at, t.last_used_at, t.revoked, COUNT(*) OVER ()";

impl Cache {
    /// The window of the org's cached keys (revoked ones included) that `filter` and the
    /// window's search (name, key hint, id, scopes, project name) select, in the
    /// filter's order, with the counts.
    pub fn token_page(
        &self,
        account: &str,
        org_id: &str,
        window: &RowWindow,
        filter: &TokenFilter,
        judge: KeyJudge,
    ) -> Result<Cached<Page<Token>>, CacheError> {
        self.read(|conn| {
            let total: u32 = conn
                .prepare_cached("SELECT COUNT(*) FROM tokens WHERE account_id = ?1 AND org_id = ?2")?
                .query_row([account, org_id], |row| row.get(0))?;
            let selected = Selection::of(account, org_id, window, filter, judge);
            let (limit, offset) = (window.capped_limit(), window.offset);
            let mut params = selected.params.clone();
            let judged = key_rules::judged_status(judge, &mut params);
            let (limit, offset_mark) = (params.bind(limit), params.bind(offset));
            let mut matching = 0;
            // One pass: the window's rows, each carrying the count of all the matching
            // rows (computed before LIMIT applies).
            let rows = conn
                .prepare(&format!(
                    "SELECT {COLUMNS}, {judged} FROM {KEYS} WHERE {} ORDER BY {} LIMIT {limit} OFFSET {offset_mark}",
                    selected.clauses.join(" AND "),
                    order_by(filter.sort),
                ))?
                .query_map(params_from_iter(params.0), |row| {
                    matching = row.get(9)?;
                    let status: String = row.get(10)?;
                    Ok(Token {
                        status: Some(KeyStatus::from_judged(&status)),
                        ..token_from_row(row, org_id)?
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            if rows.is_empty() && offset > 0 {
                matching = selected.count(conn)?;
            }
            let page = Page {
                offset,
                rows,
                matching,
                total,
            };
            sync::with_sync_time(conn, account, Resource::Tokens, org_id, page)
        })
    }

    /// The ids and names of the unrevoked keys the Tokens table would list for `filter`
    /// and `search`, in its order: what "select all" selects.
    pub fn unrevoked_token_ids(
        &self,
        account: &str,
        org_id: &str,
        search: &str,
        filter: &TokenFilter,
        judge: KeyJudge,
    ) -> Result<Vec<(String, String)>, CacheError> {
        let window = RowWindow {
            search: search.to_owned(),
            offset: 0,
            limit: 0,
        };
        let mut selected = Selection::of(account, org_id, &window, filter, judge);
        selected.clauses.push("t.revoked = 0".to_owned());
        self.read(|conn| {
            Ok(conn
                .prepare(&format!(
                    "SELECT t.id, t.name FROM {KEYS} WHERE {} ORDER BY {}",
                    selected.clauses.join(" AND "),
                    order_by(filter.sort),
                ))?
                .query_map(params_from_iter(selected.params.0), |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// How many of the org's unrevoked cached keys have each concern, in the panel's
    /// order. "Project deleted" is judged only once the org's projects have been cached:
    /// before that every key's project would look gone.
    pub fn key_health(
        &self,
        account: &str,
        org_id: &str,
        judge: KeyJudge,
    ) -> Result<Vec<ConcernCount>, CacheError> {
        self.read(|conn| {
            let projects_known = sync::synced_at(conn, account, Resource::Projects, org_id)?.is_some();
            let concerns: Vec<KeyConcern> = KeyConcern::ALL
                .into_iter()
                .filter(|concern| projects_known || *concern != KeyConcern::ProjectDeleted)
                .collect();
            let mut params = Params::default();
            let (account_mark, org_mark) = (params.bind(account.to_owned()), params.bind(org_id.to_owned()));
            let sums: Vec<String> = concerns
                .iter()
                .map(|concern| {
                    let rule = key_rules::concern(*concern, judge, &mut params);
                    format!("COALESCE(SUM(CASE WHEN {rule} THEN 1 ELSE 0 END), 0)")
                })
                .collect();
            let counts = conn
                .prepare(&format!(
                    "SELECT {} FROM {KEYS} WHERE t.account_id = {account_mark} AND t.org_id = {org_mark}",
                    sums.join(", ")
                ))?
                .query_row(params_from_iter(params.0), |row| {
                    (0..concerns.len())
                        .map(|i| row.get::<_, u32>(i))
                        .collect::<rusqlite::Result<Vec<_>>>()
                })?;
            Ok(concerns
                .into_iter()
                .zip(counts)
                .map(|(concern, keys)| ConcernCount { concern, keys })
                .collect())
        })
    }
}

/// The `WHERE` conditions over the keys (all of them must hold) and their parameters.
struct Selection {
    clauses: Vec<String>,
    params: Params,
}

impl Selection {
    fn of(
        account: &str,
        org_id: &str,
        window: &RowWindow,
        filter: &TokenFilter,
        judge: KeyJudge,
    ) -> Self {
        let mut params = Params::default();
        let mut clauses = vec![
            format!("t.account_id = {}", params.bind(account.to_owned())),
            format!("t.org_id = {}", params.bind(org_id.to_owned())),
        ];
        match &filter.project {
            ProjectFilter::All => {}
            ProjectFilter::OrgWide => clauses.push("t.project_id IS NULL".to_owned()),
            ProjectFilter::Project(id) => {
                clauses.push(format!("t.project_id = {}", params.bind(id.clone())));
            }
        }
        clauses.extend(key_rules::status(filter.status, judge, &mut params));
        if let Some(concern) = filter.concern {
            clauses.push(key_rules::concern(concern, judge, &mut params));
        }
        if let Some(text) = window.search_text() {
            let pattern = params.bind(contains_pattern(text));
            let searched = ["t.name", "t.hint", "t.id", "t.scopes", "p.name"]
                .map(|column| format!("{column} LIKE {pattern} ESCAPE '\\'"))
                .join(" OR ");
            clauses.push(format!("({searched})"));
        }
        Self { clauses, params }
    }

    /// How many rows it selects (for a window past the end, whose rows say nothing).
    fn count(&self, conn: &Connection) -> rusqlite::Result<u32> {
        conn.prepare(&format!(
            "SELECT COUNT(*) FROM {KEYS} WHERE {}",
            self.clauses.join(" AND ")
        ))?
        .query_row(params_from_iter(self.params.0.iter()), |row| row.get(0))
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

//! One window of an org's cached members, searched, ordered and counted in SQL, so the
//! Members table never holds the org's whole list.

use rusqlite::params;
use saasignal_model::{Member, Page, RowWindow};

use crate::members::member_from_row;
use crate::search::contains_pattern;
use crate::sync::{self, Resource};
use crate::{Cache, CacheError, Cached};

/// The table's order: the signed-in person first, then the owners (who hold `*`), then
/// by name. `?3` is the person's email ('' for none).
const ORDER: &str = "lower(email) = lower(?3) DESC, scopes LIKE '%\"*\"%' DESC, \
     name COLLATE NOCASE, user_id";
/// Everyone, or those whose name or email holds the pattern `?4` (NULL: no search).
const SEARCHED: &str = "account_id = ?1 AND org_id = ?2 \
     AND (?4 IS NULL OR name LIKE ?4 ESCAPE '\\' OR email LIKE ?4 ESCAPE '\\')";

impl Cache {
    /// The window of the org's cached members matching the window's search (name,
    /// email), `me` (the signed-in person's email, if any) first, then the owners, then
    /// by name; with the counts.
    pub fn member_page(
        &self,
        account: &str,
        org_id: &str,
        window: &RowWindow,
        me: Option<&str>,
    ) -> Result<Cached<Page<Member>>, CacheError> {
        self.read(|conn| {
            let total: u32 = conn
                .prepare_cached(
                    "SELECT COUNT(*) FROM members WHERE account_id = ?1 AND org_id = ?2",
                )?
                .query_row(params![account, org_id], |row| row.get(0))?;
            let pattern = window.search_text().map(contains_pattern);
            let me = me.unwrap_or("");
            let (limit, offset) = (window.capped_limit(), window.offset);
            let mut matching = 0;
            // One pass: the window's rows, each carrying the count of all the matching
            // rows (computed before LIMIT applies).
            let rows = conn
                .prepare_cached(&format!(
                    "SELECT user_id, name, email, scopes, joined_at, COUNT(*) OVER ()
                     FROM members WHERE {SEARCHED} ORDER BY {ORDER} LIMIT ?5 OFFSET ?6"
                ))?
                .query_map(
                    params![account, org_id, me, pattern, limit, offset],
                    |row| {
                        matching = row.get(5)?;
                        member_from_row(row)
                    },
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            if rows.is_empty() && offset > 0 {
                // Past the end: the rows say nothing of the count, so count them.
                matching = conn
                    .prepare_cached(&format!("SELECT COUNT(*) FROM members WHERE {SEARCHED}"))?
                    .query_row(params![account, org_id, me, pattern], |row| row.get(0))?;
            }
            let page = Page {
                offset,
                rows,
                matching,
                total,
            };
            sync::with_sync_time(conn, account, Resource::Members, org_id, page)
        })
    }
}

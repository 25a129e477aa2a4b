//! The projects of each org.

use std::sync::Arc;

use rusqlite::{Connection, Row, params};
use saasignal_model::{Page, Project, RowWindow, Timestamp};

use crate::columns::{compact_text, optional_timestamp, optional_timestamp_text};
use crate::search::contains_pattern;
use crate::sync::{self, Resource};
use crate::{Cache, CacheError, Cached, orgs, replace, tokens};

impl Cache {
    /// The org's cached projects, by name, and when the list was last synced.
    pub fn projects(
        &self,
        account: &str,
        org_id: &str,
    ) -> Result<Cached<Vec<Project>>, CacheError> {
        let shared_org_id: Arc<str> = org_id.into();
        self.read(|conn| {
            let data = conn
                .prepare_cached(
                    "SELECT id, name, description, region, created_at FROM projects
                     WHERE account_id = ?1 AND org_id = ?2
                     ORDER BY name COLLATE NOCASE, id",
                )?
                .query_map(params![account, org_id], |row| project(row, &shared_org_id))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let synced_at = sync::synced_at(conn, account, Resource::Projects, org_id)?;
            Ok(Cached { data, synced_at })
        })
    }

    /// One window of the org's cached projects, in the list's order (by name), searched
    /// in name, description and id; with the counts, and when the list was last synced.
    /// Reads only the window's rows from the list-order index, however long the list.
    pub fn project_page(
        &self,
        account: &str,
        org_id: &str,
        window: &RowWindow,
    ) -> Result<Cached<Page<Project>>, CacheError> {
        let shared_org_id: Arc<str> = org_id.into();
        self.read(|conn| {
            let total: u32 = conn
                .prepare_cached(
                    "SELECT COUNT(*) FROM projects WHERE account_id = ?1 AND org_id = ?2",
                )?
                .query_row(params![account, org_id], |row| row.get(0))?;
            let (limit, offset) = (window.capped_limit(), window.offset);
            let (rows, matching) = match window.search_text() {
                None => {
                    let rows = conn
                        .prepare_cached(
                            "SELECT id, name, description, region, created_at FROM projects
                             WHERE account_id = ?1 AND org_id = ?2
                             ORDER BY name COLLATE NOCASE, id LIMIT ?3 OFFSET ?4",
                        )?
                        .query_map(params![account, org_id, limit, offset], |row| {
                            project(row, &shared_org_id)
                        })?
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    (rows, total)
                }
                Some(text) => {
                    // One pass over the list: the window's rows, each carrying the count
                    // of all the matching rows (computed before LIMIT applies).
                    let pattern = contains_pattern(text);
                    let mut matching = 0;
                    let rows = conn
                        .prepare_cached(&format!(
                            "SELECT id, name, description, region, created_at, COUNT(*) OVER ()
                             FROM projects WHERE {SEARCHED}
                             ORDER BY name COLLATE NOCASE, id LIMIT ?4 OFFSET ?5"
                        ))?
                        .query_map(params![account, org_id, pattern, limit, offset], |row| {
                            Ok((project(row, &shared_org_id)?, row.get::<_, u32>(5)?))
                        })?
                        .map(|row| {
                            row.map(|(project, count)| {
                                matching = count;
                                project
                            })
                        })
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    if rows.is_empty() && offset > 0 {
                        // Past the end: the rows say nothing of the count, so count them.
                        matching = conn
                            .prepare_cached(&format!(
                                "SELECT COUNT(*) FROM projects WHERE {SEARCHED}"
                            ))?
                            .query_row(params![account, org_id, pattern], |row| row.get(0))?;
                    }
                    (rows, matching)
                }
            };
            let page = Page {
                offset,
                rows,
                matching,
                total,
            };
            sync::with_sync_time(conn, account, Resource::Projects, org_id, page)
        })
    }

    /// Makes the org's cached projects exactly `projects` (the server's list) in one
    /// transaction, and returns the sync time it recorded. Fails with
    /// [`CacheError::OrgNotCached`] when the org is not cached.
    ///
    /// Projects are filed under `org_id`, whatever their own `org_id` field says (the
    /// wire may leave it blank).
    pub fn replace_projects(
        &self,
        account: &str,
        org_id: &str,
        projects: &[Project],
    ) -> Result<Timestamp, CacheError> {
        self.write(|tx| {
            orgs::require_cached(tx, account, org_id)?;
            let cached = replace::cached_ids(
                tx,
                "SELECT id FROM projects WHERE account_id = ?1 AND org_id = ?2",
                params![account, org_id],
            )?;
            let vanished =
                replace::vanished(cached, projects.iter().map(|project| project.id.as_str()));
            for project_id in &vanished {
                delete(tx, account, org_id, project_id)?;
            }
            for project in projects {
                upsert(tx, account, org_id, project)?;
            }
            tracing::debug!(
                account,
                org_id,
                kept = projects.len(),
                removed = vanished.len(),
                "replaced cached projects"
            );
            sync::stamp(tx, account, Resource::Projects, org_id)
        })
    }

    /// Adds or updates one project of a cached org (after it was created on the server).
    pub fn upsert_project(
        &self,
        account: &str,
        org_id: &str,
        project: &Project,
    ) -> Result<(), CacheError> {
        self.write(|tx| {
            orgs::require_cached(tx, account, org_id)?;
            upsert(tx, account, org_id, project)
        })
    }

    /// Removes one project and marks its tokens revoked, as the server does when a
    /// project is deleted. Nothing happens if it is not cached.
    pub fn remove_project(
        &self,
        account: &str,
        org_id: &str,
        project_id: &str,
    ) -> Result<(), CacheError> {
        self.write(|tx| {
            delete(tx, account, org_id, project_id)?;
            tokens::revoke_project_tokens(tx, account, org_id, project_id)
        })
    }
}

/// The rows of org `?2` of account `?1` that hold the `LIKE` pattern `?3` in their name,
/// description or id.
const SEARCHED: &str = "account_id = ?1 AND org_id = ?2 AND (name LIKE ?3 ESCAPE '\\'
     OR description LIKE ?3 ESCAPE '\\' OR id LIKE ?3 ESCAPE '\\')";

/// A `SELECT id, name, description, region, created_at` row of `org_id`.
fn project(row: &Row<'_>, org_id: &Arc<str>) -> rusqlite::Result<Project> {
    Ok(Project {
        id: compact_text(row, 0)?,
        org_id: org_id.clone(),
        name: compact_text(row, 1)?,
        description: compact_text(row, 2)?,
        region: compact_text(row, 3)?,
        created_at: optional_timestamp(row, 4)?,
    })
}

fn upsert(
    conn: &Connection,
    account: &str,
    org_id: &str,
    project: &Project,
) -> Result<(), CacheError> {
    conn.prepare_cached(
        "INSERT INTO projects (account_id, org_id, id, name, description, region, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (account_id, id) DO UPDATE SET
             org_id = excluded.org_id, name = excluded.name, description = excluded.description,
             region = excluded.region, created_at = excluded.created_at",
    )?
    .execute(params![
        account,
        org_id,
        project.id.as_str(),
        project.name.as_str(),
        project.description.as_str(),
        project.region.as_str(),
        optional_timestamp_text(project.created_at.as_ref()),
    ])?;
    Ok(())
}

fn delete(
    conn: &Connection,
    account: &str,
    org_id: &str,
    project_id: &str,
) -> Result<(), CacheError> {
    conn.prepare_cached("DELETE FROM projects WHERE account_id = ?1 AND org_id = ?2 AND id = ?3")?
        .execute(params![account, org_id, project_id])?;
    Ok(())
}

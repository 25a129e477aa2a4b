//! Projects inside organizations.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::StoreError;

/// A stored project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub id: String,
    pub org_id: String,
    pub name: String,
    pub description: String,
    pub region: String,
    pub created_at: i64,
}

const SELECT: &str = "SELECT id, org_id, name, description, region, created_at FROM projects";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Project> {
    Ok(Project {
        id: row.get(0)?,
        org_id: row.get(1)?,
        name: row.get(2)?,
        description: row.get(3)?,
        region: row.get(4)?,
        created_at: row.get(5)?,
    })
}

/// Adds a project.
pub fn insert(conn: &Connection, project: &Project) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO projects (id, org_id, name, description, region, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            project.id,
            project.org_id,
            project.name,
            project.description,
            project.region,
            project.created_at
        ],
    )?;
    Ok(())
}

/// The project `project_id` of `org_id`; another org's project is not found.
pub fn find(
    conn: &Connection,
    org_id: &str,
    project_id: &str,
) -> Result<Option<Project>, StoreError> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE org_id = ?1 AND id = ?2"),
            params![org_id, project_id],
            from_row,
        )
        .optional()?)
}

/// The projects of `org_id`, oldest first; only `only` when given.
pub fn list(
    conn: &Connection,
    org_id: &str,
    only: Option<&str>,
) -> Result<Vec<Project>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE org_id = ?1 AND (?2 IS NULL OR id = ?2) ORDER BY created_at, rowid"
    ))?;
    let rows = stmt.query_map(params![org_id, only], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Deletes a project; true when one was deleted.
pub fn delete(conn: &Connection, org_id: &str, project_id: &str) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "DELETE FROM projects WHERE org_id = ?1 AND id = ?2",
        params![org_id, project_id],
    )? > 0)
}

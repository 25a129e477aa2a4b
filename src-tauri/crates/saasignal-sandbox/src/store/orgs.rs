//! Organizations.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::StoreError;

/// A stored organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub created_at: i64,
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Org> {
    Ok(Org {
        id: row.get(0)?,
        name: row.get(1)?,
        slug: row.get(2)?,
        created_at: row.get(3)?,
    })
}

/// Adds an organization (its slug must be free; see [`slug_taken`]).
pub fn insert(conn: &Connection, org: &Org) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO orgs (id, name, slug, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![org.id, org.name, org.slug, org.created_at],
    )?;
    Ok(())
}

/// The organization with this id.
pub fn find(conn: &Connection, id: &str) -> Result<Option<Org>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id, name, slug, created_at FROM orgs WHERE id = ?1",
            params![id],
            from_row,
        )
        .optional()?)
}

/// Whether another organization than `except` already uses `slug`.
pub fn slug_taken(conn: &Connection, slug: &str, except: Option<&str>) -> Result<bool, StoreError> {
    let owner: Option<String> = conn
        .query_row(
            "SELECT id FROM orgs WHERE slug = ?1",
            params![slug],
            |row| row.get(0),
        )
        .optional()?;
    Ok(owner.is_some_and(|id| Some(id.as_str()) != except))
}

/// `base` if free, else the first free `base-2`, `base-3`, …
pub fn free_slug(conn: &Connection, base: &str) -> Result<String, StoreError> {
    if !slug_taken(conn, base, None)? {
        return Ok(base.to_owned());
    }
    let mut n = 2u64;
    loop {
        let candidate = format!("{base}-{n}");
        if !slug_taken(conn, &candidate, None)? {
            return Ok(candidate);
        }
        n += 1;
    }
}

/// The organizations `user_id` is a member of, oldest first.
pub fn list_for_user(conn: &Connection, user_id: &str) -> Result<Vec<Org>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.name, o.slug, o.created_at FROM orgs o
         JOIN members m ON m.org_id = o.id
         WHERE m.user_id = ?1 ORDER BY o.created_at, o.rowid",
    )?;
    let rows = stmt.query_map(params![user_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Stores a new name and slug.
pub fn update(conn: &Connection, org: &Org) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE orgs SET name = ?2, slug = ?3 WHERE id = ?1",
        params![org.id, org.name, org.slug],
    )?;
    Ok(())
}

/// Deletes an organization and, by cascade, everything in it.
pub fn delete(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn.execute("DELETE FROM orgs WHERE id = ?1", params![id])? > 0)
}

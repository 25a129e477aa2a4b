//! User accounts.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::StoreError;

/// A user, without the password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub email_verified: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, email, name, email_verified, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: row.get(0)?,
        email: row.get(1)?,
        name: row.get(2)?,
        email_verified: row.get(3)?,
        created_at: row.get(4)?,
        updated_at: row.get(5)?,
    })
}

/// Adds a user; `email` must already be normalised to lowercase.
pub fn insert(conn: &Connection, user: &User, password_hash: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO users (id, email, name, password_hash, email_verified, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            user.id,
            user.email,
            user.name,
            password_hash,
            user.email_verified,
            user.created_at,
            user.updated_at
        ],
    )?;
    Ok(())
}

/// The user with this (lowercase) email and their password hash.
pub fn find_by_email(conn: &Connection, email: &str) -> Result<Option<(User, String)>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS}, password_hash FROM users WHERE email = ?1"),
            params![email],
            |row| Ok((from_row(row)?, row.get(6)?)),
        )
        .optional()?)
}

/// The user with this id.
pub fn find(conn: &Connection, id: &str) -> Result<Option<User>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM users WHERE id = ?1"),
            params![id],
            from_row,
        )
        .optional()?)
}

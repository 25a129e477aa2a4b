//! Organization memberships, joined with the member's user record.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, encode_scopes, scopes_column};

/// What a member is to the organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Created the organization; holds `*`, cannot be re-scoped or removed.
    Owner,
    /// Everyone else; acts with the scopes granted to them.
    Member,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Member => "member",
        }
    }
}

/// One member of one organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub org_id: String,
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub scopes: Vec<String>,
    /// The project an invite restricted this member to, if any.
    pub project_id: Option<String>,
    pub joined_at: i64,
}

/// A membership about to be stored.
#[derive(Debug, Clone)]
pub struct NewMember<'a> {
    pub org_id: &'a str,
    pub user_id: &'a str,
    pub role: Role,
    pub scopes: &'a [String],
    pub project_id: Option<&'a str>,
    pub joined_at: i64,
}

const SELECT: &str =
    "SELECT m.org_id, m.user_id, u.name, u.email, m.role, m.scopes, m.project_id, m.joined_at
     FROM members m JOIN users u ON u.id = m.user_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Member> {
    let role: String = row.get(4)?;
    Ok(Member {
        org_id: row.get(0)?,
        user_id: row.get(1)?,
        name: row.get(2)?,
        email: row.get(3)?,
        role: if role == "owner" {
            Role::Owner
        } else {
            Role::Member
        },
        scopes: scopes_column(row.get(5)?, 5)?,
        project_id: row.get(6)?,
        joined_at: row.get(7)?,
    })
}

/// Adds a membership; an existing one for the same user is left as it is.
pub fn insert(conn: &Connection, member: &NewMember<'_>) -> Result<(), StoreError> {
    conn.execute(
        "INSERT OR IGNORE INTO members (org_id, user_id, role, scopes, project_id, joined_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            member.org_id,
            member.user_id,
            member.role.as_str(),
            encode_scopes(member.scopes)?,
            member.project_id,
            member.joined_at
        ],
    )?;
    Ok(())
}

/// The membership of `user_id` in `org_id`.
pub fn find(conn: &Connection, org_id: &str, user_id: &str) -> Result<Option<Member>, StoreError> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE m.org_id = ?1 AND m.user_id = ?2"),
            params![org_id, user_id],
            from_row,
        )
        .optional()?)
}

/// Whether the user with this (lowercase) email is a member of `org_id`.
pub fn email_is_member(conn: &Connection, org_id: &str, email: &str) -> Result<bool, StoreError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM members m JOIN users u ON u.id = m.user_id WHERE m.org_id = ?1 AND u.email = ?2",
            params![org_id, email],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Every member of `org_id`, in the order they joined.
pub fn list(conn: &Connection, org_id: &str) -> Result<Vec<Member>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE m.org_id = ?1 ORDER BY m.joined_at, m.rowid"
    ))?;
    let rows = stmt.query_map(params![org_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Replaces a member's scopes.
pub fn set_scopes(
    conn: &Connection,
    org_id: &str,
    user_id: &str,
    scopes: &[String],
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE members SET scopes = ?3 WHERE org_id = ?1 AND user_id = ?2",
        params![org_id, user_id, encode_scopes(scopes)?],
    )?;
    Ok(())
}

/// Removes a membership; true when one was removed.
pub fn delete(conn: &Connection, org_id: &str, user_id: &str) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "DELETE FROM members WHERE org_id = ?1 AND user_id = ?2",
        params![org_id, user_id],
    )? > 0)
}

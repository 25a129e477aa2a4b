//! Pending invitations, turned into memberships when the invitee signs up or in.

use rusqlite::{Connection, params};

use super::members::{self, NewMember, Role};
use super::{StoreError, decode_scopes, encode_scopes};

/// An invitation waiting for its invitee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    pub id: String,
    pub org_id: String,
    /// Lowercase.
    pub email: String,
    pub scopes: Vec<String>,
    pub project_id: Option<String>,
    pub created_at: i64,
}

/// Stores an invitation; inviting the same email to the same org again replaces
/// the earlier scopes and project rather than piling up duplicates.
pub fn upsert(conn: &Connection, invite: &Invite) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO invites (id, org_id, email, scopes, project_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(org_id, email) DO UPDATE SET scopes = excluded.scopes, project_id = excluded.project_id",
        params![
            invite.id,
            invite.org_id,
            invite.email,
            encode_scopes(&invite.scopes)?,
            invite.project_id,
            invite.created_at
        ],
    )?;
    Ok(())
}

/// Turns every invitation for `email` into a membership of `user_id`; returns how
/// many were accepted. Call inside the transaction that signs the user up or in.
pub fn accept_pending(
    conn: &Connection,
    user_id: &str,
    email: &str,
    now: i64,
) -> Result<usize, StoreError> {
    let pending: Vec<(String, String, Option<String>)> = {
        let mut stmt =
            conn.prepare_cached("SELECT org_id, scopes, project_id FROM invites WHERE email = ?1")?;
        let rows = stmt.query_map(params![email], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?;
        rows.collect::<Result<_, _>>()?
    };
    for (org_id, scopes, project_id) in &pending {
        let scopes = decode_scopes(scopes)?;
        members::insert(
            conn,
            &NewMember {
                org_id,
                user_id,
                role: Role::Member,
                scopes: &scopes,
                project_id: project_id.as_deref(),
                joined_at: now,
            },
        )?;
    }
    conn.execute("DELETE FROM invites WHERE email = ?1", params![email])?;
    Ok(pending.len())
}

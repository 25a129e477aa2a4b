//! The invites sent from this app, per account and org (the platform lists none): kept
//! until the person forgets them; one is accepted once its email is among the members.

use rusqlite::params;
use saasignal_model::{SentInvite, Timestamp};

use crate::columns::{
    optional_timestamp, optional_timestamp_text, required_timestamp, scopes, scopes_text,
    timestamp_text,
};
use crate::{Cache, CacheError};

impl Cache {
    /// Records an invite the server accepted (again: pending again, sent now).
    pub fn record_invite(
        &self,
        account: &str,
        org_id: &str,
        invite: &SentInvite,
    ) -> Result<(), CacheError> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO sent_invites (account_id, org_id, email, scopes, project_id, invited_at, accepted_at)
                 VALUES (?1, ?2, lower(?3), ?4, ?5, ?6, ?7)
                 ON CONFLICT (account_id, org_id, email) DO UPDATE SET
                     scopes = excluded.scopes, project_id = excluded.project_id,
                     invited_at = excluded.invited_at, accepted_at = excluded.accepted_at",
            )?
            .execute(params![
                account,
                org_id,
                invite.email,
                scopes_text(&invite.scopes)?,
                invite.project_id,
                timestamp_text(&invite.invited_at),
                optional_timestamp_text(invite.accepted_at.as_ref()),
            ])?;
            Ok(())
        })
    }

    /// The org's sent invites, pending first, then newest first. Those whose email is
    /// now among the cached members are marked accepted at `now` first (and stay so).
    pub fn sent_invites(
        &self,
        account: &str,
        org_id: &str,
        now: &Timestamp,
    ) -> Result<Vec<SentInvite>, CacheError> {
        self.write(|tx| {
            tx.prepare_cached(
                "UPDATE sent_invites SET accepted_at = ?3
                 WHERE account_id = ?1 AND org_id = ?2 AND accepted_at IS NULL
                   AND email IN (SELECT lower(email) FROM members WHERE account_id = ?1 AND org_id = ?2)",
            )?
            .execute(params![account, org_id, timestamp_text(now)])?;
            let invites = tx
                .prepare_cached(
                    "SELECT email, scopes, project_id, invited_at, accepted_at FROM sent_invites
                     WHERE account_id = ?1 AND org_id = ?2
                     ORDER BY accepted_at IS NOT NULL, invited_at DESC, email",
                )?
                .query_map(params![account, org_id], |row| {
                    Ok(SentInvite {
                        email: row.get(0)?,
                        scopes: scopes(row, 1)?,
                        project_id: row.get(2)?,
                        invited_at: required_timestamp(row, 3)?,
                        accepted_at: optional_timestamp(row, 4)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(invites)
        })
    }

    /// Forgets a sent invite; `false` when there was none for `email`.
    pub fn forget_invite(
        &self,
        account: &str,
        org_id: &str,
        email: &str,
    ) -> Result<bool, CacheError> {
        self.write(|tx| {
            let removed = tx
                .prepare_cached(
                    "DELETE FROM sent_invites WHERE account_id = ?1 AND org_id = ?2 AND email = lower(?3)",
                )?
                .execute(params![account, org_id, email])?;
            Ok(removed > 0)
        })
    }
}

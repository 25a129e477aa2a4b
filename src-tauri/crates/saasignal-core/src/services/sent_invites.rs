//! The invites sent from this app: remembered when the server accepts one, listed for the
//! Members tab (accepted once the email is among the members), forgotten on request.

use saasignal_client::NewInvite;
use saasignal_model::SentInvite;

use crate::accounts::AccountId;
use crate::core::Core;
use crate::error::CoreError;

impl Core {
    /// Remembers an invite the server accepted; a failure to remember it is logged and
    /// never fails the invite (the server has it).
    pub(crate) fn remember_invite(&self, account: &AccountId, org_id: &str, invite: &NewInvite) {
        let sent = SentInvite {
            email: invite.email.to_lowercase(),
            scopes: invite.scopes.clone(),
            project_id: invite.project_id.clone(),
            invited_at: chrono::Utc::now(),
            accepted_at: None,
        };
        if let Err(error) = self
            .inner
            .cache
            .record_invite(account.as_str(), org_id, &sent)
        {
            tracing::warn!(%error, "could not remember a sent invite");
        }
    }

    /// The org's invites sent from this app, pending first; those whose email has joined
    /// are marked accepted now.
    pub async fn sent_invites(
        &self,
        account: &AccountId,
        org_id: &str,
    ) -> Result<Vec<SentInvite>, CoreError> {
        let cache = self.inner.cache.clone();
        let (id, org) = (account.as_str().to_owned(), org_id.to_owned());
        tokio::task::spawn_blocking(move || cache.sent_invites(&id, &org, &chrono::Utc::now()))
            .await
            .map_err(|_| CoreError::Interrupted)?
            .map_err(CoreError::from)
    }

    /// Forgets a sent invite (only this app's record: the invite itself stands).
    pub fn forget_invite(
        &self,
        account: &AccountId,
        org_id: &str,
        email: &str,
    ) -> Result<(), CoreError> {
        self.inner
            .cache
            .forget_invite(account.as_str(), org_id, email)?;
        Ok(())
    }
}

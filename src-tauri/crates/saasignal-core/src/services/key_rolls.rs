//! Rolling a key: its replacement is created first (same name plus " (rolled)", scopes,
//! project and expiry policy) and shown once; the old key is revoked when the person
//! confirms the new secret is saved. Until then the roll is listed as unfinished, with
//! the reason the last revoke failed, if one did.

use chrono::SecondsFormat;
use saasignal_client::NewToken;
use saasignal_model::key_roll::{rolled_expiry, rolled_name};
use saasignal_model::{KeyRoll, Minted, Token};

use crate::accounts::AccountId;
use crate::copy_once::RevealHandle;
use crate::core::Core;
use crate::error::CoreError;

impl Core {
    /// Creates the replacement of the cached, unrevoked key `token_id`; the old key is
    /// left as it is (revoke it with [`Core::revoke_token`] once the new secret is
    /// saved). If the create fails, nothing changes.
    pub async fn roll_token(
        &self,
        account: &AccountId,
        org_id: &str,
        token_id: &str,
    ) -> Result<Minted<Token, RevealHandle>, CoreError> {
        let old = self
            .inner
            .cache
            .token(account.as_str(), org_id, token_id)?
            .filter(|token| !token.revoked)
            .ok_or(CoreError::KeyGone)?;
        let replacement = replacement_of(&old, chrono::Utc::now())?;
        self.mint_token(account, org_id, replacement, Some(token_id))
            .await
    }

    /// The org's unfinished rolls, newest first.
    pub async fn key_rolls(
        &self,
        account: &AccountId,
        org_id: &str,
    ) -> Result<Vec<KeyRoll>, CoreError> {
        let cache = self.inner.cache.clone();
        let (id, org) = (account.as_str().to_owned(), org_id.to_owned());
        tokio::task::spawn_blocking(move || cache.key_rolls(&id, &org))
            .await
            .map_err(|_| CoreError::Interrupted)?
            .map_err(CoreError::from)
    }

    /// Stops listing a roll as unfinished: both keys stay as they are.
    pub fn forget_roll(
        &self,
        account: &AccountId,
        org_id: &str,
        old_id: &str,
    ) -> Result<(), CoreError> {
        self.inner
            .cache
            .forget_roll(account.as_str(), org_id, old_id)?;
        Ok(())
    }

    /// Notes on the roll of `token_id`, if it is a rolled key, why revoking it failed; a
    /// failure to note it is only logged (the revoke's own error is what is shown).
    pub(crate) fn note_roll_revoke_failed(
        &self,
        account: &AccountId,
        org_id: &str,
        token_id: &str,
        error: &CoreError,
    ) {
        let code = error.code();
        if let Err(error) = self.inner.cache.note_roll_revoke_failed(
            account.as_str(),
            org_id,
            token_id,
            code.as_str(),
        ) {
            tracing::warn!(%error, "could not note a failed revoke on its roll");
        }
    }
}

/// What replaces `old` in a roll, made at `now`.
fn replacement_of(old: &Token, now: chrono::DateTime<chrono::Utc>) -> Result<NewToken, CoreError> {
    let expires_at = rolled_expiry(old, now)?;
    Ok(NewToken {
        name: rolled_name(old),
        scopes: old.scopes.clone(),
        project_id: old.project_id.clone(),
        expires_at: expires_at.map(|at| at.to_rfc3339_opts(SecondsFormat::Secs, true)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_replacement_has_the_old_keys_scopes_project_and_lifetime() {
        let at = |text| saasignal_model::timestamp::parse(text).unwrap();
        let old = Token {
            id: "tok_1".into(),
            name: "Deploy".into(),
            hint: "…abcd".into(),
            org_id: "org_1".into(),
            project_id: Some("proj_1".into()),
            scopes: vec!["kv:read".into(), "kv:write".into()],
            created_at: Some(at("2026-11-01T00:00:00Z")),
            expires_at: Some(at("2026-12-01T00:00:00Z")),
            last_used_at: None,
            revoked: false,
            status: None,
        };
        let new = replacement_of(&old, at("2026-12-01T12:30:00Z")).unwrap();
        assert_eq!(new.name, "Deploy (rolled)");
        assert_eq!(new.scopes, old.scopes);
        assert_eq!(new.project_id.as_deref(), Some("proj_1"));
        assert_eq!(new.expires_at.as_deref(), Some("2026-12-31T12:30:00Z"));
        saasignal_contract::validate::expires_at(new.expires_at.as_deref().unwrap()).unwrap();
    }
}

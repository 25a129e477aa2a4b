//! The contract's hand-out rules, checked before a request leaves, as the other field
//! rules are: only scopes the caller holds can be given (to a member, a new key, a
//! browser token), and a member cannot change their own scopes. The server checks the
//! same; checking here says so at the field, without a round trip.

use saasignal_client::{ApiError, ForbiddenReason};
use saasignal_contract::{FieldError, scopes};

use crate::accounts::{AccountId, AccountKind};
use crate::core::Core;
use crate::error::CoreError;

impl Core {
    /// Refuses `requested` unless the identity holds every scope of it in `org_id`, as
    /// far as the cache knows (unknown scopes are left to the server).
    pub(crate) fn check_grantable(
        &self,
        account: &AccountId,
        org_id: &str,
        requested: &[String],
    ) -> Result<(), CoreError> {
        let Ok(cached) = self.inner.cache.my_scopes(account.as_str(), org_id) else {
            return Ok(());
        };
        let Some(held) = cached.data else {
            return Ok(());
        };
        match scopes::missing(&held, requested) {
            None => Ok(()),
            Some(scope) => Err(cannot_grant(&scope)),
        }
    }

    /// Refuses a signed-in member's change to their own scopes.
    pub(crate) fn check_not_self(
        &self,
        account: &AccountId,
        org_id: &str,
        user_id: &str,
    ) -> Result<(), CoreError> {
        let Ok(me) = self.inner.accounts.get(account) else {
            return Ok(());
        };
        if me.kind != AccountKind::Session {
            return Ok(());
        }
        let Ok(members) = self.inner.cache.members(account.as_str(), org_id) else {
            return Ok(());
        };
        let is_me = members
            .data
            .iter()
            .any(|m| m.user_id == user_id && m.email.eq_ignore_ascii_case(&me.identity));
        if is_me {
            // The server's own answer to this is a 403, so the early refusal is too.
            return Err(ApiError::Forbidden {
                reason: ForbiddenReason::OwnScopes,
            }
            .into());
        }
        Ok(())
    }
}

/// The field error for a scope the caller does not hold.
pub(crate) fn cannot_grant(scope: &str) -> CoreError {
    ApiError::from(FieldError::new(
        "scopes",
        format!("You can only grant scopes you hold, and you don't hold {scope}"),
    ))
    .into()
}

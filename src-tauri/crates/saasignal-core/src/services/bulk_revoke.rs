//! Revoking many keys at once: what "select all" selects (the unrevoked keys the Tokens
//! table lists for its filter and search), and the revokes themselves, a few at a time,
//! each ending on its own. Once the server cannot be reached, the keys not yet tried are
//! left alone and say so, rather than each waiting out its own failure.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use saasignal_model::{ErrorCode, TokenFilter};
use serde::Serialize;
use tokio::sync::Semaphore;

use crate::accounts::AccountId;
use crate::core::Core;
use crate::error::{CoreError, ErrorReport};

/// How many revokes are in flight at once.
pub const BULK_REVOKE_CONCURRENCY: usize = 4;

/// A key as a selection names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct KeyRef {
    pub id: String,
    pub name: String,
}

/// How one key of a bulk revoke ended: revoked (`error` is `None`) or not, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RevokeOutcome {
    pub token_id: String,
    pub error: Option<ErrorReport>,
}

impl Core {
    /// The unrevoked keys the Tokens table lists for `filter` and `search`, in its
    /// order, from the cache.
    pub async fn selectable_tokens(
        &self,
        account: &AccountId,
        org_id: &str,
        search: &str,
        filter: &TokenFilter,
    ) -> Result<Vec<KeyRef>, CoreError> {
        let cache = self.inner.cache.clone();
        let (id, org, search, filter) = (
            account.as_str().to_owned(),
            org_id.to_owned(),
            search.to_owned(),
            filter.clone(),
        );
        let judge = self.key_judge();
        let keys = tokio::task::spawn_blocking(move || {
            cache.unrevoked_token_ids(&id, &org, &search, &filter, judge)
        })
        .await
        .map_err(|_| CoreError::Interrupted)??;
        Ok(keys
            .into_iter()
            .map(|(id, name)| KeyRef { id, name })
            .collect())
    }

    /// Revokes each of `token_ids`, started in order, [`BULK_REVOKE_CONCURRENCY`] in
    /// flight at most, reported in the order given. Each is an ordinary revoke: logged,
    /// its row announced when it lands.
    pub async fn revoke_tokens(
        &self,
        account: &AccountId,
        org_id: &str,
        token_ids: &[String],
    ) -> Vec<RevokeOutcome> {
        let slots = Arc::new(Semaphore::new(BULK_REVOKE_CONCURRENCY));
        let unreachable = Arc::new(AtomicBool::new(false));
        let mut running = Vec::with_capacity(token_ids.len());
        for token_id in token_ids {
            let Ok(slot) = slots.clone().acquire_owned().await else {
                break; // never closed
            };
            if unreachable.load(Ordering::Relaxed) {
                running.push(None);
                continue;
            }
            let (core, account, org_id, token_id) = (
                self.clone(),
                account.clone(),
                org_id.to_owned(),
                token_id.clone(),
            );
            let unreachable = unreachable.clone();
            running.push(Some(tokio::spawn(async move {
                let result = core.revoke_token(&account, &org_id, &token_id).await;
                drop(slot);
                result.err().map(|error| {
                    if error.is_connectivity() {
                        unreachable.store(true, Ordering::Relaxed);
                    }
                    ErrorReport::from(&error)
                })
            })));
        }
        let mut outcomes = Vec::with_capacity(token_ids.len());
        for (token_id, task) in token_ids.iter().zip(running) {
            let error = match task {
                None => Some(not_tried()),
                Some(task) => task
                    .await
                    .unwrap_or_else(|_| Some(ErrorReport::from(&CoreError::Interrupted))),
            };
            outcomes.push(RevokeOutcome {
                token_id: token_id.clone(),
                error,
            });
        }
        outcomes
    }
}

/// What a key not tried says: the server stopped answering before its turn.
fn not_tried() -> ErrorReport {
    ErrorReport::new(
        ErrorCode::Offline,
        "Not tried: the server stopped answering before this key's turn. Retry once it is back.",
    )
}

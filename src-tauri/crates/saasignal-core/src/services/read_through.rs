//! Stale-while-revalidate reads: the cache answers at once; the server's answer, when
//! it comes, replaces the cached rows and is returned as fresh. When the server cannot
//! be reached, refuses the credential, or asks to slow down, the cached rows come back
//! marked stale with the reason, so every screen stays readable offline.
//!
//! The server's rows are written on a blocking thread (a whole list in one transaction)
//! and only if the account was not signed out while the request was out: a late answer
//! never brings a signed-out account's data back.

use std::future::Future;

use saasignal_cache::{Cache, CacheError, Cached};
use saasignal_client::ApiError;
use saasignal_model::Timestamp;

use crate::accounts::AccountId;
use crate::core::{Connection, Core};
use crate::error::CoreError;
use crate::events::{CoreEvent, Resource};
use crate::loaded::{Loaded, ReadMode, StaleReason};

/// What one read touches: its cache rows and where their change is announced.
pub(crate) struct ReadTarget<'a> {
    pub account: &'a AccountId,
    pub resource: Resource,
    pub org_id: Option<&'a str>,
}

impl Core {
    pub(crate) async fn read_through<T, Fetch, Fut>(
        &self,
        target: ReadTarget<'_>,
        mode: ReadMode,
        from_cache: impl Fn(&Cache) -> Result<Cached<T>, CacheError>,
        fetch: Fetch,
        into_cache: impl FnOnce(&Cache, &T) -> Result<Timestamp, CacheError> + Send + 'static,
    ) -> Result<Loaded<T>, CoreError>
    where
        T: Send + 'static,
        Fetch: FnOnce(Connection) -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        let cache = &self.inner.cache;
        if mode == ReadMode::CacheOnly {
            return Ok(Loaded::cached(from_cache(cache)?, None));
        }
        let fetched = match self.connect(target.account).await {
            Ok(connection) => {
                let generation = connection.generation;
                fetch(connection)
                    .await
                    .map(|data| (data, generation))
                    .map_err(CoreError::from)
            }
            Err(error) => Err(error),
        };
        let (data, generation) = match fetched {
            Ok(fetched) => fetched,
            Err(error) => {
                let error = self.note_failure(target.account, error);
                if !(error.is_connectivity() || error.is_unauthorized() || error.is_rate_limited())
                {
                    return Err(error);
                }
                let reason = StaleReason {
                    code: error.code().to_owned(),
                    message: error.to_string(),
                };
                return Ok(Loaded::cached(from_cache(cache)?, Some(reason)));
            }
        };
        let core = self.clone();
        let account = target.account.clone();
        let written = tokio::task::spawn_blocking(move || {
            let inner = &core.inner;
            inner
                .generations
                .write_if_current(&account, generation, || {
                    let stored = into_cache(&inner.cache, &data);
                    core.note_success(&account);
                    (stored, data)
                })
        })
        .await
        .map_err(|_| CoreError::Interrupted)?;
        let Some((stored, data)) = written else {
            return Err(CoreError::SignedOut);
        };
        self.note_cache_write(&stored);
        let synced_at = match stored {
            Ok(synced_at) => {
                self.emit(CoreEvent::CacheUpdated {
                    account: target.account.clone(),
                    resource: target.resource,
                    org_id: target.org_id.map(str::to_owned),
                });
                synced_at
            }
            // The answer is fresh whatever the cache does with it.
            Err(error) => {
                tracing::warn!(%error, resource = ?target.resource, "the server's list could not be cached");
                chrono::Utc::now()
            }
        };
        Ok(Loaded::fresh(data, synced_at))
    }
}

//! Stale-while-revalidate reads: the cache answers at once; the server's answer, when
//! it comes, replaces the cached rows and is returned as fresh. When the server cannot
//! be reached, refuses the credential, or asks to slow down, the cached rows come back
//! marked stale with the reason, so every screen stays readable offline.
//!
//! The server's rows are written on a blocking thread (a whole list in one transaction)
//! and only if, while the request was out, the account was not signed out (a late answer
//! never brings a signed-out account's data back) and no write to the list landed (an
//! answer from before it would drop the new row: the list is read again).

use std::future::Future;

use saasignal_cache::{Cache, CacheError, Cached};
use saasignal_client::ApiError;
use saasignal_model::Timestamp;

use crate::accounts::AccountId;
use crate::core::{Connection, Core};
use crate::error::CoreError;
use crate::error::ErrorReport;
use crate::events::Resource;
use crate::generations::Replaced;
use crate::loaded::{Loaded, ReadMode};

/// What one read touches: its account and list (for logs and the sign-out guard).
pub(crate) struct ReadTarget<'a> {
    pub account: &'a AccountId,
    pub resource: Resource,
}

/// How often a read whose answer a write overtook is made again before the cache's
/// rows (which hold that write) are returned instead.
const READS_WHEN_OVERTAKEN: u32 = 3;

impl Core {
    pub(crate) async fn read_through<T, Fetch, Fut, Store>(
        &self,
        target: ReadTarget<'_>,
        mode: ReadMode,
        from_cache: impl Fn(&Cache) -> Result<Cached<T>, CacheError>,
        fetch: Fetch,
        into_cache: Store,
    ) -> Result<Loaded<T>, CoreError>
    where
        T: Send + 'static,
        Fetch: Fn(Connection) -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
        Store: Fn(&Cache, &T) -> Result<Timestamp, CacheError> + Clone + Send + 'static,
    {
        let cache = &self.inner.cache;
        if mode == ReadMode::CacheOnly {
            return Ok(Loaded::cached(from_cache(cache)?, None));
        }
        for _ in 0..READS_WHEN_OVERTAKEN {
            let start = self
                .inner
                .generations
                .read_start(target.account, target.resource);
            let fetched = match self.connect(target.account).await {
                Ok(connection) => fetch(connection).await.map_err(CoreError::from),
                Err(error) => Err(error),
            };
            let data = match fetched {
                Ok(data) => data,
                Err(error) => {
                    let error = self.note_failure(target.account, error);
                    if !(error.is_connectivity()
                        || error.is_unauthorized()
                        || error.is_rate_limited())
                    {
                        return Err(error);
                    }
                    let reason = ErrorReport::from(&error);
                    return Ok(Loaded::cached(from_cache(cache)?, Some(reason)));
                }
            };
            let (core, account, resource) = (self.clone(), target.account.clone(), target.resource);
            let into_cache = into_cache.clone();
            let replaced = tokio::task::spawn_blocking(move || {
                let inner = &core.inner;
                inner
                    .generations
                    .replace_if_unchanged(&account, resource, start, || {
                        let stored = into_cache(&inner.cache, &data);
                        core.note_success(&account);
                        (stored, data)
                    })
            })
            .await
            .map_err(|_| CoreError::Interrupted)?;
            let (stored, data) = match replaced {
                Replaced::Written(written) => written,
                Replaced::SignedOut => return Err(CoreError::SignedOut),
                Replaced::Overtaken => {
                    tracing::debug!(resource = ?target.resource, "a write landed while the list was read: reading it again");
                    continue;
                }
            };
            self.note_cache_write(&stored);
            self.inner.events.list_stored();
            // No event: whoever asked has the answer. Reads nobody on screen asked for
            // announce themselves (`Core::refetch`).
            let synced_at = stored.unwrap_or_else(|error| {
                // The answer is fresh whatever the cache does with it.
                tracing::warn!(%error, resource = ?target.resource, "the server's list could not be cached");
                chrono::Utc::now()
            });
            return Ok(Loaded::fresh(data, synced_at));
        }
        // Writes kept landing: the cache holds each of them, so its rows are the best
        // answer (marked stale, with no failure to name).
        Ok(Loaded::cached(from_cache(cache)?, None))
    }
}

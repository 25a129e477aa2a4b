//! Stale-while-revalidate reads: the cache answers at once; the server's answer, when
//! it comes, replaces the cached rows and is returned as fresh. When the server cannot
//! be reached, or no longer accepts the credential, the cached rows come back marked
//! stale with the reason, so every screen stays readable offline.

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
        into_cache: impl FnOnce(&Cache, &T) -> Result<Timestamp, CacheError>,
    ) -> Result<Loaded<T>, CoreError>
    where
        Fetch: FnOnce(Connection) -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        let cache = &self.inner.cache;
        if mode == ReadMode::CacheOnly {
            return Ok(Loaded::cached(from_cache(cache)?, None));
        }
        let outcome = match self.connect(target.account).await {
            Ok(connection) => fetch(connection).await.map_err(CoreError::from),
            Err(error) => Err(error),
        };
        match outcome {
            Ok(data) => {
                let synced_at = into_cache(cache, &data)?;
                self.note_success(target.account);
                self.emit(CoreEvent::CacheUpdated {
                    account: target.account.clone(),
                    resource: target.resource,
                    org_id: target.org_id.map(str::to_owned),
                });
                Ok(Loaded::fresh(data, synced_at))
            }
            Err(error) => {
                let error = self.note_failure(target.account, error);
                if error.is_connectivity() || error.is_unauthorized() {
                    let reason = StaleReason {
                        code: error.code().to_owned(),
                        message: error.to_string(),
                    };
                    Ok(Loaded::cached(from_cache(cache)?, Some(reason)))
                } else {
                    Err(error)
                }
            }
        }
    }
}

//! How a screen's window of a long list is read: the whole list fetched and cached first
//! when the server is asked (as the list's own read does), then only the window read
//! from the cache, off the async threads, and told as fresh only if the cache took
//! what the server answered.

use saasignal_cache::{Cache, CacheError, Cached};
use saasignal_model::{ErrorCode, Page};

use crate::core::Core;
use crate::error::{CoreError, ErrorReport};
use crate::loaded::Loaded;

impl Core {
    /// Reads a window with `read` on a blocking thread; `fetched` is the whole list's
    /// read from the server just before, if there was one; `what` names the rows
    /// ("projects") in the sentence for a fetch the cache did not take.
    pub(super) async fn cached_window<T, L>(
        &self,
        fetched: Option<Loaded<L>>,
        what: &'static str,
        read: impl FnOnce(&Cache) -> Result<Cached<Page<T>>, CacheError> + Send + 'static,
    ) -> Result<Loaded<Page<T>>, CoreError>
    where
        T: Send + 'static,
    {
        let cache = self.inner.cache.clone();
        let page = tokio::task::spawn_blocking(move || read(&cache))
            .await
            .map_err(|_| CoreError::Interrupted)??;
        Ok(match fetched {
            None => Loaded::cached(page, None),
            Some(fetched) if fetched.stale => Loaded::cached(page, fetched.stale_reason),
            // Fresh from the server, but the cache did not take it: the window shows the
            // cache's older rows, and says so.
            Some(fetched) if fetched.synced_at != page.synced_at => {
                Loaded::cached(page, Some(not_saved(what)))
            }
            Some(fetched) => Loaded {
                data: page.data,
                synced_at: fetched.synced_at,
                stale: false,
                stale_reason: None,
            },
        })
    }
}

fn not_saved(what: &str) -> ErrorReport {
    ErrorReport::new(
        ErrorCode::CacheError,
        format!(
            "The server's {what} could not be saved to the local cache, so these are the \
             cached ones. The notice about the cache says what to do."
        ),
    )
}

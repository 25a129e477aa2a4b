//! What follows a write the server accepted. From then on the write has happened, so
//! nothing local may turn it into an error: the cache takes the change if it can, and if
//! it cannot (a full disk, an org no longer cached), the lists are fetched again instead.

use saasignal_cache::{Cache, CacheError};

use crate::accounts::AccountId;
use crate::core::{Connection, Core};
use crate::events::{ChangedRows, CoreEvent, Resource};

impl Core {
    /// Applies `write` to the cache unless the account was signed out meanwhile, and
    /// returns what it returned. A failure is logged, the `changed` lists are refetched
    /// in the background, and `None` comes back.
    pub(crate) fn cache_after_write<R>(
        &self,
        connection: &Connection,
        org_id: &str,
        changed: &[Resource],
        write: impl FnOnce(&Cache) -> Result<R, CacheError>,
    ) -> Option<R> {
        let account = &connection.account.id;
        let written = self.inner.generations.write_if_current(
            account,
            connection.generation,
            changed,
            || write(&self.inner.cache),
        );
        if let Some(outcome) = &written {
            self.note_cache_write(outcome);
        }
        match written {
            None => {
                tracing::debug!("signed out during the write: the cache stays purged");
                None
            }
            Some(Ok(value)) => Some(value),
            Some(Err(error)) => {
                tracing::warn!(%error, "the cache did not take a change the server made; fetching the lists again");
                self.refresh_in_background(account, org_id, changed);
                None
            }
        }
    }

    /// Sends the rows a write changed to open screens (whatever the cache made of them:
    /// the server has them).
    pub(crate) fn rows_changed(
        &self,
        account: &AccountId,
        org_id: Option<&str>,
        rows: ChangedRows,
    ) {
        self.emit(CoreEvent::RowsChanged {
            account: account.clone(),
            org_id: org_id.map(str::to_owned),
            rows,
        });
    }

    /// Fetches `lists` from the server again, off the caller's path; each announces
    /// itself with `CacheUpdated` when it lands.
    pub(crate) fn refresh_in_background(
        &self,
        account: &AccountId,
        org_id: &str,
        lists: &[Resource],
    ) {
        for &resource in lists {
            let (core, account, org_id) = (self.clone(), account.clone(), org_id.to_owned());
            tokio::spawn(async move {
                if let Err(error) = core.refetch(&account, &org_id, resource).await {
                    tracing::debug!(
                        code = error.code().as_str(),
                        ?resource,
                        "background refetch failed"
                    );
                }
            });
        }
    }
}

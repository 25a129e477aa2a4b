//! What follows a write the server accepted. From then on the write has happened, so
//! nothing local may turn it into an error: the cache takes the change if it can, and if
//! it cannot (a full disk, an org no longer cached), the lists are fetched again instead.

use saasignal_cache::{Cache, CacheError};

use crate::accounts::AccountId;
use crate::core::{Connection, Core};
use crate::events::Resource;
use crate::loaded::ReadMode;

impl Core {
    /// Applies `write` to the cache unless the account was signed out meanwhile; a
    /// failure is logged and the `changed` lists are refetched in the background.
    pub(crate) fn cache_after_write(
        &self,
        connection: &Connection,
        org_id: &str,
        changed: &[Resource],
        write: impl FnOnce(&Cache) -> Result<(), CacheError>,
    ) {
        let account = &connection.account.id;
        let written =
            self.inner
                .generations
                .write_if_current(account, connection.generation, || write(&self.inner.cache));
        if let Some(outcome) = &written {
            self.note_cache_write(outcome);
        }
        match written {
            None => tracing::debug!("signed out during the write: the cache stays purged"),
            Some(Ok(())) => {}
            Some(Err(error)) => {
                tracing::warn!(%error, "the cache did not take a change the server made; fetching the lists again");
                self.refresh_in_background(account, org_id, changed);
            }
        }
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
                let network = ReadMode::Network;
                let outcome = match resource {
                    Resource::Orgs => core.orgs(&account, network).await.map(drop),
                    Resource::Members => core.members(&account, &org_id, network).await.map(drop),
                    Resource::MyScopes => {
                        core.my_scopes(&account, &org_id, network).await.map(drop)
                    }
                    Resource::Projects => core.projects(&account, &org_id, network).await.map(drop),
                    Resource::Tokens => core.tokens(&account, &org_id, network).await.map(drop),
                };
                if let Err(error) = outcome {
                    tracing::debug!(code = error.code(), ?resource, "background refetch failed");
                }
            });
        }
    }
}

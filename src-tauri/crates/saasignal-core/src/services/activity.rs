//! The local log of writes made from the app (never a secret: names and ids only).

use saasignal_model::{ActivityEntry, ActivityFilter, ActivityOutcome, Page, RowWindow};

use crate::accounts::AccountId;
use crate::core::Core;
use crate::error::CoreError;
use crate::events::Resource;

/// What a write was about, for its activity entry.
pub(crate) struct Write<'a> {
    pub action: &'static str,
    pub org_id: Option<&'a str>,
    pub target_id: Option<&'a str>,
    pub target_name: Option<&'a str>,
    /// Another id it concerned: for a roll, the key it replaces.
    pub related_id: Option<&'a str>,
}

impl Core {
    /// Ends every write the same way: logs it, refetches the `changed` lists when a
    /// failed write may have been made after all, and records what a failure says about
    /// the account (expired, offline). A write that succeeded announced its rows itself.
    pub(crate) fn finish_write<T>(
        &self,
        account: &AccountId,
        write: Write<'_>,
        changed: &[Resource],
        result: Result<T, CoreError>,
    ) -> Result<T, CoreError> {
        self.log_write(account, &write, &result);
        // The person is told it may have been made; the lists show whether it was.
        if let Err(error) = &result
            && error.change_may_have_happened()
        {
            self.refresh_in_background(account, write.org_id.unwrap_or_default(), changed);
        }
        result.map_err(|error| self.note_failure(account, error))
    }

    /// Logs `write` with how it ended; a failure to log never fails the write.
    fn log_write<T>(&self, account: &AccountId, write: &Write<'_>, result: &Result<T, CoreError>) {
        let entry = ActivityEntry {
            seq: 0,
            at: chrono::Utc::now(),
            action: write.action.to_owned(),
            org_id: write.org_id.map(str::to_owned),
            target_id: write.target_id.map(str::to_owned),
            target_name: write.target_name.map(str::to_owned),
            related_id: write.related_id.map(str::to_owned),
            outcome: match result {
                Ok(_) => ActivityOutcome::Ok,
                Err(error) => ActivityOutcome::Failed(error.code().as_str().to_owned()),
            },
        };
        if let Err(error) = self.inner.cache.record_activity(account.as_str(), &entry) {
            tracing::warn!(%error, action = write.action, "could not log a write");
        }
    }

    /// One window of the writes made from this app for `account` in `org_id`, newest
    /// first, filtered and searched in the cache. Never another account's.
    pub async fn activity_page(
        &self,
        account: &AccountId,
        org_id: &str,
        window: &RowWindow,
        filter: &ActivityFilter,
    ) -> Result<Page<ActivityEntry>, CoreError> {
        let cache = self.inner.cache.clone();
        let (id, org, window, filter) = (
            account.as_str().to_owned(),
            org_id.to_owned(),
            window.clone(),
            filter.clone(),
        );
        tokio::task::spawn_blocking(move || cache.activity_page(&id, &org, &window, &filter))
            .await
            .map_err(|_| CoreError::Interrupted)?
            .map_err(CoreError::from)
    }

    /// The actions logged for `account` in `org_id` (the Activity tab's filter).
    pub fn activity_actions(
        &self,
        account: &AccountId,
        org_id: &str,
    ) -> Result<Vec<String>, CoreError> {
        Ok(self
            .inner
            .cache
            .activity_actions(account.as_str(), org_id)?)
    }

    /// The most recent writes made from this app for `account`, newest first.
    pub fn recent_activity(
        &self,
        account: &AccountId,
        limit: usize,
    ) -> Result<Vec<ActivityEntry>, CoreError> {
        Ok(self.inner.cache.activity(account.as_str(), limit)?)
    }
}

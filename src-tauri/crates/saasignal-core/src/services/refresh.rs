//! Refreshing a whole account: its orgs, then each org's scopes, members, projects and
//! tokens, at most [`crate::CoreConfig::refresh_concurrency`] requests at a time.

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::accounts::AccountId;
use crate::core::Core;
use crate::error::CoreError;
use crate::events::{CoreEvent, SyncPhase};
use crate::loaded::ReadMode;

/// How a refresh went.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RefreshReport {
    pub orgs: usize,
    /// Lists brought up to date from the server.
    pub refreshed: usize,
    /// Lists this identity may not read (missing scope); skipped, not failed.
    pub not_permitted: usize,
    /// `true` when the server could not be reached and cached data stays in use.
    pub offline: bool,
    /// Set when the server asked to slow down (429): seconds until the app asks again.
    /// The rest of the refresh was not sent.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub rate_limited_for: Option<u64>,
}

#[derive(Clone, Copy)]
enum OrgList {
    MyScopes,
    Members,
    Projects,
    Tokens,
}

impl Core {
    /// Brings every cached list of `account` up to date.
    pub async fn refresh_account(&self, account: &AccountId) -> Result<RefreshReport, CoreError> {
        self.emit(CoreEvent::SyncStatus {
            account: account.clone(),
            phase: SyncPhase::Started,
            message: None,
        });
        let outcome = self.refresh_lists(account).await;
        let (phase, message) = match &outcome {
            Ok(report) if report.rate_limited_for.is_some() => (SyncPhase::SlowedDown, None),
            Ok(report) if report.offline => (SyncPhase::Offline, None),
            Ok(_) => (SyncPhase::Finished, None),
            Err(error) => (SyncPhase::Failed, Some(error.to_string())),
        };
        self.emit(CoreEvent::SyncStatus {
            account: account.clone(),
            phase,
            message,
        });
        outcome
    }

    async fn refresh_lists(&self, account: &AccountId) -> Result<RefreshReport, CoreError> {
        let orgs = self.orgs(account, ReadMode::Network).await?;
        let mut report = RefreshReport {
            orgs: orgs.data.len(),
            ..RefreshReport::default()
        };
        if orgs.stale {
            self.note_stale(account, &mut report);
            return Ok(report);
        }
        report.refreshed += 1;

        let permits = Arc::new(Semaphore::new(self.config().refresh_concurrency.max(1)));
        let mut jobs = JoinSet::new();
        for org in orgs.data {
            for list in [
                OrgList::MyScopes,
                OrgList::Members,
                OrgList::Projects,
                OrgList::Tokens,
            ] {
                let core = self.clone();
                let account = account.clone();
                let org_id = org.id.clone();
                let permits = Arc::clone(&permits);
                jobs.spawn(async move {
                    let _permit = permits.acquire_owned().await;
                    core.refresh_one(&account, &org_id, list).await
                });
            }
        }
        while let Some(joined) = jobs.join_next().await {
            match joined {
                Ok(Ok(true)) => report.refreshed += 1,
                Ok(Ok(false)) => self.note_stale(account, &mut report),
                Ok(Err(error)) if error.missing_scope().is_some() => report.not_permitted += 1,
                Ok(Err(error)) if matches!(error.code(), "forbidden" | "not_found") => {
                    report.not_permitted += 1
                }
                Ok(Err(error)) => return Err(error),
                Err(join_error) => tracing::error!(%join_error, "a refresh task failed"),
            }
        }
        Ok(report)
    }

    /// Why a list stayed cached: asked to slow down, or offline.
    fn note_stale(&self, account: &AccountId, report: &mut RefreshReport) {
        match self.slowed_down_for(account) {
            Some(wait) => {
                let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                report.rate_limited_for = Some(report.rate_limited_for.unwrap_or(0).max(seconds));
            }
            None => report.offline = true,
        }
    }

    /// `Ok(true)` when the list came from the server, `Ok(false)` when it stayed cached.
    async fn refresh_one(
        &self,
        account: &AccountId,
        org_id: &str,
        list: OrgList,
    ) -> Result<bool, CoreError> {
        let network = ReadMode::Network;
        let stale = match list {
            OrgList::MyScopes => self.my_scopes(account, org_id, network).await?.stale,
            OrgList::Members => self.members(account, org_id, network).await?.stale,
            OrgList::Projects => self.projects(account, org_id, network).await?.stale,
            OrgList::Tokens => self.tokens(account, org_id, network).await?.stale,
        };
        Ok(!stale)
    }
}

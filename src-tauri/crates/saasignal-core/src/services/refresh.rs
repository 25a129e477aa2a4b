//! Refreshing a whole account: its orgs, then each org's scopes, members, projects,
//! tokens and usage and billing overview, at most [`crate::CoreConfig::refresh_concurrency`] requests at a time.

use std::sync::Arc;

use saasignal_model::ErrorCode;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::accounts::AccountId;
use crate::core::Core;
use crate::error::{CoreError, ErrorReport};
use crate::events::{CoreEvent, Resource, SyncPhase};
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
    /// Why lists stayed cached (offline, slowed down), the first reason met.
    pub stale_reason: Option<ErrorReport>,
}

impl Core {
    /// Brings every cached list of `account` up to date.
    pub async fn refresh_account(&self, account: &AccountId) -> Result<RefreshReport, CoreError> {
        self.emit(CoreEvent::SyncStatus {
            account: account.clone(),
            phase: SyncPhase::Started,
            error: None,
        });
        let outcome = self.refresh_lists(account).await;
        let (phase, error) = match &outcome {
            Ok(report) if report.rate_limited_for.is_some() => {
                (SyncPhase::SlowedDown, report.stale_reason.clone())
            }
            Ok(report) if report.offline => (SyncPhase::Offline, report.stale_reason.clone()),
            Ok(_) => (SyncPhase::Finished, None),
            Err(error) => (SyncPhase::Failed, Some(ErrorReport::from(error))),
        };
        self.emit(CoreEvent::SyncStatus {
            account: account.clone(),
            phase,
            error,
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
            self.note_stale(account, &mut report, orgs.stale_reason);
            return Ok(report);
        }
        self.announce(account, Resource::Orgs, None);
        report.refreshed += 1;

        let limit = self.config().refresh_concurrency.max(1);
        let permits = Arc::new(Semaphore::new(limit));
        let mut jobs = JoinSet::new();
        for org in orgs.data {
            for list in [
                Resource::MyScopes,
                Resource::Members,
                Resource::Projects,
                Resource::Tokens,
                Resource::Billing,
            ] {
                let core = self.clone();
                let account = account.clone();
                let org_id = org.id.clone();
                let permits = Arc::clone(&permits);
                // The overview is six reads made together: it takes six places (or all).
                let places = if list == Resource::Billing {
                    limit.min(6)
                } else {
                    1
                };
                let places = u32::try_from(places).unwrap_or(1);
                jobs.spawn(async move {
                    let _permit = permits.acquire_many_owned(places).await;
                    core.refetch(&account, &org_id, list).await
                });
            }
        }
        while let Some(joined) = jobs.join_next().await {
            match joined {
                Ok(Ok(None)) => report.refreshed += 1,
                Ok(Ok(Some(reason))) => self.note_stale(account, &mut report, Some(reason)),
                Ok(Err(error))
                    if matches!(error.code(), ErrorCode::Forbidden | ErrorCode::NotFound) =>
                {
                    report.not_permitted += 1
                }
                Ok(Err(error)) => return Err(error),
                Err(join_error) => tracing::error!(%join_error, "a refresh task failed"),
            }
        }
        Ok(report)
    }

    /// Why a list stayed cached: asked to slow down, or offline.
    fn note_stale(
        &self,
        account: &AccountId,
        report: &mut RefreshReport,
        reason: Option<ErrorReport>,
    ) {
        match self.slowed_down_for(account) {
            Some(wait) => {
                let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                report.rate_limited_for = Some(report.rate_limited_for.unwrap_or(0).max(seconds));
            }
            None => report.offline = true,
        }
        if report.stale_reason.is_none() {
            report.stale_reason = reason;
        }
    }

    /// Reads one list from the server, nobody on screen having asked: when it lands,
    /// it is announced with `CacheUpdated` so an open screen reads the cache once.
    /// `Ok(None)` when it came from the server, `Ok(Some(why))` when it stayed cached.
    pub(crate) async fn refetch(
        &self,
        account: &AccountId,
        org_id: &str,
        list: Resource,
    ) -> Result<Option<ErrorReport>, CoreError> {
        let network = ReadMode::Network;
        let reason = match list {
            Resource::Orgs => self.orgs(account, network).await?.stale_reason,
            Resource::MyScopes => self.my_scopes(account, org_id, network).await?.stale_reason,
            Resource::Members => self.members(account, org_id, network).await?.stale_reason,
            Resource::Projects => self.projects(account, org_id, network).await?.stale_reason,
            Resource::Tokens => self.tokens(account, org_id, network).await?.stale_reason,
            Resource::Billing => {
                self.billing_overview(account, org_id, network)
                    .await?
                    .stale_reason
            }
        };
        if reason.is_none() {
            let org_id = (list != Resource::Orgs).then_some(org_id);
            self.announce(account, list, org_id);
        }
        Ok(reason)
    }

    /// Tells open screens that a list in the cache changed.
    pub(crate) fn announce(&self, account: &AccountId, resource: Resource, org_id: Option<&str>) {
        self.emit(CoreEvent::CacheUpdated {
            account: account.clone(),
            resource,
            org_id: org_id.map(str::to_owned),
        });
    }
}

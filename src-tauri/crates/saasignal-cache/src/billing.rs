//! The last usage and billing overview of each org, and each org's usage level.

use rusqlite::{OptionalExtension, params};
use saasignal_model::{BillingOverview, Subscription, Timestamp, UsageLevel};

use crate::sync::{self, Resource};
use crate::{Cache, CacheError, Cached, orgs};

impl Cache {
    /// The account's cached overview of the org: `None` when none was ever stored.
    pub fn billing_overview(
        &self,
        account: &str,
        org_id: &str,
    ) -> Result<Cached<Option<BillingOverview>>, CacheError> {
        self.read(|conn| {
            let stored: Option<String> = conn
                .prepare_cached(
                    "SELECT overview FROM billing_overviews WHERE account_id = ?1 AND org_id = ?2",
                )?
                .query_row(params![account, org_id], |row| row.get(0))
                .optional()?;
            let data = stored
                .map(|text| serde_json::from_str(&text))
                .transpose()
                .map_err(|error| CacheError::Corrupt {
                    detail: format!("billing overview: {error}"),
                })?;
            let synced_at = sync::synced_at(conn, account, Resource::Billing, org_id)?;
            Ok(Cached { data, synced_at })
        })
    }

    /// Stores the org's overview (the server's answer) and returns the sync time it
    /// recorded. Fails with [`CacheError::OrgNotCached`] when the org is not cached.
    pub fn replace_billing_overview(
        &self,
        account: &str,
        org_id: &str,
        overview: &BillingOverview,
    ) -> Result<Timestamp, CacheError> {
        let text = serde_json::to_string(overview).map_err(|error| CacheError::Corrupt {
            detail: format!("billing overview: {error}"),
        })?;
        self.write(|tx| {
            orgs::require_cached(tx, account, org_id)?;
            tx.prepare_cached(
                "INSERT INTO billing_overviews (account_id, org_id, overview, usage_percent)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (account_id, org_id) DO UPDATE SET overview = excluded.overview,
                     usage_percent = excluded.usage_percent",
            )?
            .execute(params![
                account,
                org_id,
                text,
                overview.dashboard.usage_percent
            ])?;
            sync::stamp(tx, account, Resource::Billing, org_id)
        })
    }

    /// Puts a new subscription into the org's cached overview (after the free-plan switch);
    /// the rest stays until the overview is read again. `false` when none is cached.
    pub fn update_billing_subscription(
        &self,
        account: &str,
        org_id: &str,
        subscription: &Subscription,
    ) -> Result<bool, CacheError> {
        let Some(mut overview) = self.billing_overview(account, org_id)?.data else {
            return Ok(false);
        };
        overview.subscription = subscription.clone();
        let text = serde_json::to_string(&overview).map_err(|error| CacheError::Corrupt {
            detail: format!("billing overview: {error}"),
        })?;
        self.write(|tx| {
            tx.prepare_cached(
                "UPDATE billing_overviews SET overview = ?3 WHERE account_id = ?1 AND org_id = ?2",
            )?
            .execute(params![account, org_id, text])?;
            Ok(true)
        })
    }

    /// How far into its included tokens each of the account's orgs was at its last
    /// read, for the orgs whose overview is cached.
    pub fn usage_levels(&self, account: &str) -> Result<Vec<UsageLevel>, CacheError> {
        self.read(|conn| {
            let levels = conn
                .prepare_cached(
                    "SELECT org_id, usage_percent FROM billing_overviews WHERE account_id = ?1
                     ORDER BY org_id",
                )?
                .query_map(params![account], |row| {
                    Ok(UsageLevel {
                        org_id: row.get(0)?,
                        usage_percent: row.get(1)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            Ok(levels)
        })
    }
}

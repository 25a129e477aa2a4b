//! Usage and billing: an org's overview (plan, balance, dashboard, daily usage and the
//! catalog), read through the cache like the org's lists; the switch to the free plan;
//! and each org's usage level for the sidebar's warning.

use saasignal_model::{BillingOverview, Subscription, UsageLevel};

use super::activity::Write;
use super::read_through::ReadTarget;
use crate::accounts::AccountId;
use crate::core::Core;
use crate::error::CoreError;
use crate::events::Resource;
use crate::loaded::{Loaded, ReadMode};

impl Core {
    /// The org's usage and billing overview. Its six reads go out together; any one
    /// refused (a missing `billing:read`) fails the whole, naming the scope.
    pub async fn billing_overview(
        &self,
        account: &AccountId,
        org_id: &str,
        mode: ReadMode,
    ) -> Result<Loaded<Option<BillingOverview>>, CoreError> {
        let target = ReadTarget {
            account,
            resource: Resource::Billing,
        };
        let (id, org) = (account.as_str().to_owned(), org_id.to_owned());
        self.read_through(
            target,
            mode,
            |cache| cache.billing_overview(account.as_str(), org_id),
            |connection| async move {
                let (client, credential) = (&connection.client, &connection.credential);
                let (subscription, balance, dashboard, usage, packages, bundles) = tokio::try_join!(
                    client.subscription(credential, org_id),
                    client.token_balance(credential, org_id),
                    client.usage_dashboard(credential, org_id),
                    client.token_usage(credential, org_id),
                    client.list_packages(credential),
                    client.list_topup_bundles(credential),
                )?;
                Ok(Some(BillingOverview {
                    subscription,
                    balance,
                    dashboard,
                    usage,
                    packages,
                    bundles,
                }))
            },
            move |cache, overview| match overview {
                Some(overview) => cache.replace_billing_overview(&id, &org, overview),
                None => Ok(chrono::Utc::now()),
            },
        )
        .await
    }

    /// Moves the org to the free plan (`*`). The overview is read again in the
    /// background and announced when it lands.
    pub async fn switch_to_free_plan(
        &self,
        account: &AccountId,
        org_id: &str,
    ) -> Result<Subscription, CoreError> {
        let result = async {
            let connection = self.connect(account).await?;
            let subscription = connection
                .client
                .switch_to_free_plan(&connection.credential, org_id)
                .await?;
            // Written as a write, so a read of the overview that started before the
            // switch is not cached over it; then the whole overview is read again.
            self.cache_after_write(&connection, org_id, &[Resource::Billing], |cache| {
                cache.update_billing_subscription(account.as_str(), org_id, &subscription)
            });
            self.refresh_in_background(account, org_id, &[Resource::Billing]);
            Ok(subscription)
        }
        .await;
        let plan = result
            .as_ref()
            .ok()
            .and_then(|subscription| subscription.package.as_ref())
            .map(|package| package.name.clone());
        let write = Write {
            action: "billing.free_plan",
            org_id: Some(org_id),
            target_id: Some(org_id),
            target_name: plan.as_deref(),
            related_id: None,
        };
        self.finish_write(account, write, &[Resource::Billing], result)
    }

    /// How far into its included tokens each org was at its last read (cached only).
    pub fn usage_levels(&self, account: &AccountId) -> Result<Vec<UsageLevel>, CoreError> {
        Ok(self.inner.cache.usage_levels(account.as_str())?)
    }
}

//! Usage and billing: the catalog (packages, top-up bundles), an org's subscription,
//! token balance, daily usage and usage dashboard, and the switch to the free plan.
//! The token endpoints always name the org in `?org_id=`: a session must, and for a key
//! it is its own org anyway.

use reqwest::Method;
use saasignal_contract::billing::USAGE_MAX_DAYS;
use saasignal_model::{
    Package, Subscription, TokenBalance, TokenUsage, TopupBundle, UsageDashboard,
};
use saasignal_secret::Secret;
use serde::de::DeserializeOwned;

use super::CORE;
use crate::client::PlatformClient;
use crate::error::ApiError;
use crate::requests::required_id;
use crate::retry::RequestKind;

const BILLING: &str = "billing";
const TOKENS: &str = "tokens";

impl PlatformClient {
    /// The subscription packages (`billing:read` for a key).
    pub async fn list_packages(&self, credential: &Secret) -> Result<Vec<Package>, ApiError> {
        self.transport
            .call(Method::GET, RequestKind::Read, &[CORE, BILLING, "packages"])
            .bearer(credential)
            .send()
            .await?
            .list()
    }

    /// The top-up bundles on sale (`billing:read` for a key).
    pub async fn list_topup_bundles(
        &self,
        credential: &Secret,
    ) -> Result<Vec<TopupBundle>, ApiError> {
        self.transport
            .call(
                Method::GET,
                RequestKind::Read,
                &[CORE, TOKENS, "topup-bundles"],
            )
            .bearer(credential)
            .send()
            .await?
            .list()
    }

    /// The org's active subscription (`billing:read`).
    pub async fn subscription(
        &self,
        credential: &Secret,
        org_id: &str,
    ) -> Result<Subscription, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        self.org_read(credential, &[CORE, BILLING, org_id, "subscription"], &[])
            .await
    }

    /// The org's usage dashboard (`billing:read`).
    pub async fn usage_dashboard(
        &self,
        credential: &Secret,
        org_id: &str,
    ) -> Result<UsageDashboard, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        self.org_read(credential, &[CORE, BILLING, org_id, "usage"], &[])
            .await
    }

    /// What is left of the org's tokens (`billing:read`).
    pub async fn token_balance(
        &self,
        credential: &Secret,
        org_id: &str,
    ) -> Result<TokenBalance, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        self.org_read(
            credential,
            &[CORE, TOKENS, "balance"],
            &[("org_id", org_id)],
        )
        .await
    }

    /// The org's daily token usage over the longest range the API keeps
    /// (`billing:read`).
    pub async fn token_usage(
        &self,
        credential: &Secret,
        org_id: &str,
    ) -> Result<TokenUsage, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        let days = USAGE_MAX_DAYS.to_string();
        let query = [("org_id", org_id), ("days", days.as_str())];
        self.org_read(credential, &[CORE, TOKENS, "usage"], &query)
            .await
    }

    /// One org's billing read: a 404 names the organization.
    async fn org_read<T: DeserializeOwned>(
        &self,
        credential: &Secret,
        path: &[&str],
        query: &[(&str, &str)],
    ) -> Result<T, ApiError> {
        let mut call = self
            .transport
            .call(Method::GET, RequestKind::Read, path)
            .bearer(credential)
            .resource("Organization");
        for (name, value) in query {
            call = call.query(name, Some(value));
        }
        call.send().await?.single()
    }

    /// Moves the org to the free plan (`*`) and returns the new subscription. Asking
    /// twice is harmless (the second answers the same plan), so it may be retried.
    pub async fn switch_to_free_plan(
        &self,
        credential: &Secret,
        org_id: &str,
    ) -> Result<Subscription, ApiError> {
        let org_id = required_id("org_id", org_id)?;
        self.transport
            .call(
                Method::POST,
                RequestKind::Change,
                &[CORE, BILLING, org_id, "free-plan"],
            )
            .bearer(credential)
            .resource("Organization")
            .send()
            .await?
            .single()
    }
}

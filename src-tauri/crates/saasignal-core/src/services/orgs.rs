//! Organizations: list, create, rename or re-slug, delete.

use saasignal_cache::Cached;
use saasignal_client::{NewOrg, OrgPatch};
use saasignal_model::Org;

use super::activity::Write;
use super::read_through::ReadTarget;
use crate::accounts::{AccountId, AccountKind};
use crate::core::Core;
use crate::error::CoreError;
use crate::events::{ChangedRows, Resource, RowChange};
use crate::loaded::{Loaded, ReadMode};

impl Core {
    /// The orgs this account can see. An API key sees only its own org.
    pub async fn orgs(
        &self,
        account: &AccountId,
        mode: ReadMode,
    ) -> Result<Loaded<Vec<Org>>, CoreError> {
        let target = ReadTarget {
            account,
            resource: Resource::Orgs,
        };
        let id = account.as_str().to_owned();
        self.read_through(
            target,
            mode,
            |cache| cache.orgs(account.as_str()),
            |connection| async move {
                match (connection.account.kind, &connection.account.api_key_reach) {
                    // The org list needs a session; a key reads the one org it belongs to.
                    (AccountKind::ApiKey, Some(reach)) => {
                        match connection
                            .client
                            .get_org(&connection.credential, &reach.org_id)
                            .await
                        {
                            Ok(org) => Ok(vec![org]),
                            // A key without orgs:read still works inside its org: list it
                            // under its id so its projects and tokens stay reachable.
                            Err(error) if error.missing_scope().is_some() => Ok(vec![Org {
                                id: reach.org_id.clone(),
                                name: reach.org_id.clone(),
                                slug: String::new(),
                                created_at: None,
                            }]),
                            Err(error) => Err(error),
                        }
                    }
                    _ => connection.client.list_orgs(&connection.credential).await,
                }
            },
            move |cache, orgs| cache.replace_orgs(&id, orgs),
        )
        .await
    }

    pub async fn create_org(&self, account: &AccountId, org: NewOrg) -> Result<Org, CoreError> {
        let result = async {
            let connection = self.connect(account).await?;
            if connection.account.kind == AccountKind::ApiKey {
                return Err(CoreError::NotForThisAccount(
                    "Creating an organization needs a signed-in user, not an API key.".into(),
                ));
            }
            let created = connection
                .client
                .create_org(&connection.credential, &org)
                .await?;
            self.cache_after_write(&connection, &created.id, &[Resource::Orgs], |cache| {
                cache.upsert_org(account.as_str(), &created)
            });
            self.rows_changed(
                account,
                None,
                ChangedRows::Orgs(RowChange::upsert(created.clone())),
            );
            Ok(created)
        }
        .await;
        let created_id = result.as_ref().ok().map(|created| created.id.clone());
        let write = Write {
            action: "org.create",
            org_id: created_id.as_deref(),
            target_id: None,
            target_name: Some(&org.name),
            related_id: None,
        };
        self.finish_write(account, write, &[Resource::Orgs], result)
    }

    pub async fn update_org(
        &self,
        account: &AccountId,
        org_id: &str,
        patch: OrgPatch,
    ) -> Result<Org, CoreError> {
        let result = async {
            let connection = self.connect(account).await?;
            let updated = connection
                .client
                .update_org(&connection.credential, org_id, &patch)
                .await?;
            self.cache_after_write(&connection, org_id, &[Resource::Orgs], |cache| {
                cache.upsert_org(account.as_str(), &updated)
            });
            self.rows_changed(
                account,
                None,
                ChangedRows::Orgs(RowChange::upsert(updated.clone())),
            );
            Ok(updated)
        }
        .await;
        let name = result.as_ref().ok().map(|org| org.name.clone());
        let write = Write {
            action: "org.update",
            org_id: Some(org_id),
            target_id: Some(org_id),
            target_name: name.as_deref(),
            related_id: None,
        };
        self.finish_write(account, write, &[Resource::Orgs], result)
    }

    /// Deletes the org; `confirm_name` must be its name exactly (checked before sending).
    pub async fn delete_org(
        &self,
        account: &AccountId,
        org_id: &str,
        confirm_name: &str,
    ) -> Result<(), CoreError> {
        let known_name = self.cached_org(account, org_id)?.map(|org| org.name);
        let result = async {
            let connection = self.connect(account).await?;
            connection
                .client
                .delete_org(
                    &connection.credential,
                    org_id,
                    confirm_name,
                    known_name.as_deref(),
                )
                .await?;
            self.cache_after_write(&connection, org_id, &[Resource::Orgs], |cache| {
                cache.remove_org(account.as_str(), org_id)
            });
            self.rows_changed(account, None, ChangedRows::Orgs(RowChange::remove(org_id)));
            Ok(())
        }
        .await;
        let write = Write {
            action: "org.delete",
            org_id: Some(org_id),
            target_id: Some(org_id),
            target_name: Some(confirm_name),
            related_id: None,
        };
        self.finish_write(account, write, &[Resource::Orgs], result)
    }

    /// The cached org, if this account has it.
    pub fn cached_org(&self, account: &AccountId, org_id: &str) -> Result<Option<Org>, CoreError> {
        let Cached { data, .. } = self.inner.cache.orgs(account.as_str())?;
        Ok(data.into_iter().find(|org| org.id == org_id))
    }
}

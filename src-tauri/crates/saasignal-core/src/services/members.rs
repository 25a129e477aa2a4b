//! Members of an org and their scopes, and the current identity's own scopes.

use saasignal_client::{ApiError, InviteStatus, NewInvite};
use saasignal_model::{Member, Page, RowWindow};

use super::activity::Write;
use super::read_through::ReadTarget;
use crate::accounts::{AccountId, AccountKind};
use crate::core::Core;
use crate::error::CoreError;
use crate::events::{ChangedRows, Resource, RowChange};
use crate::loaded::{Loaded, ReadMode};

impl Core {
    pub async fn members(
        &self,
        account: &AccountId,
        org_id: &str,
        mode: ReadMode,
    ) -> Result<Loaded<Vec<Member>>, CoreError> {
        let target = ReadTarget {
            account,
            resource: Resource::Members,
        };
        let (id, org) = (account.as_str().to_owned(), org_id.to_owned());
        self.read_through(
            target,
            mode,
            |cache| cache.members(account.as_str(), org_id),
            |connection| async move {
                connection
                    .client
                    .list_members(&connection.credential, org_id)
                    .await
            },
            move |cache, members| cache.replace_members(&id, &org, members),
        )
        .await
    }

    /// One window of the org's members for the Members table, searched and ordered in
    /// the cache: the signed-in person (a session account's email) first, then the
    /// owners, then by name. With [`ReadMode::Network`] the list is first fetched and
    /// cached whole (as [`Core::members`] does).
    pub async fn member_page(
        &self,
        account: &AccountId,
        org_id: &str,
        window: &RowWindow,
        mode: ReadMode,
    ) -> Result<Loaded<Page<Member>>, CoreError> {
        let fetched = match mode {
            ReadMode::CacheOnly => None,
            ReadMode::Network => Some(self.members(account, org_id, mode).await?),
        };
        let me = self
            .accounts()
            .accounts
            .into_iter()
            .find(|known| &known.id == account && known.kind == AccountKind::Session)
            .map(|known| known.identity);
        let (id, org, window) = (
            account.as_str().to_owned(),
            org_id.to_owned(),
            window.clone(),
        );
        self.cached_window(fetched, "members", move |cache| {
            cache.member_page(&id, &org, &window, me.as_deref())
        })
        .await
    }

    /// What the current identity may do in `org_id`: a user's member scopes, or the API
    /// key's own. `None` in the data when never learnt (offline since the start).
    pub async fn my_scopes(
        &self,
        account: &AccountId,
        org_id: &str,
        mode: ReadMode,
    ) -> Result<Loaded<Option<Vec<String>>>, CoreError> {
        let target = ReadTarget {
            account,
            resource: Resource::MyScopes,
        };
        let (id, org) = (account.as_str().to_owned(), org_id.to_owned());
        self.read_through(
            target,
            mode,
            |cache| cache.my_scopes(account.as_str(), org_id),
            |connection| async move {
                let asked = connection
                    .client
                    .my_scopes(&connection.credential, org_id)
                    .await;
                match (
                    asked,
                    connection.account.kind,
                    &connection.account.api_key_reach,
                ) {
                    // A key without orgs:read may not ask; it knows its scopes from when it
                    // was added. Any other failure (401, a timeout, a 5xx) is reported as
                    // such, never answered with old scopes as if fresh.
                    (Err(ApiError::Forbidden { .. }), AccountKind::ApiKey, Some(reach)) => {
                        Ok(Some(reach.scopes.clone()))
                    }
                    (asked, _, _) => asked.map(Some),
                }
            },
            move |cache, scopes| {
                cache.replace_my_scopes(&id, &org, scopes.as_deref().unwrap_or(&[]))
            },
        )
        .await
    }

    pub async fn invite_member(
        &self,
        account: &AccountId,
        org_id: &str,
        invite: NewInvite,
    ) -> Result<InviteStatus, CoreError> {
        let result = async {
            self.check_grantable(account, org_id, &invite.scopes)?;
            let connection = self.connect(account).await?;
            Ok(connection
                .client
                .invite_member(&connection.credential, org_id, &invite)
                .await?)
        }
        .await;
        if result.is_ok() {
            self.remember_invite(account, org_id, &invite);
            // A known email joins at once: bring the member list up to date (announced
            // when it lands, so the open list reads it once).
            let _ = self.refetch(account, org_id, Resource::Members).await;
        }
        let write = Write {
            action: "member.invite",
            org_id: Some(org_id),
            target_id: None,
            target_name: Some(&invite.email),
            related_id: None,
        };
        self.finish_write(account, write, &[Resource::Members], result)
    }

    /// Replaces a member's scopes (the owner's cannot be changed).
    pub async fn update_member_scopes(
        &self,
        account: &AccountId,
        org_id: &str,
        user_id: &str,
        scopes: Vec<String>,
    ) -> Result<(), CoreError> {
        let result = async {
            self.check_not_self(account, org_id, user_id)?;
            self.check_grantable(account, org_id, &scopes)?;
            let connection = self.connect(account).await?;
            let updated = connection
                .client
                .update_member_scopes(&connection.credential, org_id, user_id, &scopes)
                .await?;
            let from_server = updated.clone();
            let cached =
                self.cache_after_write(&connection, org_id, &[Resource::Members], |cache| {
                    let member = match updated {
                        Some(member) => Some(member),
                        None => cache
                            .members(account.as_str(), org_id)?
                            .data
                            .into_iter()
                            .find(|m| m.user_id == user_id)
                            .map(|mut member| {
                                member.scopes = scopes.clone();
                                member
                            }),
                    };
                    if let Some(member) = &member {
                        cache.upsert_member(account.as_str(), org_id, member)?;
                    }
                    Ok(member)
                });
            match cached.flatten().or(from_server) {
                Some(member) => {
                    let rows = ChangedRows::Members(RowChange::upsert(member));
                    self.rows_changed(account, Some(org_id), rows);
                }
                None => self.refresh_in_background(account, org_id, &[Resource::Members]),
            }
            Ok(())
        }
        .await;
        let write = Write {
            action: "member.update_scopes",
            org_id: Some(org_id),
            target_id: Some(user_id),
            target_name: None,
            related_id: None,
        };
        self.finish_write(account, write, &[Resource::Members], result)
    }

    pub async fn remove_member(
        &self,
        account: &AccountId,
        org_id: &str,
        user_id: &str,
    ) -> Result<(), CoreError> {
        let result = async {
            let connection = self.connect(account).await?;
            connection
                .client
                .remove_member(&connection.credential, org_id, user_id)
                .await?;
            self.cache_after_write(&connection, org_id, &[Resource::Members], |cache| {
                cache.remove_member(account.as_str(), org_id, user_id)
            });
            let rows = ChangedRows::Members(RowChange::remove(user_id));
            self.rows_changed(account, Some(org_id), rows);
            Ok(())
        }
        .await;
        let write = Write {
            action: "member.remove",
            org_id: Some(org_id),
            target_id: Some(user_id),
            target_name: None,
            related_id: None,
        };
        self.finish_write(account, write, &[Resource::Members], result)
    }
}

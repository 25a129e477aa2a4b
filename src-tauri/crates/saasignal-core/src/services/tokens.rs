//! API tokens: list, create (the secret is held for its one showing), revoke.

use saasignal_client::NewToken;
use saasignal_model::{KeyHealth, Minted, Page, RowWindow, Token, TokenFilter};
use saasignal_secret::Secret;

use super::activity::Write;
use super::read_through::ReadTarget;
use crate::accounts::AccountId;
use crate::clipboard::CopyReceipt;
use crate::copy_once::{HOLD_LIMIT, Hold, RevealHandle};
use crate::core::Core;
use crate::error::CoreError;
use crate::events::{ChangedRows, Resource, RowChange};
use crate::loaded::{Loaded, ReadMode};

impl Core {
    /// Every token of the org (the UI filters by project, status and text).
    pub async fn tokens(
        &self,
        account: &AccountId,
        org_id: &str,
        mode: ReadMode,
    ) -> Result<Loaded<Vec<Token>>, CoreError> {
        let target = ReadTarget {
            account,
            resource: Resource::Tokens,
        };
        let (id, org) = (account.as_str().to_owned(), org_id.to_owned());
        let loaded = self
            .read_through(
                target,
                mode,
                |cache| cache.tokens(account.as_str(), org_id),
                |connection| async move {
                    connection
                        .client
                        .list_tokens(&connection.credential, org_id, None)
                        .await
                },
                move |cache, tokens| cache.replace_tokens(&id, &org, tokens),
            )
            .await?;
        if !loaded.stale {
            self.match_unshown_keys(account, org_id, &loaded.data);
        }
        Ok(loaded)
    }

    /// One window of the org's keys for the Tokens table, filtered, searched and ordered
    /// in the cache, statuses judged against the clock now. With [`ReadMode::Network`]
    /// the list is first fetched and cached whole (as [`Core::tokens`] does).
    pub async fn token_page(
        &self,
        account: &AccountId,
        org_id: &str,
        window: &RowWindow,
        filter: &TokenFilter,
        mode: ReadMode,
    ) -> Result<Loaded<Page<Token>>, CoreError> {
        let fetched = match mode {
            ReadMode::CacheOnly => None,
            ReadMode::Network => Some(self.tokens(account, org_id, mode).await?),
        };
        let (id, org, window, filter) = (
            account.as_str().to_owned(),
            org_id.to_owned(),
            window.clone(),
            filter.clone(),
        );
        let judge = self.key_judge();
        self.cached_window(fetched, "keys", move |cache| {
            cache.token_page(&id, &org, &window, &filter, judge)
        })
        .await
    }

    /// How many of the org's unrevoked keys need attention, per concern, from the cache
    /// (the Tokens table's window keeps it current), judged against the clock now.
    pub async fn key_health(
        &self,
        account: &AccountId,
        org_id: &str,
    ) -> Result<KeyHealth, CoreError> {
        let cache = self.inner.cache.clone();
        let (id, org) = (account.as_str().to_owned(), org_id.to_owned());
        let judge = self.key_judge();
        let counts = tokio::task::spawn_blocking(move || cache.key_health(&id, &org, judge))
            .await
            .map_err(|_| CoreError::Interrupted)??;
        Ok(KeyHealth {
            thresholds: judge.thresholds,
            concerns: counts,
        })
    }

    /// Creates a token. Its secret is not returned: it waits in memory under the
    /// returned handle for [`Core::reveal_secret`] / [`Core::copy_secret`] until
    /// [`Core::discard_secret`] or 5 minutes.
    ///
    /// Once the server has created the key, nothing local can fail the call: the secret
    /// is held first, and the cache follows if it can.
    pub async fn create_token(
        &self,
        account: &AccountId,
        org_id: &str,
        token: NewToken,
    ) -> Result<Minted<Token, RevealHandle>, CoreError> {
        self.mint_token(account, org_id, token, None).await
    }

    /// Creates a key as [`Core::create_token`] says; with `replaces`, as the replacement
    /// of that key in a roll, which is recorded (unfinished until the old key is revoked)
    /// and logged with both ids.
    pub(crate) async fn mint_token(
        &self,
        account: &AccountId,
        org_id: &str,
        token: NewToken,
        replaces: Option<&str>,
    ) -> Result<Minted<Token, RevealHandle>, CoreError> {
        let result = async {
            self.check_grantable(account, org_id, &token.scopes)?;
            let connection = self.connect(account).await?;
            let record = self.begin_reveal_record(account, org_id, &token.name);
            let created = match connection
                .client
                .create_token(&connection.credential, org_id, &token)
                .await
            {
                Ok(created) => created,
                Err(error) => {
                    let error = CoreError::from(error);
                    if let Some(record) = record {
                        if error.change_may_have_happened() {
                            // The list is fetched again by `finish_write`; the record
                            // finds its key there.
                            self.report_unanswered_create(record);
                        } else {
                            self.end_reveal_record(record);
                        }
                    }
                    return Err(error);
                }
            };
            let reveal = self.inner.pending.hold(Hold {
                secret: created.secret,
                account: account.clone(),
                reveal_record: record,
                key: Some(created.item.clone()),
                limit: HOLD_LIMIT,
            });
            if let Some(record) = record
                && !created.item.id.is_empty()
            {
                self.note_revealed_key_id(record, &created.item.id);
            }
            if created.item.id.is_empty() {
                self.refresh_in_background(account, org_id, &[Resource::Tokens]);
            } else {
                self.cache_after_write(&connection, org_id, &[Resource::Tokens], |cache| {
                    cache.upsert_token(account.as_str(), org_id, &created.item)
                });
                if let Some(old_id) = replaces {
                    let now = chrono::Utc::now();
                    self.cache_after_write(&connection, org_id, &[Resource::Tokens], |cache| {
                        cache.begin_roll(account.as_str(), org_id, old_id, &created.item.id, &now)
                    });
                }
                let rows = ChangedRows::Tokens(RowChange::upsert(created.item.clone()));
                self.rows_changed(account, Some(org_id), rows);
            }
            Ok(Minted {
                item: created.item,
                secret: reveal,
            })
        }
        .await;
        let target_id = result.as_ref().ok().map(|c| c.item.id.clone());
        let write = Write {
            action: if replaces.is_some() {
                "token.roll"
            } else {
                "token.create"
            },
            org_id: Some(org_id),
            target_id: target_id.as_deref(),
            target_name: Some(&token.name),
            related_id: replaces,
        };
        self.finish_write(account, write, &[Resource::Tokens], result)
    }

    /// The held secret, to show in the dialog.
    pub fn reveal_secret(&self, handle: &RevealHandle) -> Result<Secret, CoreError> {
        Ok(self.inner.pending.with_secret(handle, Secret::clone)?)
    }

    /// Copies the held secret to the clipboard (cleared after 30 s if unchanged).
    pub fn copy_secret(&self, handle: &RevealHandle) -> Result<CopyReceipt, CoreError> {
        let clipboard = self.inner.clipboard.as_ref().ok_or_else(|| {
            crate::clipboard::ClipboardError::Unavailable("no clipboard on this system".into())
        })?;
        Ok(self
            .inner
            .pending
            .with_secret(handle, |secret| clipboard.copy(secret))??)
    }

    /// The dialog closed: the secret is forgotten now, and its key is no longer one
    /// whose secret may not have been shown.
    pub fn discard_secret(&self, handle: &RevealHandle) {
        if let Some(record) = self.inner.pending.discard(handle) {
            self.end_reveal_record(record);
        }
        self.withdraw_gone_secret_offers();
    }

    /// On quit: forget every held secret and clear a copied one from the clipboard. An
    /// open dialog closes with the app, as if closed by the person.
    pub fn forget_secrets(&self) {
        for record in self.inner.pending.discard_all() {
            self.end_reveal_record(record);
        }
        self.clear_clipboard_now();
    }

    /// Clears a secret this app copied, if the clipboard still holds it (on quit, and
    /// from the panic hook).
    pub fn clear_clipboard_now(&self) {
        if let Some(clipboard) = &self.inner.clipboard {
            clipboard.clear_now();
        }
    }

    pub async fn revoke_token(
        &self,
        account: &AccountId,
        org_id: &str,
        token_id: &str,
    ) -> Result<(), CoreError> {
        let result = async {
            let connection = self.connect(account).await?;
            connection
                .client
                .revoke_token(&connection.credential, org_id, token_id)
                .await?;
            let revoked =
                self.cache_after_write(&connection, org_id, &[Resource::Tokens], |cache| {
                    cache.mark_token_revoked(account.as_str(), org_id, token_id)
                });
            match revoked {
                Some(Some(token)) => {
                    let rows = ChangedRows::Tokens(RowChange::upsert(token));
                    self.rows_changed(account, Some(org_id), rows);
                }
                // Not cached: the list is fetched again to show it revoked.
                Some(None) => self.refresh_in_background(account, org_id, &[Resource::Tokens]),
                // The cache failed: `cache_after_write` is fetching the list again.
                None => {}
            }
            Ok(())
        }
        .await;
        if let Err(error) = &result {
            self.note_roll_revoke_failed(account, org_id, token_id, error);
        }
        let write = Write {
            action: "token.revoke",
            org_id: Some(org_id),
            target_id: Some(token_id),
            target_name: None,
            related_id: None,
        };
        self.finish_write(account, write, &[Resource::Tokens], result)
    }
}

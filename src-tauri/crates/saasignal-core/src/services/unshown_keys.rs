//! Keys whose secret nobody got. A record is written just before a key is created and
//! closed when its copy-once dialog closes. A record still open at the next start means
//! the app stopped in between; an answer that never arrived (the connection broke, the
//! answer did not read) leaves one too. Either way the person is told, and offered to
//! revoke the key: a key whose secret nobody holds is only a risk.

use saasignal_cache::PendingReveal;
use saasignal_model::Token;

use crate::accounts::AccountId;
use crate::core::Core;
use crate::error::CoreError;
use crate::notices::{Notice, NoticeAction, Severity};

const PREFIX: &str = "unshown-key:";

/// How far before the request a key's `created_at` may be and still be that key (clocks
/// of the server and this computer differ).
const CLOCK_SLACK: chrono::Duration = chrono::Duration::minutes(5);

impl Core {
    /// Opens a record for a key about to be created (best effort: no record, no notice).
    pub(crate) fn begin_reveal_record(
        &self,
        account: &AccountId,
        org_id: &str,
        name: &str,
    ) -> Option<i64> {
        self.inner
            .cache
            .begin_reveal(account.as_str(), org_id, name, &chrono::Utc::now())
            .map_err(|error| tracing::warn!(%error, "no record of the key being created"))
            .ok()
    }

    /// The server created the key: its id goes into the record.
    pub(crate) fn note_revealed_key_id(&self, record: i64, token_id: &str) {
        if let Err(error) = self.inner.cache.reveal_created(record, token_id) {
            tracing::warn!(%error, "the key's id could not be recorded");
        }
    }

    /// The secret was shown (or the person closed its dialog), or the create failed.
    pub(crate) fn end_reveal_record(&self, record: i64) {
        if let Err(error) = self.inner.cache.end_reveal(record) {
            tracing::warn!(%error, "the key's record could not be closed");
        }
        self.clear_notice(&notice_id(record));
    }

    /// The create's answer never arrived whole: the key may exist with nobody holding
    /// its secret. Said now; resolved to the key once the token list shows it.
    pub(crate) fn report_unanswered_create(&self, record: i64) {
        if let Some(pending) = self.pending_reveal(record) {
            self.post_notice(self.unshown_key_notice(&pending));
        }
    }

    /// At start: every record left open is a key whose secret was never shown.
    pub(crate) fn post_unshown_key_notices(&self) {
        match self.inner.cache.pending_reveals() {
            Ok(pending) => {
                for reveal in pending {
                    self.post_notice(self.unshown_key_notice(&reveal));
                }
            }
            Err(error) => tracing::warn!(%error, "keys being created could not be read"),
        }
    }

    /// A token list just came from the server: records without an id find their key
    /// (same name, created since the request, not revoked).
    pub(crate) fn match_unshown_keys(&self, account: &AccountId, org_id: &str, tokens: &[Token]) {
        let Ok(pending) = self.inner.cache.pending_reveals() else {
            return;
        };
        for reveal in pending.into_iter().filter(|r| {
            r.key_id.is_none() && r.account_id == account.as_str() && r.org_id == org_id
        }) {
            let found = tokens
                .iter()
                .filter(|token| {
                    token.name == reveal.key_name
                        && !token.revoked
                        && token
                            .created_at
                            .is_some_and(|at| at >= reveal.started_at - CLOCK_SLACK)
                })
                .max_by_key(|token| token.created_at);
            match found {
                Some(token) => {
                    self.note_revealed_key_id(reveal.seq, &token.id);
                    if let Some(updated) = self.pending_reveal(reveal.seq) {
                        self.post_notice(self.unshown_key_notice(&updated));
                    }
                }
                // Listed and not there: it was never created.
                None if self.is_notice_posted(&notice_id(reveal.seq)) => {
                    self.end_reveal_record(reveal.seq);
                }
                None => {}
            }
        }
    }

    /// The notice's Revoke: revokes the key nobody holds, then forgets the record.
    pub async fn revoke_unshown_key(&self, notice: &str) -> Result<(), CoreError> {
        let record = record_of(notice).ok_or(CoreError::UnknownNotice)?;
        let pending = self
            .pending_reveal(record)
            .ok_or(CoreError::UnknownNotice)?;
        let token_id = pending.key_id.clone().ok_or(CoreError::UnknownNotice)?;
        let account = AccountId::from(pending.account_id.clone());
        self.revoke_token(&account, &pending.org_id, &token_id)
            .await?;
        self.end_reveal_record(record);
        Ok(())
    }

    /// Dismiss: the notice goes, and with it the record of a key nobody holds.
    /// Dismissing the offer of a secret still held forgets the secret.
    pub fn dismiss_notice(&self, notice: &str) {
        if let Some(record) = record_of(notice) {
            self.end_reveal_record(record);
        }
        if let Some(handle) = super::reloaded_page::offered_secret(notice) {
            self.discard_secret(&handle);
        }
        self.clear_notice(notice);
    }

    fn pending_reveal(&self, record: i64) -> Option<PendingReveal> {
        self.inner
            .cache
            .pending_reveals()
            .ok()?
            .into_iter()
            .find(|reveal| reveal.seq == record)
    }

    fn is_notice_posted(&self, id: &str) -> bool {
        self.notices().iter().any(|notice| notice.id == id)
    }

    fn unshown_key_notice(&self, reveal: &PendingReveal) -> Notice {
        let account = self
            .inner
            .accounts
            .get(&AccountId::from(reveal.account_id.clone()))
            .map(|account| account.label)
            .unwrap_or_else(|_| reveal.account_id.clone());
        let name = &reveal.key_name;
        match &reveal.key_id {
            Some(token_id) => Notice {
                id: notice_id(reveal.seq),
                severity: Severity::Warning,
                title: format!("Nobody has the secret of “{name}”"),
                message: format!(
                    "The key “{name}” ({token_id}) was created in {account}, but its secret never reached you: the app stopped, or the answer was lost, before it could be shown. It cannot be shown again. Revoke the key and create a new one."
                ),
                path: None,
                action: NoticeAction::RevokeKey {
                    account: AccountId::from(reveal.account_id.clone()),
                    org_id: reveal.org_id.clone(),
                    token_id: token_id.clone(),
                },
                dismissible: true,
            },
            None => Notice {
                id: notice_id(reveal.seq),
                severity: Severity::Warning,
                title: format!("“{name}” may have been created"),
                message: format!(
                    "The key “{name}” was being created in {account} when the answer was lost or the app stopped. If the server created it, nobody has its secret. Refresh: once it is listed, you can revoke it from here."
                ),
                path: None,
                action: NoticeAction::None,
                dismissible: true,
            },
        }
    }
}

fn notice_id(record: i64) -> String {
    format!("{PREFIX}{record}")
}

fn record_of(notice: &str) -> Option<i64> {
    notice.strip_prefix(PREFIX)?.parse().ok()
}

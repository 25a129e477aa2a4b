//! The keychain as the core uses it. A call may wait on the person (an unlock prompt),
//! so the vault gives it two minutes; after [`WAIT_NOTICE_AFTER`] the window is told
//! that the keychain is waiting for them. At start, entries no account owns any more
//! (a sign-in stopped half-way, a delete that failed) are removed.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};

use std::time::Duration;

use saasignal_vault::{SelfCheck, VaultError};

use crate::accounts::AccountId;
use crate::core::Core;
use crate::events::CoreEvent;
use crate::notices::{Notice, NoticeAction, Severity};

/// How long a keychain call runs before the person is told it is waiting for them.
pub const WAIT_NOTICE_AFTER: Duration = Duration::from_secs(2);

const LEFTOVER_NOTICE: &str = "keychain-leftovers";

/// How many keychain calls are waiting past the notice delay.
#[derive(Default)]
pub(crate) struct KeychainWaits(AtomicUsize);

/// Ends one wait when dropped, also when the call is abandoned.
struct Waiting<'a>(&'a Core);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        if self.0.inner.keychain_waits.0.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.emit(CoreEvent::KeychainWaiting { waiting: false });
        }
    }
}

impl Core {
    /// Runs a keychain call; if it takes longer than [`WAIT_NOTICE_AFTER`], the window
    /// hears `KeychainWaiting` until it ends.
    pub(crate) async fn keychain<T>(
        &self,
        call: impl Future<Output = Result<T, VaultError>>,
    ) -> Result<T, VaultError> {
        let call = std::pin::pin!(call);
        let mut call = call;
        tokio::select! {
            answer = &mut call => answer,
            () = tokio::time::sleep(WAIT_NOTICE_AFTER) => {
                if self.inner.keychain_waits.0.fetch_add(1, Ordering::SeqCst) == 0 {
                    self.emit(CoreEvent::KeychainWaiting { waiting: true });
                }
                let _waiting = Waiting(self);
                call.await
            }
        }
    }

    /// Proves the keychain keeps what it is given (at start, and on Retry).
    pub async fn check_keychain(&self) -> Result<SelfCheck, VaultError> {
        self.keychain(self.inner.vault.self_check()).await
    }

    /// Deletes keychain entries no account owns: those of signed-out or removed accounts
    /// whose delete failed, and, when the account list is known to be whole, any other
    /// entry of this app (left by a sign-in that stopped between the keychain and the
    /// settings). Run once at start, after the self-check.
    pub async fn sweep_keychain(&self) {
        let file = self.inner.accounts.snapshot();
        let mut failures = Vec::new();
        let mut swept = Vec::new();
        for account in &file.pending_keychain_deletes {
            match self
                .keychain(self.inner.vault.delete(account.as_str()))
                .await
            {
                Ok(_) => swept.push(account.clone()),
                Err(error) => failures.push(error),
            }
        }
        if !swept.is_empty()
            && let Err(error) = self.inner.accounts.change(|file| {
                file.pending_keychain_deletes
                    .retain(|id| !swept.contains(id));
                Ok(())
            })
        {
            tracing::warn!(%error, "the keychain clean-up could not be recorded");
        }
        if self.inner.accounts.list_is_complete() {
            match self.keychain(self.inner.vault.stored_accounts()).await {
                Ok(stored) => {
                    for id in stored {
                        let owned = file.accounts.iter().any(|a| a.id.as_str() == id);
                        if owned {
                            continue;
                        }
                        tracing::info!(account = %id, "deleting a keychain entry no account owns");
                        if let Err(error) = self.keychain(self.inner.vault.delete(&id)).await {
                            failures.push(error);
                        }
                    }
                }
                Err(error) => {
                    tracing::info!(code = error.code().as_str(), %error, "the keychain cannot list its entries; only recorded leftovers are removed");
                }
            }
        } else {
            tracing::warn!("the account list is not complete: keychain entries are left alone");
        }
        match failures.first() {
            None => self.clear_notice(LEFTOVER_NOTICE),
            Some(error) => self.post_notice(Notice {
                id: LEFTOVER_NOTICE.into(),
                severity: Severity::Warning,
                title: "Old credentials are still in the keychain".into(),
                message: format!(
                    "The credentials of {} signed-out or removed account(s) could not be deleted from the keychain: {error} The app tries again at every start; you can also delete the entries named “{}” in your keychain yourself.",
                    failures.len(),
                    saasignal_vault::APP_SERVICE
                ),
                path: None,
                action: NoticeAction::None,
                dismissible: true,
            }),
        }
    }

    /// Deletes the account's keychain entry now if the keychain lets it; otherwise it
    /// stays recorded for [`Core::sweep_keychain`] at the next start.
    pub(crate) async fn delete_credential_best_effort(&self, account: &AccountId) {
        match self
            .keychain(self.inner.vault.delete(account.as_str()))
            .await
        {
            Ok(_) => {
                if let Err(error) = self.inner.accounts.change(|file| {
                    file.pending_keychain_deletes.retain(|id| id != account);
                    Ok(())
                }) {
                    tracing::warn!(%error, "the keychain clean-up could not be recorded");
                }
            }
            Err(error) => {
                tracing::warn!(
                    code = error.code().as_str(),
                    "the keychain entry stays until the next start"
                );
                self.post_notice(Notice {
                    id: LEFTOVER_NOTICE.into(),
                    severity: Severity::Warning,
                    title: "The credential is still in the keychain".into(),
                    message: format!(
                        "You are signed out, and the account's data was removed from this computer, but its credential could not be deleted from the keychain: {error} The app tries again at the next start."
                    ),
                    path: None,
                    action: NoticeAction::None,
                    dismissible: true,
                });
            }
        }
    }
}

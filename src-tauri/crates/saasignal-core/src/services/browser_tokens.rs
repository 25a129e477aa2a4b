//! Browser tokens (`bt_…`): short-lived, minted from an API-key account. The token is
//! meant for browser JavaScript, yet it is handled like an API key's secret: it waits
//! under a reveal handle until its expiry, crosses IPC only on Reveal, and is copied
//! through the Rust clipboard (hidden from clipboard history, cleared after 30 s).

use saasignal_client::BrowserTokenRequest;
use saasignal_model::{BrowserTokenInfo, Minted};

use std::time::Duration;

use super::activity::Write;
use crate::accounts::{AccountId, AccountKind};
use crate::copy_once::{Hold, RevealHandle};
use crate::core::Core;
use crate::error::CoreError;

impl Core {
    pub async fn mint_browser_token(
        &self,
        account: &AccountId,
        request: BrowserTokenRequest,
    ) -> Result<Minted<BrowserTokenInfo, RevealHandle>, CoreError> {
        let result = async {
            let connection = self.connect(account).await?;
            if connection.account.kind != AccountKind::ApiKey {
                return Err(CoreError::NotForThisAccount(
                    "Browser tokens are minted from an API key: add an API-key account first."
                        .into(),
                ));
            }
            // The contract: a browser token's scopes are a subset of its key's.
            if let (Some(requested), Some(reach)) =
                (&request.scopes, &connection.account.api_key_reach)
                && let Some(scope) = saasignal_contract::scopes::missing(&reach.scopes, requested)
            {
                return Err(super::grants::cannot_grant(&scope));
            }
            let minted = connection
                .client
                .create_browser_token(&connection.credential, &request)
                .await?;
            // A server that does not say the lifetime gets the longest the contract allows.
            let ttl = match minted.item.ttl {
                0 => saasignal_contract::validate::BROWSER_TTL_MAX.unsigned_abs(),
                ttl => u64::from(ttl),
            };
            let lifetime = Duration::from_secs(ttl);
            let reveal = self.inner.pending.hold(Hold {
                secret: minted.secret,
                account: account.clone(),
                reveal_record: None,
                key: None,
                limit: lifetime,
            });
            Ok(Minted {
                item: minted.item,
                secret: reveal,
            })
        }
        .await;
        let org_id = result.as_ref().ok().and_then(|m| m.item.org_id.clone());
        let write = Write {
            action: "browser_token.create",
            org_id: org_id.as_deref(),
            target_id: None,
            target_name: None,
            related_id: None,
        };
        self.finish_write(account, write, &[], result)
    }
}

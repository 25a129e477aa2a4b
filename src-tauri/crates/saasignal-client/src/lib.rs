//! The typed HTTP client of the SaaSignal Platform API.
//!
//! [`PlatformClient`] speaks every endpoint of the platform contract plus better-auth's
//! email sign-in, sign-up, get-session and sign-out. Each call takes its credential as a
//! [`Secret`](saasignal_secret::Secret), validates its input with `saasignal-contract`
//! before anything is sent, reads the server's answer leniently (either list envelope,
//! either object envelope, every error-body form) and fails with one [`ApiError`] whose
//! [`code`](ApiError::code) the UI branches on.
//!
//! ```no_run
//! # async fn demo() -> Result<(), saasignal_client::ApiError> {
//! use saasignal_client::{ClientConfig, PlatformClient};
//! use saasignal_secret::Secret;
//!
//! let client = PlatformClient::new(ClientConfig::new("https://api.saasignal.saastemly.com"))?;
//! let signed_in = client
//!     .sign_in_email("demo@saasignal.dev", &Secret::new("saasignal-demo"), None)
//!     .await?;
//! for org in client.list_orgs(&signed_in.token).await? {
//!     println!("{} ({})", org.name, org.slug);
//! }
//! # Ok(()) }
//! ```

mod base_url;
mod classify;
mod client;
mod config;
mod decode;
mod endpoints;
mod error;
mod reply;
mod requests;
mod responses;
mod retry;
mod tls;
mod transport;
mod wiped;

pub use base_url::BaseUrl;
pub use client::PlatformClient;
pub use config::{ClientConfig, DEFAULT_MAX_RESPONSE_BYTES, ProxyPolicy};
pub use error::{ApiError, ForbiddenReason};
pub use requests::{BrowserTokenRequest, NewInvite, NewOrg, NewProject, NewToken, OrgPatch};
pub use responses::{Health, InviteStatus, Session, SignedIn};
pub use retry::{RequestKind, RetryPolicy};
pub use tls::install_crypto_provider;

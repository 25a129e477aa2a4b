//! Browser tokens: `bt_` + an HS256 JWT signed with a per-sandbox key that is
//! generated once and kept in the database, so tokens survive a restart.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::secrets::{BROWSER_TOKEN_PREFIX, random_hex};
use crate::store::{StoreError, settings};

const KEY_SETTING: &str = "browser_token_signing_key";

/// What a browser token carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrowserClaims {
    /// The id of the API key that minted it; revoking that key kills the token.
    pub sub: String,
    pub org_id: String,
    pub project_id: Option<String>,
    pub scopes: Vec<String>,
    /// Issued at, Unix seconds.
    pub iat: i64,
    /// Expires at, Unix seconds.
    pub exp: i64,
    /// A unique id, so two tokens minted in the same second still differ.
    pub jti: String,
}

/// The sandbox's signing key for browser tokens.
#[derive(Clone)]
pub struct BrowserTokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

/// Why a browser token could not be signed.
#[derive(Debug, thiserror::Error)]
#[error("could not sign a browser token: {0}")]
pub struct SignError(#[from] jsonwebtoken::errors::Error);

impl BrowserTokenKeys {
    /// Loads the stored key, generating and storing a 256-bit one on first use.
    pub fn load_or_create(conn: &Connection) -> Result<Self, StoreError> {
        let secret = match settings::get(conn, KEY_SETTING)? {
            Some(secret) => secret,
            None => {
                let secret = random_hex(32);
                settings::set(conn, KEY_SETTING, &secret)?;
                secret
            }
        };
        Ok(Self {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
        })
    }

    /// The `bt_…` token for `claims`.
    pub fn mint(&self, claims: &BrowserClaims) -> Result<String, SignError> {
        let jwt = jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)?;
        Ok(format!("{BROWSER_TOKEN_PREFIX}{jwt}"))
    }

    /// The claims of a genuine, unexpired `bt_…` token.
    pub fn verify(&self, token: &str) -> Option<BrowserClaims> {
        let jwt = token.strip_prefix(BROWSER_TOKEN_PREFIX)?;
        let mut validation = Validation::new(Algorithm::HS256);
        // The ttl is part of the contract (60 s minimum), so expiry is exact.
        validation.leeway = 0;
        jsonwebtoken::decode::<BrowserClaims>(jwt, &self.decoding, &validation)
            .ok()
            .map(|data| data.claims)
    }
}

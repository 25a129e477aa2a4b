//! Random bearer secrets and their stored digests.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// Every API key starts with this.
pub const API_KEY_PREFIX: &str = "sk_live_";
/// Every browser token starts with this.
pub const BROWSER_TOKEN_PREFIX: &str = "bt_";
/// How many trailing characters of an API key its `hint` shows.
pub const HINT_LEN: usize = 4;

/// `bytes` random bytes from the thread's CSPRNG, hex-encoded.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    hex::encode(buf)
}

/// The hex SHA-256 of a secret: what the database keeps instead of the secret.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A freshly generated secret and what may be stored about it.
#[derive(Debug)]
pub struct NewSecret {
    /// Shown to its owner once, then forgotten.
    pub secret: String,
    /// [`digest`] of the secret, for lookups.
    pub digest: String,
}

/// A new API key: `sk_live_` and 256 random bits as 64 hex characters.
pub fn new_api_key() -> NewSecret {
    let secret = format!("{API_KEY_PREFIX}{}", random_hex(32));
    NewSecret {
        digest: digest(&secret),
        secret,
    }
}

/// A new session token: 256 random bits as 64 hex characters.
pub fn new_session_token() -> NewSecret {
    let secret = random_hex(32);
    NewSecret {
        digest: digest(&secret),
        secret,
    }
}

/// The non-secret hint for an API key: its last [`HINT_LEN`] characters.
pub fn hint(secret: &str) -> String {
    let start = secret.len().saturating_sub(HINT_LEN);
    secret.get(start..).unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_keys_have_prefix_and_256_bits() {
        let key = new_api_key();
        let body = key.secret.strip_prefix(API_KEY_PREFIX).unwrap();
        assert_eq!(body.len(), 64);
        assert!(body.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(key.digest, digest(&key.secret));
        assert_ne!(new_api_key().secret, key.secret);
    }

    #[test]
    fn hint_is_the_last_four_characters() {
        assert_eq!(hint("sk_live_00ffa1b2"), "a1b2");
        assert_eq!(hint("ab"), "ab");
    }
}

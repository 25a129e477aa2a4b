//! [`Secret`]: how a session token, API key or browser token moves through the backend.
//!
//! It prints as `Secret(…)` in logs and debug output, has no `Serialize` (so it cannot be
//! sent to the UI or written to the cache or settings by accident), and its memory is
//! overwritten when it is dropped. Reading it takes an explicit [`Secret::expose`].

use std::fmt;

use zeroize::Zeroizing;

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    /// The raw value, for the one place that must send or store it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The last four characters, which the platform itself shows as a token's `hint`.
    pub fn hint(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        let start = chars.len().saturating_sub(4);
        chars[start..].iter().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn starts_with(&self, prefix: &str) -> bool {
        self.0.starts_with(prefix)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_value() {
        let secret = Secret::new("sk_live_abcdef0123456789");
        let printed = format!("{secret:?} {:?}", Some(&secret));
        assert!(!printed.contains("sk_live"), "{printed}");
        assert!(!printed.contains("6789"), "{printed}");
    }

    #[test]
    fn hint_is_the_last_four_characters() {
        assert_eq!(Secret::new("sk_live_abcdef0123456789").hint(), "6789");
        assert_eq!(Secret::new("ab").hint(), "ab");
        assert_eq!(Secret::new("").hint(), "");
    }

    #[test]
    fn expose_returns_the_value() {
        let secret = Secret::new(String::from("token.value"));
        assert_eq!(secret.expose(), "token.value");
        assert!(secret.starts_with("token"));
    }
}

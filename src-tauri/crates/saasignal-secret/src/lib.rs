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

    /// Wraps `value` with the whitespace around it removed, in place: no copy of the
    /// secret is made, and the whole buffer is zeroized on drop.
    pub fn trimmed(value: String) -> Self {
        let mut value = Zeroizing::new(value);
        let end = value.trim_end().len();
        value.truncate(end);
        let start = value.len() - value.trim_start().len();
        value.drain(..start);
        Self(value)
    }

    /// The last four characters, which the platform itself shows as a token's `hint`.
    /// Only those four are copied.
    pub fn hint(&self) -> String {
        let start = self
            .0
            .char_indices()
            .rev()
            .nth(3)
            .map_or(0, |(index, _)| index);
        self.0[start..].to_owned()
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
    fn hint_counts_characters_not_bytes() {
        assert_eq!(Secret::new("sk_ünïcödé").hint(), "cödé");
        assert_eq!(Secret::new("abcd").hint(), "abcd");
    }

    #[test]
    fn trimmed_drops_surrounding_whitespace() {
        assert_eq!(
            Secret::trimmed("  sk_live_x \n".into()).expose(),
            "sk_live_x"
        );
        assert_eq!(Secret::trimmed("plain".into()).expose(), "plain");
        assert_eq!(Secret::trimmed("   ".into()).expose(), "");
    }

    #[test]
    fn expose_returns_the_value() {
        let secret = Secret::new(String::from("token.value"));
        assert_eq!(secret.expose(), "token.value");
        assert!(secret.starts_with("token"));
    }
}

//! A 2xx answer, decoded in the shape its endpoint expects, and the redaction of the
//! secrets a call sent from anything the server echoes back.

use reqwest::header::HeaderMap;
use saasignal_contract::validate;
use saasignal_secret::Secret;
use serde::de::DeserializeOwned;
use zeroize::Zeroizing;

use crate::decode::envelope;
use crate::decode::error_body::ErrorBody;
use crate::error::ApiError;

/// A 2xx answer, read on demand in the shape the endpoint expects.
pub(crate) struct Reply<'a> {
    pub(crate) headers: HeaderMap,
    pub(crate) body: Zeroizing<Vec<u8>>,
    pub(crate) endpoint: String,
    pub(crate) answer_holds_secret: bool,
    pub(crate) request_may_have_run: bool,
    pub(crate) secrets: Vec<&'a Secret>,
}

impl Reply<'_> {
    /// A list in either envelope.
    pub(crate) fn list<T: DeserializeOwned>(&self) -> Result<Vec<T>, ApiError> {
        envelope::list(&self.body).map_err(|error| self.undecodable(&error.to_string()))
    }

    /// One object in either envelope.
    pub(crate) fn single<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        envelope::single(&self.body).map_err(|error| self.undecodable(&error.to_string()))
    }

    /// One object in either envelope, or `None` for `null` or no body.
    pub(crate) fn optional<T: DeserializeOwned>(&self) -> Result<Option<T>, ApiError> {
        envelope::optional(&self.body).map_err(|error| self.undecodable(&error.to_string()))
    }

    /// A response header as text.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The error for an answer that is not what the contract describes. The
    /// parser's message and the body's start are kept only when the body cannot
    /// hold a secret: serde quotes the offending value.
    pub(crate) fn undecodable(&self, why: &str) -> ApiError {
        let detail = (!self.answer_holds_secret).then(|| {
            let start = ErrorBody::read(&self.body).message.unwrap_or_else(|| {
                String::from_utf8_lossy(&self.body)
                    .chars()
                    .take(120)
                    .collect()
            });
            let start: String = start.chars().take(120).collect();
            redact(&format!("{why}; the answer began: {start}"), &self.secrets)
        });
        ApiError::Undecodable {
            endpoint: self.endpoint.clone(),
            detail,
            request_may_have_run: self.request_may_have_run,
        }
    }
}

/// `text` with every occurrence of a secret's value replaced by `…`. Values shorter
/// than the shortest password the platform accepts are no credential and would
/// only mangle ordinary words, so they are left alone.
pub(crate) fn redact(text: &str, secrets: &[&Secret]) -> String {
    secrets
        .iter()
        .filter(|secret| secret.expose().chars().count() >= validate::PASSWORD_MIN_LEN)
        .fold(text.to_owned(), |text, secret| {
            text.replace(secret.expose(), "…")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_removes_every_secret() {
        let token = Secret::new("sess.abc123");
        let password = Secret::new("hunter22");
        let empty = Secret::new("");
        let text = "token sess.abc123 and hunter22, again sess.abc123";
        assert_eq!(
            redact(text, &[&token, &password, &empty]),
            "token … and …, again …"
        );
        let too_short = Secret::new("s");
        assert_eq!(
            redact("insufficient_scope", &[&too_short]),
            "insufficient_scope"
        );
    }
}

//! [`BaseUrl`]: the server address of one account, checked once.
//!
//! Credentials travel in every request, so plain http is refused except to this
//! computer (127.0.0.0/8, ::1, localhost), where the local sandbox runs.

use std::fmt;
use std::net::IpAddr;

use reqwest::Url;

use crate::error::ApiError;

/// A validated server address: http(s), with a host, no credentials, query or
/// fragment, and no trailing slash. It may carry a path prefix (`https://host/api`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    url: Url,
}

impl BaseUrl {
    /// Checks and normalises a server address as a person typed it.
    pub fn parse(text: &str) -> Result<Self, ApiError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(invalid(
                "Enter the server address, e.g. https://api.saasignal.saastemly.com.",
            ));
        }
        // The text is never echoed back: a pasted token would end up in the message.
        let mut url = Url::parse(text).map_err(|_| {
            invalid(
                "That is not a server address. Enter one like https://api.saasignal.saastemly.com.",
            )
        })?;
        let has_host = url.host_str().is_some_and(|host| !host.is_empty());
        if !has_host || !matches!(url.scheme(), "http" | "https") {
            return Err(invalid(
                "Enter an address that starts with https:// and names a server.",
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid(
                "Remove the user name and password from the server address; sign in separately.",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("Remove the ?… or #… part from the server address."));
        }
        if url.scheme() == "http" && !is_loopback(url.host_str().unwrap_or_default()) {
            return Err(ApiError::InsecureBaseUrl {
                host: host_label(&url),
            });
        }
        let trimmed = url.path().trim_end_matches('/').to_owned();
        url.set_path(&trimmed);
        Ok(Self { url })
    }

    /// The address as text, without a trailing slash.
    pub fn as_str(&self) -> &str {
        self.url.as_str().trim_end_matches('/')
    }

    /// Whether the server is this computer (localhost, 127.0.0.0/8, ::1).
    pub fn is_loopback(&self) -> bool {
        is_loopback(self.url.host_str().unwrap_or_default())
    }

    /// `host` or `host:port`, for messages.
    pub fn host_label(&self) -> String {
        host_label(&self.url)
    }

    /// The URL of an endpoint: the base path followed by `segments`, each
    /// percent-encoded as one path segment (so an id can never add a `/`).
    pub(crate) fn endpoint<S: AsRef<str>>(&self, segments: &[S]) -> Url {
        let mut url = self.url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty();
            path.extend(segments.iter().map(AsRef::as_ref));
        }
        url
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn invalid(reason: impl Into<String>) -> ApiError {
    ApiError::InvalidBaseUrl {
        reason: reason.into(),
    }
}

fn host_label(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

/// `localhost`, 127.0.0.0/8 or ::1 (also as an IPv4-mapped address). `host` is as
/// the URL holds it: lowercase, IPv6 in brackets.
fn is_loopback(host: &str) -> bool {
    if host == "localhost" {
        return true;
    }
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(IpAddr::V4(address)) => address.is_loopback(),
        Ok(IpAddr::V6(address)) => {
            address.is_loopback() || address.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(text: &str) -> &'static str {
        BaseUrl::parse(text).map_or_else(|e| e.code().as_str(), |_| "ok")
    }

    #[test]
    fn https_is_accepted_and_trailing_slashes_dropped() {
        let base = BaseUrl::parse(" https://api.saasignal.saastemly.com/ ").unwrap();
        assert_eq!(base.as_str(), "https://api.saasignal.saastemly.com");
        assert_eq!(base.host_label(), "api.saasignal.saastemly.com");
        let prefixed = BaseUrl::parse("https://example.com:8443/platform//").unwrap();
        assert_eq!(prefixed.as_str(), "https://example.com:8443/platform");
        assert_eq!(prefixed.host_label(), "example.com:8443");
    }

    #[test]
    fn endpoints_join_segments_after_the_prefix() {
        let base = BaseUrl::parse("https://example.com/platform/").unwrap();
        let url = base.endpoint(&["core", "organizations", "org_1", "projects"]);
        assert_eq!(
            url.as_str(),
            "https://example.com/platform/core/organizations/org_1/projects"
        );
        let root = BaseUrl::parse("https://example.com").unwrap();
        assert_eq!(
            root.endpoint(&["healthz"]).as_str(),
            "https://example.com/healthz"
        );
    }

    #[test]
    fn ids_cannot_escape_their_segment() {
        let base = BaseUrl::parse("https://example.com").unwrap();
        let url = base.endpoint(&["core", "organizations", "a/b?c#d"]);
        assert_eq!(url.path(), "/core/organizations/a%2Fb%3Fc%23d");
        assert_eq!(url.query(), None);
    }

    #[test]
    fn plain_http_only_for_this_computer() {
        for local in [
            "http://localhost:4000",
            "http://LOCALHOST",
            "http://127.0.0.1:8080/",
            "http://127.9.8.7",
            "http://[::1]:3000",
        ] {
            assert_eq!(code_of(local), "ok", "{local}");
        }
        for remote in [
            "http://example.com",
            "http://10.0.0.1",
            "http://192.168.1.20:8080",
            "http://localhost.example.com",
            "http://[2001:db8::1]",
        ] {
            assert_eq!(code_of(remote), "insecure_base_url", "{remote}");
        }
        let error = BaseUrl::parse("http://example.com:8080").unwrap_err();
        assert!(error.to_string().contains("example.com:8080"), "{error}");
    }

    #[test]
    fn unusable_addresses_are_explained() {
        for bad in [
            "",
            "   ",
            "api.saasignal.dev",
            "ftp://example.com",
            "https://",
            "https://example.com/?x=1",
            "https://example.com/#top",
            "mailto:someone@example.com",
        ] {
            assert_eq!(code_of(bad), "invalid_base_url", "{bad:?}");
        }
    }

    #[test]
    fn credentials_in_the_address_are_refused_without_echoing_them() {
        let error = BaseUrl::parse("https://admin:hunter2@example.com").unwrap_err();
        assert_eq!(error.code().as_str(), "invalid_base_url");
        assert!(!error.to_string().contains("hunter2"), "{error}");
        assert!(!format!("{error:?}").contains("hunter2"));
    }
}

//! What the caller asks the platform to create or change, each with the contract's
//! validation, run before anything is sent.
//!
//! Each type is also what the UI sends for it: it reads camelCase from IPC (normalising
//! an empty optional id or text to "absent" once, here) and is sent to the server as it
//! is, in the contract's snake_case.

use saasignal_contract::{FieldError, validate};
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::ApiError;

/// A new organization (`POST /core/organizations`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct NewOrg {
    /// At least one visible character.
    pub name: String,
    /// `^[a-z0-9-]+$`; the server derives one from the name when absent or empty.
    #[serde(
        default,
        deserialize_with = "non_empty",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub slug: Option<String>,
}

/// Changes to an organization (`PATCH /core/organizations/{org_id}`); absent fields stay.
/// An empty slug here is a mistake to report, not "absent".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct OrgPatch {
    /// A new name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<String>,
    /// A new slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub slug: Option<String>,
}

/// A new project (`POST …/projects`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct NewProject {
    /// At least one visible character.
    pub name: String,
    /// Free text.
    #[serde(
        default,
        deserialize_with = "non_empty",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub description: Option<String>,
    /// A region code (`enam` when absent).
    #[serde(
        default,
        deserialize_with = "non_empty",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub region: Option<String>,
}

/// A new API key (`POST …/tokens`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct NewToken {
    /// At least one visible character.
    pub name: String,
    /// The scopes it grants; never more than the caller's own.
    pub scopes: Vec<String>,
    /// The project it is confined to, if any.
    #[serde(
        default,
        deserialize_with = "non_empty",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub project_id: Option<String>,
    /// ISO 8601 UTC ending in `Z`, e.g. `2030-01-31T23:59:59Z`; never expires when absent.
    #[serde(
        default,
        deserialize_with = "non_empty",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub expires_at: Option<String>,
}

/// An invitation (`POST …/members/invite`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct NewInvite {
    /// The invitee's email (spaces around it are dropped).
    #[serde(deserialize_with = "trimmed")]
    pub email: String,
    /// The scopes the member gets.
    pub scopes: Vec<String>,
    /// The project the member is confined to, if any.
    #[serde(
        default,
        deserialize_with = "non_empty",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub project_id: Option<String>,
}

/// A browser token request (`POST /core/tokens/browser`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct BrowserTokenRequest {
    /// A subset of the API key's scopes; all of them when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub scopes: Option<Vec<String>>,
    /// Lifetime in seconds, 60 to 1800; 900 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub ttl: Option<u32>,
}

/// An optional text as the UI sends it: absent, null, empty or blank all mean "none";
/// anything else is kept without the spaces around it.
fn non_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let value = Option::<String>::deserialize(deserializer)?;
    Ok(value
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty()))
}

fn trimmed<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(String::deserialize(deserializer)?.trim().to_owned())
}

impl NewOrg {
    pub(crate) fn validate(&self) -> Result<(), ApiError> {
        validate::org_name(&self.name)?;
        self.slug.as_deref().map(validate::slug).transpose()?;
        Ok(())
    }
}

impl OrgPatch {
    pub(crate) fn validate(&self) -> Result<(), ApiError> {
        self.name.as_deref().map(validate::org_name).transpose()?;
        self.slug.as_deref().map(validate::slug).transpose()?;
        Ok(())
    }
}

impl NewProject {
    pub(crate) fn validate(&self) -> Result<(), ApiError> {
        validate::project_name(&self.name)?;
        self.region.as_deref().map(validate::region).transpose()?;
        Ok(())
    }
}

impl NewToken {
    pub(crate) fn validate(&self) -> Result<(), ApiError> {
        validate::token_name(&self.name)?;
        validate::scopes(&self.scopes)?;
        self.expires_at
            .as_deref()
            .map(validate::expires_at)
            .transpose()?;
        optional_id("project_id", self.project_id.as_deref())
    }
}

impl NewInvite {
    pub(crate) fn validate(&self) -> Result<(), ApiError> {
        validate::email(&self.email)?;
        validate::scopes(&self.scopes)?;
        optional_id("project_id", self.project_id.as_deref())
    }
}

impl BrowserTokenRequest {
    pub(crate) fn validate(&self) -> Result<(), ApiError> {
        self.scopes.as_deref().map(validate::scopes).transpose()?;
        self.ttl
            .map(|ttl| validate::browser_ttl(i64::from(ttl)))
            .transpose()?;
        Ok(())
    }
}

/// An id placed in a URL path: present, and not a `.`/`..` segment that would
/// point the request at another endpoint.
pub(crate) fn required_id<'a>(field: &'static str, id: &'a str) -> Result<&'a str, ApiError> {
    if id.trim().is_empty() || id == "." || id == ".." {
        return Err(FieldError::required(field).into());
    }
    Ok(id)
}

fn optional_id(field: &'static str, id: Option<&str>) -> Result<(), ApiError> {
    id.map(|id| required_id(field, id)).transpose()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(result: Result<(), ApiError>) -> Option<String> {
        result.err().and_then(|error| {
            assert_eq!(error.code().as_str(), "validation");
            error.field().map(str::to_owned)
        })
    }

    #[test]
    fn orgs() {
        let good = NewOrg {
            name: "Acme".into(),
            slug: Some("acme-2".into()),
        };
        assert_eq!(field_of(good.validate()), None);
        let blank = NewOrg {
            name: "  ".into(),
            slug: None,
        };
        assert_eq!(field_of(blank.validate()).as_deref(), Some("name"));
        let bad_slug = OrgPatch {
            name: None,
            slug: Some("Acme Corp".into()),
        };
        assert_eq!(field_of(bad_slug.validate()).as_deref(), Some("slug"));
        assert_eq!(field_of(OrgPatch::default().validate()), None);
    }

    #[test]
    fn projects() {
        let mars = NewProject {
            name: "Web".into(),
            description: None,
            region: Some("mars".into()),
        };
        assert_eq!(field_of(mars.validate()).as_deref(), Some("region"));
        let default_region = NewProject {
            name: "Web".into(),
            ..NewProject::default()
        };
        assert_eq!(field_of(default_region.validate()), None);
    }

    #[test]
    fn tokens() {
        let token = |scopes: &[&str], expires_at: Option<&str>| NewToken {
            name: "CI".into(),
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            project_id: None,
            expires_at: expires_at.map(str::to_owned),
        };
        assert_eq!(
            field_of(token(&["kv:read"], Some("2030-01-31T23:59:59Z")).validate()),
            None
        );
        assert_eq!(
            field_of(token(&["KV:read"], None).validate()).as_deref(),
            Some("scopes")
        );
        assert_eq!(
            field_of(token(&["kv:read"], Some("2023-02-29T00:00:00Z")).validate()).as_deref(),
            Some("expires_at")
        );
        let unnamed = NewToken {
            name: String::new(),
            ..token(&[], None)
        };
        assert_eq!(field_of(unnamed.validate()).as_deref(), Some("name"));
        let empty_project = NewToken {
            project_id: Some(String::new()),
            ..token(&[], None)
        };
        assert_eq!(
            field_of(empty_project.validate()).as_deref(),
            Some("project_id")
        );
    }

    #[test]
    fn invites_and_browser_tokens() {
        let invite = NewInvite {
            email: "not-an-email".into(),
            ..NewInvite::default()
        };
        assert_eq!(field_of(invite.validate()).as_deref(), Some("email"));
        let short = BrowserTokenRequest {
            scopes: None,
            ttl: Some(30),
        };
        assert_eq!(field_of(short.validate()).as_deref(), Some("ttl"));
        let bad_scope = BrowserTokenRequest {
            scopes: Some(vec!["everything".into()]),
            ttl: None,
        };
        assert_eq!(field_of(bad_scope.validate()).as_deref(), Some("scopes"));
        assert_eq!(field_of(BrowserTokenRequest::default().validate()), None);
    }

    #[test]
    fn the_ui_s_empty_optional_fields_mean_absent_and_the_wire_stays_snake_case() {
        let token: NewToken = serde_json::from_value(serde_json::json!({
            "name": "CI",
            "scopes": ["kv:read"],
            "projectId": "",
            "expiresAt": "  ",
        }))
        .expect("reads");
        assert_eq!((token.project_id, token.expires_at), (None, None));
        let token: NewToken = serde_json::from_value(serde_json::json!({
            "name": "CI",
            "scopes": [],
            "projectId": " prj_1 ",
        }))
        .expect("reads");
        assert_eq!(
            serde_json::to_value(&token).expect("writes"),
            serde_json::json!({"name": "CI", "scopes": [], "project_id": "prj_1"})
        );
        let invite: NewInvite =
            serde_json::from_value(serde_json::json!({"email": " a@b.co ", "scopes": []}))
                .expect("reads");
        assert_eq!(invite.email, "a@b.co");
        let patch: OrgPatch =
            serde_json::from_value(serde_json::json!({"slug": ""})).expect("reads");
        assert_eq!(
            patch.slug.as_deref(),
            Some(""),
            "an empty new slug is kept, to be refused"
        );
    }

    #[test]
    fn path_ids() {
        assert!(required_id("org_id", "org_01").is_ok());
        for bad in ["", " ", ".", ".."] {
            let error = required_id("org_id", bad).unwrap_err();
            assert_eq!(error.field(), Some("org_id"), "{bad:?}");
        }
    }
}

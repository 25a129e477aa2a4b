//! What the caller asks the platform to create or change, each with the contract's
//! validation, run before anything is sent.

use saasignal_contract::{FieldError, validate};

use crate::error::ApiError;

/// A new organization (`POST /core/organizations`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewOrg {
    /// At least one visible character.
    pub name: String,
    /// `^[a-z0-9-]+$`; the server derives one from the name when absent.
    pub slug: Option<String>,
}

/// Changes to an organization (`PATCH /core/organizations/{org_id}`); absent fields stay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgPatch {
    /// A new name.
    pub name: Option<String>,
    /// A new slug.
    pub slug: Option<String>,
}

/// A new project (`POST …/projects`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewProject {
    /// At least one visible character.
    pub name: String,
    /// Free text.
    pub description: Option<String>,
    /// A region code (`enam` when absent).
    pub region: Option<String>,
}

/// A new API key (`POST …/tokens`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewToken {
    /// At least one visible character.
    pub name: String,
    /// The scopes it grants; never more than the caller's own.
    pub scopes: Vec<String>,
    /// The project it is confined to, if any.
    pub project_id: Option<String>,
    /// ISO 8601 UTC ending in `Z`, e.g. `2030-01-31T23:59:59Z`; never expires when absent.
    pub expires_at: Option<String>,
}

/// An invitation (`POST …/members/invite`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewInvite {
    /// The invitee's email.
    pub email: String,
    /// The scopes the member gets.
    pub scopes: Vec<String>,
    /// The project the member is confined to, if any.
    pub project_id: Option<String>,
}

/// A browser token request (`POST /core/tokens/browser`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrowserTokenRequest {
    /// A subset of the API key's scopes; all of them when absent.
    pub scopes: Option<Vec<String>>,
    /// Lifetime in seconds, 60 to 1800; 900 when absent.
    pub ttl: Option<u32>,
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
            assert_eq!(error.code(), "validation");
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
    fn path_ids() {
        assert!(required_id("org_id", "org_01").is_ok());
        for bad in ["", " ", ".", ".."] {
            let error = required_id("org_id", bad).unwrap_err();
            assert_eq!(error.field(), Some("org_id"), "{bad:?}");
        }
    }
}

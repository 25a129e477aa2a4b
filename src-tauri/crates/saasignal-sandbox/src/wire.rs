//! The JSON shapes of the platform, casing and all (Org and Project are
//! camelCase, Member, Token and BrowserToken snake_case, as the reference has them).

use serde::Serialize;

use crate::clock::iso;
use crate::store::members::Member;
use crate::store::orgs::Org;
use crate::store::projects::Project;
use crate::store::sessions::Session;
use crate::store::tokens::ApiToken;
use crate::store::users::User;

/// `Org`.
#[derive(Debug, Clone, Serialize)]
pub struct OrgJson {
    pub id: String,
    pub name: String,
    pub slug: String,
    #[serde(rename = "createdAt")]
    pub created_at: String,
}

impl From<&Org> for OrgJson {
    fn from(org: &Org) -> Self {
        Self {
            id: org.id.clone(),
            name: org.name.clone(),
            slug: org.slug.clone(),
            created_at: iso(org.created_at),
        }
    }
}

/// `Member`.
#[derive(Debug, Clone, Serialize)]
pub struct MemberJson {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub scopes: Vec<String>,
    pub joined_at: String,
}

impl From<&Member> for MemberJson {
    fn from(member: &Member) -> Self {
        Self {
            user_id: member.user_id.clone(),
            name: member.name.clone(),
            email: member.email.clone(),
            scopes: member.scopes.clone(),
            joined_at: iso(member.joined_at),
        }
    }
}

/// `Project`.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectJson {
    pub id: String,
    #[serde(rename = "orgId")]
    pub org_id: String,
    pub name: String,
    pub description: String,
    pub region: String,
    #[serde(rename = "createdAt")]
    pub created_at: String,
}

impl From<&Project> for ProjectJson {
    fn from(project: &Project) -> Self {
        Self {
            id: project.id.clone(),
            org_id: project.org_id.clone(),
            name: project.name.clone(),
            description: project.description.clone(),
            region: project.region.clone(),
            created_at: iso(project.created_at),
        }
    }
}

/// `Token` (an API key's public record; never its secret).
#[derive(Debug, Clone, Serialize)]
pub struct TokenJson {
    pub id: String,
    pub name: String,
    pub hint: String,
    pub org_id: String,
    pub project_id: Option<String>,
    pub scopes: Vec<String>,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub last_used_at: Option<String>,
    pub revoked: bool,
}

impl From<&ApiToken> for TokenJson {
    fn from(token: &ApiToken) -> Self {
        Self {
            id: token.id.clone(),
            name: token.name.clone(),
            hint: token.hint.clone(),
            org_id: token.org_id.clone(),
            project_id: token.project_id.clone(),
            scopes: token.scopes.clone(),
            created_at: iso(token.created_at),
            expires_at: token.expires_at.map(iso),
            last_used_at: token.last_used_at.map(iso),
            revoked: token.revoked,
        }
    }
}

/// The create-token answer: a `Token` plus the raw secret, shown this once.
#[derive(Debug, Clone, Serialize)]
pub struct CreatedTokenJson {
    #[serde(flatten)]
    pub record: TokenJson,
    /// The `sk_live_…` secret.
    pub token: String,
}

/// `BrowserToken`.
#[derive(Debug, Clone, Serialize)]
pub struct BrowserTokenJson {
    pub token: String,
    pub expires_at: String,
    pub ttl: i64,
    pub scopes: Vec<String>,
    pub project_id: Option<String>,
    pub org_id: String,
}

/// better-auth's `user`.
#[derive(Debug, Clone, Serialize)]
pub struct UserJson {
    pub id: String,
    pub email: String,
    pub name: String,
    #[serde(rename = "emailVerified")]
    pub email_verified: bool,
    #[serde(rename = "createdAt")]
    pub created_at: String,
    #[serde(rename = "updatedAt")]
    pub updated_at: String,
}

impl From<&User> for UserJson {
    fn from(user: &User) -> Self {
        Self {
            id: user.id.clone(),
            email: user.email.clone(),
            name: user.name.clone(),
            email_verified: user.email_verified,
            created_at: iso(user.created_at),
            updated_at: iso(user.updated_at),
        }
    }
}

/// better-auth's `session` as get-session returns it.
#[derive(Debug, Clone, Serialize)]
pub struct SessionJson {
    pub id: String,
    #[serde(rename = "userId")]
    pub user_id: String,
    #[serde(rename = "expiresAt")]
    pub expires_at: String,
    pub token: String,
}

impl SessionJson {
    /// The session with the bearer token it was presented with (only its hash is stored).
    pub fn new(session: &Session, token: &str) -> Self {
        Self {
            id: session.id.clone(),
            user_id: session.user_id.clone(),
            expires_at: iso(session.expires_at),
            token: token.to_owned(),
        }
    }
}

/// The sign-in and sign-up answer.
#[derive(Debug, Clone, Serialize)]
pub struct SignedInJson {
    pub redirect: bool,
    pub token: String,
    pub url: Option<String>,
    pub user: UserJson,
}

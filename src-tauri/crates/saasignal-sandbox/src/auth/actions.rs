//! What each org route needs, in one table: its scope, whether it manages the org
//! (refused to browser tokens), and whether it acts org-wide (refused to credentials
//! confined to one project). The checks themselves are in `access.rs`.
//!
//! - **Browser tokens** (`bt_…`) live at most 30 minutes and are meant for browser
//!   JavaScript: they may read and use what their scopes allow, but never manage keys,
//!   members, organization settings, or mint further browser tokens.
//! - **Project-bound credentials** (a key or browser token with a `project_id`, a member
//!   invited to one project) act only on their project: its details, its keys. The
//!   organization's settings, its membership (the member list included) and creating
//!   or deleting projects need an org-wide credential.

/// One route's requirements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Action {
    /// The scope the caller must hold.
    pub scope: &'static str,
    /// Refused to browser tokens.
    pub manages: bool,
    /// Refused to project-bound credentials, with this as the reason.
    pub org_wide: Option<&'static str>,
}

impl Action {
    const fn read(scope: &'static str) -> Self {
        Self {
            scope,
            manages: false,
            org_wide: None,
        }
    }

    const fn manage(scope: &'static str) -> Self {
        Self {
            manages: true,
            ..Self::read(scope)
        }
    }

    const fn org_wide(self, what: &'static str) -> Self {
        Self {
            org_wide: Some(what),
            ..self
        }
    }
}

const SETTINGS: &str = "organization settings";
const MEMBERSHIP: &str = "membership";
const PROJECTS: &str = "creating and deleting projects";
const BILLING: &str = "usage and billing";

pub const GET_ORG: Action = Action::read("orgs:read");
pub const UPDATE_ORG: Action = Action::manage("orgs:write").org_wide(SETTINGS);
pub const DELETE_ORG: Action = Action::manage("*").org_wide(SETTINGS);
pub const LIST_MEMBERS: Action = Action::read("orgs:read").org_wide(MEMBERSHIP);
pub const INVITE_MEMBER: Action = Action::manage("orgs:write").org_wide(MEMBERSHIP);
pub const UPDATE_MEMBER: Action = Action::manage("orgs:write").org_wide(MEMBERSHIP);
pub const REMOVE_MEMBER: Action = Action::manage("orgs:write").org_wide(MEMBERSHIP);
pub const MY_SCOPES: Action = Action::read("orgs:read");
pub const LIST_PROJECTS: Action = Action::read("projects:read");
pub const GET_PROJECT: Action = Action::read("projects:read");
pub const CREATE_PROJECT: Action = Action::read("projects:write").org_wide(PROJECTS);
pub const DELETE_PROJECT: Action = Action::read("projects:write").org_wide(PROJECTS);
pub const LIST_TOKENS: Action = Action::read("tokens:read");
pub const CREATE_TOKEN: Action = Action::manage("tokens:write");
pub const REVOKE_TOKEN: Action = Action::manage("tokens:write");
pub const READ_BILLING: Action =
    Action::read(saasignal_contract::billing::BILLING_READ).org_wide(BILLING);
pub const SWITCH_TO_FREE_PLAN: Action =
    Action::manage(saasignal_contract::billing::FREE_PLAN_SWITCH).org_wide(SETTINGS);

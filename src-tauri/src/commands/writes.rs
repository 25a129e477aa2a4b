//! Changing things on the server: orgs, members, projects. Each validates with the
//! contract's rules in Rust before anything is sent (the UI checks the same as you type).

use saasignal_client::InviteStatus;
use saasignal_core::accounts::AccountId;
use saasignal_core::{NewInvite, NewOrg, NewProject, OrgPatch};
use saasignal_model::{Org, Project};
use serde::{Deserialize, Serialize};
use tauri::State;

use super::error::CommandError;
use crate::state::AppState;

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OrgInput {
    pub name: String,
    /// Omitted or empty: the server generates one from the name.
    #[ts(optional)]
    pub slug: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OrgChanges {
    #[ts(optional)]
    pub name: Option<String>,
    #[ts(optional)]
    pub slug: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct InviteInput {
    pub email: String,
    pub scopes: Vec<String>,
    #[ts(optional)]
    pub project_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectInput {
    pub name: String,
    #[ts(optional)]
    pub description: Option<String>,
    #[ts(optional)]
    pub region: Option<String>,
}

/// What became of an invitation.
#[derive(Debug, Clone, Copy, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum InviteOutcome {
    /// The email had an account, which is now a member.
    Joined,
    /// Waiting for that email to sign up or sign in.
    Pending,
    /// Accepted by the server, which did not say which.
    Sent,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

#[tauri::command]
pub async fn create_org(
    state: State<'_, AppState>,
    account_id: AccountId,
    org: OrgInput,
) -> Result<Org, CommandError> {
    let org = NewOrg {
        name: org.name,
        slug: non_empty(org.slug),
    };
    Ok(state.core.create_org(&account_id, org).await?)
}

#[tauri::command]
pub async fn update_org(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    changes: OrgChanges,
) -> Result<Org, CommandError> {
    let patch = OrgPatch {
        name: changes.name,
        slug: changes.slug,
    };
    Ok(state.core.update_org(&account_id, &org_id, patch).await?)
}

#[tauri::command]
pub async fn delete_org(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    confirm_name: String,
) -> Result<(), CommandError> {
    Ok(state
        .core
        .delete_org(&account_id, &org_id, &confirm_name)
        .await?)
}

#[tauri::command]
pub async fn invite_member(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    invite: InviteInput,
) -> Result<InviteOutcome, CommandError> {
    let invite = NewInvite {
        email: invite.email.trim().to_owned(),
        scopes: invite.scopes,
        project_id: non_empty(invite.project_id),
    };
    let status = state
        .core
        .invite_member(&account_id, &org_id, invite)
        .await?;
    Ok(match status {
        InviteStatus::Joined => InviteOutcome::Joined,
        InviteStatus::Pending => InviteOutcome::Pending,
        InviteStatus::Sent => InviteOutcome::Sent,
    })
}

#[tauri::command]
pub async fn update_member_scopes(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    user_id: String,
    scopes: Vec<String>,
) -> Result<(), CommandError> {
    Ok(state
        .core
        .update_member_scopes(&account_id, &org_id, &user_id, scopes)
        .await?)
}

#[tauri::command]
pub async fn remove_member(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    user_id: String,
) -> Result<(), CommandError> {
    Ok(state
        .core
        .remove_member(&account_id, &org_id, &user_id)
        .await?)
}

#[tauri::command]
pub async fn create_project(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    project: ProjectInput,
) -> Result<Project, CommandError> {
    let project = NewProject {
        name: project.name,
        description: non_empty(project.description),
        region: non_empty(project.region),
    };
    Ok(state
        .core
        .create_project(&account_id, &org_id, project)
        .await?)
}

#[tauri::command]
pub async fn delete_project(
    state: State<'_, AppState>,
    account_id: AccountId,
    org_id: String,
    project_id: String,
) -> Result<(), CommandError> {
    Ok(state
        .core
        .delete_project(&account_id, &org_id, &project_id)
        .await?)
}

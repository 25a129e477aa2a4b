//! Members: list, invite, my scopes, replace scopes, remove.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use saasignal_contract::validate;
use serde_json::{Value, json};

use super::{json_body, success};
use crate::auth::access::{OrgAccess, authorize};
use crate::auth::actions;
use crate::auth::principal::Authenticated;
use crate::clock::now_ms;
use crate::errors::ApiError;
use crate::ids;
use crate::sandbox::Sandbox;
use crate::store::invites::{self, Invite};
use crate::store::members::{self, Member, NewMember, Role};
use crate::store::users;
use crate::wire::MemberJson;
use rusqlite::Connection;

/// `GET …/members` (orgs:read) → `[Member]`.
pub async fn list(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path(org_id): Path<String>,
) -> Result<Json<Vec<MemberJson>>, ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            authorize(conn, &principal, &org_id, actions::LIST_MEMBERS)?;
            Ok(Json(
                members::list(conn, &org_id)?
                    .iter()
                    .map(MemberJson::from)
                    .collect(),
            ))
        })
        .await
}

/// `POST …/members/invite` `{email*, scopes, project_id}` (orgs:write) → 202.
///
/// An email with an account joins at once (`"status":"member"`); any other stays
/// pending (`"status":"pending"`) until that email signs up or in.
pub async fn invite(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path(org_id): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let tx = conn.transaction()?;
            let access = authorize(&tx, &principal, &org_id, actions::INVITE_MEMBER)?;
            let body = json_body(&body)?;
            let email = body.required_str("email")?;
            validate::email(email)?;
            let email = email.to_lowercase();
            let scopes = body.string_list("scopes")?.unwrap_or_default();
            validate::scopes(&scopes)?;
            // Only what the caller holds can be handed out.
            access.require_all(&scopes)?;
            let project_id = match body.str("project_id")? {
                Some(project_id) => Some(access.project(&tx, project_id)?.id),
                None => access.project_id.clone(),
            };
            if members::email_is_member(&tx, &org_id, &email)? {
                return Err(ApiError::Conflict(format!(
                    "{email} is already a member of this organization"
                )));
            }
            let now = now_ms();
            let status = match users::find_by_email(&tx, &email)? {
                Some((user, _)) => {
                    members::insert(
                        &tx,
                        &NewMember {
                            org_id: &org_id,
                            user_id: &user.id,
                            role: Role::Member,
                            scopes: &scopes,
                            project_id: project_id.as_deref(),
                            joined_at: now,
                        },
                    )?;
                    "member"
                }
                None => {
                    let invite = Invite {
                        id: ids::invite(),
                        org_id,
                        email: email.clone(),
                        scopes,
                        project_id,
                        created_at: now,
                    };
                    invites::upsert(&tx, &invite)?;
                    "pending"
                }
            };
            tx.commit()?;
            Ok((
                StatusCode::ACCEPTED,
                Json(json!({ "success": true, "email": email, "status": status })),
            ))
        })
        .await
}

/// `GET …/my-scopes` (orgs:read) → `{"scopes":[…]}`, what the caller acts with here.
pub async fn my_scopes(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path(org_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let access = authorize(conn, &principal, &org_id, actions::MY_SCOPES)?;
            Ok(Json(json!({ "scopes": access.scopes })))
        })
        .await
}

/// The member `user_id` of the org, not the owner: 404 or 403 otherwise.
fn changeable_member(
    conn: &Connection,
    access: &OrgAccess,
    user_id: &str,
    what: &str,
) -> Result<Member, ApiError> {
    let member =
        members::find(conn, &access.org.id, user_id)?.ok_or(ApiError::NotFound("Member"))?;
    if member.role == Role::Owner {
        return Err(ApiError::Forbidden(format!(
            "Forbidden: the organization's owner cannot be {what}"
        )));
    }
    Ok(member)
}

/// `PUT …/members/{user_id}/scopes` `{scopes*}` (orgs:write) → the updated Member.
pub async fn update_scopes(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path((org_id, user_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<MemberJson>, ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let tx = conn.transaction()?;
            let access = authorize(&tx, &principal, &org_id, actions::UPDATE_MEMBER)?;
            let body = json_body(&body)?;
            let scopes = body.required_string_list("scopes")?;
            validate::scopes(&scopes)?;
            // The owner rule is the contract's documented refusal, so it wins
            // over the self rule when the owner tries to rescope themself.
            let mut member = changeable_member(&tx, &access, &user_id, "re-scoped")?;
            access.refuse_self(&user_id)?;
            access.require_all(&scopes)?;
            members::set_scopes(&tx, &org_id, &user_id, &scopes)?;
            tx.commit()?;
            member.scopes = scopes;
            Ok(Json(MemberJson::from(&member)))
        })
        .await
}

/// `DELETE …/members/{user_id}` (orgs:write) → `{"success":true}`.
pub async fn remove(
    State(sandbox): State<Sandbox>,
    Authenticated(principal): Authenticated,
    Path((org_id, user_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    sandbox
        .store()
        .run(move |conn| {
            let tx = conn.transaction()?;
            let access = authorize(&tx, &principal, &org_id, actions::REMOVE_MEMBER)?;
            changeable_member(&tx, &access, &user_id, "removed")?;
            members::delete(&tx, &org_id, &user_id)?;
            tx.commit()?;
            Ok(success())
        })
        .await
}

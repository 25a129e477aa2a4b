//! What some calls return beyond the model's resources: the answers that carry a
//! secret (kept apart in a [`Secret`]), the session, health and invite outcomes.

use saasignal_model::{Timestamp, User, timestamp};
use saasignal_secret::Secret;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A successful sign-in or sign-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// The session token: `set-auth-token`'s value when sent, else the body's `token`.
    pub token: Secret,
    /// Who signed in.
    pub user: User,
}

/// A session that is still valid (`GET /api/auth/get-session`). Its token is not
/// kept: the caller already holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    /// The session's id (not its token).
    pub id: String,
    /// The signed-in user's id.
    pub user_id: String,
    /// When it ends unless used again (sessions slide forward on use).
    #[serde(with = "timestamp::optional")]
    pub expires_at: Option<Timestamp>,
    /// The signed-in user.
    pub user: User,
}

/// What `GET /healthz` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Health {
    /// `ok` when healthy.
    pub status: String,
    /// The server's version.
    pub version: String,
    /// Seconds since the server started.
    pub uptime_seconds: Option<f64>,
    /// The database check's result, e.g. `ok`.
    pub database: Option<String>,
}

/// What became of an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum InviteStatus {
    /// The email had an account, which is now a member.
    Joined,
    /// The invitation waits for that email to sign up or in.
    Pending,
    /// Accepted; the server did not say which of the above.
    Sent,
}

impl InviteStatus {
    pub(crate) fn from_answer(answer: Option<&Value>) -> Self {
        match answer
            .and_then(|body| body.get("status"))
            .and_then(Value::as_str)
        {
            Some("member" | "joined" | "active") => InviteStatus::Joined,
            Some("pending" | "invited") => InviteStatus::Pending,
            _ => InviteStatus::Sent,
        }
    }
}

/// `/healthz` as the reference has it: `{status, version, uptime, checks:{database}}`.
#[derive(Deserialize)]
struct HealthWire {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    uptime: Option<f64>,
    #[serde(default)]
    checks: Option<ChecksWire>,
}

#[derive(Deserialize)]
struct ChecksWire {
    #[serde(default)]
    database: Option<String>,
}

impl Health {
    pub(crate) fn from_answer(answer: &Value) -> Result<Self, serde_json::Error> {
        let wire = HealthWire::deserialize(answer)?;
        Ok(Health {
            status: wire.status.unwrap_or_default(),
            version: wire.version.unwrap_or_default(),
            uptime_seconds: wire.uptime,
            database: wire.checks.and_then(|checks| checks.database),
        })
    }
}

/// better-auth's `session` object, minus its token.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionWire {
    #[serde(default)]
    id: Option<String>,
    #[serde(default, alias = "user_id")]
    user_id: Option<String>,
    #[serde(default, alias = "expires_at", with = "timestamp::optional")]
    expires_at: Option<Timestamp>,
}

impl Session {
    /// `{"session":{…},"user":{…}}`; a body without both is no session.
    pub(crate) fn from_answer(answer: &Value) -> Result<Option<Self>, serde_json::Error> {
        let (Some(session), Some(user)) = (answer.get("session"), answer.get("user")) else {
            return Ok(None);
        };
        if session.is_null() || user.is_null() {
            return Ok(None);
        }
        let wire = SessionWire::deserialize(session)?;
        Ok(Some(Session {
            id: wire.id.unwrap_or_default(),
            user_id: wire.user_id.unwrap_or_default(),
            expires_at: wire.expires_at,
            user: User::deserialize(user)?,
        }))
    }
}

/// Moves a string field out of an answer into a [`Secret`], so the only copy left
/// is the one that is zeroized on drop.
pub(crate) fn take_secret(answer: &mut Value, field: &str) -> Option<Secret> {
    match answer.as_object_mut()?.remove(field)? {
        Value::String(value) if !value.is_empty() => Some(Secret::new(value)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn session_reads_better_auth_shape() {
        let answer = json!({
            "session": {"id": "s_1", "userId": "u_1", "expiresAt": "2026-03-17T13:15:00.000Z", "token": "tok.en"},
            "user": {"id": "u_1", "email": "demo@saasignal.dev", "name": "Demo", "emailVerified": true}
        });
        let session = Session::from_answer(&answer).unwrap().unwrap();
        assert_eq!(session.user_id, "u_1");
        assert_eq!(session.user.email, "demo@saasignal.dev");
        assert!(session.expires_at.is_some());
        let out = serde_json::to_string(&session).unwrap();
        assert!(!out.contains("tok.en"), "{out}");
    }

    #[test]
    fn no_session_forms() {
        for answer in [
            json!(null),
            json!({}),
            json!({"session": null, "user": null}),
        ] {
            assert_eq!(Session::from_answer(&answer).unwrap(), None, "{answer}");
        }
    }

    #[test]
    fn health_reads_the_reference_shape() {
        let answer = json!({"status": "ok", "version": "0.1.0", "uptime": 12.5, "checks": {"database": "ok"}});
        let health = Health::from_answer(&answer).unwrap();
        assert_eq!(health.status, "ok");
        assert_eq!(health.uptime_seconds, Some(12.5));
        assert_eq!(health.database.as_deref(), Some("ok"));
        let sparse = Health::from_answer(&json!({"status": "ok", "extra": 1})).unwrap();
        assert_eq!(sparse.database, None);
    }

    #[test]
    fn invite_status_from_any_answer() {
        let status = |body: Value| InviteStatus::from_answer(Some(&body));
        assert_eq!(
            status(json!({"success": true, "status": "member"})),
            InviteStatus::Joined
        );
        assert_eq!(status(json!({"status": "pending"})), InviteStatus::Pending);
        assert_eq!(status(json!({"success": true})), InviteStatus::Sent);
        assert_eq!(InviteStatus::from_answer(None), InviteStatus::Sent);
    }

    #[test]
    fn secrets_are_moved_out_of_the_answer() {
        let mut answer = json!({"id": "tok_1", "token": "sk_live_abc"});
        let secret = take_secret(&mut answer, "token").unwrap();
        assert_eq!(secret.expose(), "sk_live_abc");
        assert_eq!(answer, json!({"id": "tok_1"}));
        assert!(take_secret(&mut json!({"token": null}), "token").is_none());
        assert!(take_secret(&mut json!({"token": ""}), "token").is_none());
        assert!(take_secret(&mut json!([1]), "token").is_none());
    }
}

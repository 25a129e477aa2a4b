//! An invite sent from this app. The platform lists no pending invites, so the app keeps
//! the ones it sent and shows each until the invitee has joined (and after, as accepted,
//! until the person forgets it).

use serde::Serialize;

use crate::timestamp::{self, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SentInvite {
    /// Lower-cased, as it is matched against the members' emails.
    pub email: String,
    pub scopes: Vec<String>,
    pub project_id: Option<String>,
    #[serde(serialize_with = "timestamp::required")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub invited_at: Timestamp,
    /// When the app first saw the email among the org's members; `None`: still pending.
    #[serde(serialize_with = "timestamp::optional::serialize")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub accepted_at: Option<Timestamp>,
}

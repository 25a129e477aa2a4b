//! [`Loaded`]: data together with how fresh it is.

use saasignal_cache::Cached;
use saasignal_model::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::ErrorReport;

/// Where a read may get its data (`"cache"` or `"network"` over IPC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReadMode {
    /// The cache only: instant, works offline. Screens open with this.
    #[serde(rename = "cache")]
    CacheOnly,
    /// The server, falling back to the cache when the server cannot be reached.
    Network,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Loaded<T> {
    pub data: T,
    /// When this data last came from the server (`None`: never).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub synced_at: Option<Timestamp>,
    /// `true` when this is the cache's copy rather than the server's answer just now.
    pub stale: bool,
    /// Set when the server was asked and could not answer: why.
    pub stale_reason: Option<ErrorReport>,
}

impl<T> Loaded<T> {
    pub fn fresh(data: T, synced_at: Timestamp) -> Self {
        Self {
            data,
            synced_at: Some(synced_at),
            stale: false,
            stale_reason: None,
        }
    }

    pub fn cached(cached: Cached<T>, reason: Option<ErrorReport>) -> Self {
        Self {
            data: cached.data,
            synced_at: cached.synced_at,
            stale: true,
            stale_reason: reason,
        }
    }
}

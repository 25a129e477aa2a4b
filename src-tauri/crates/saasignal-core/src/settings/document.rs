//! What `settings.json` holds, and how each version of it is read.
//!
//! ```json
//! { "version": 1,
//!   "accounts": { "accounts": [...], "current": "acc_…", "lastOrg": {...}, "pendingKeychainDeletes": [] },
//!   "preferences": { "useSystemProxy": true,
//!                    "keyThresholds": { "expiringWithinDays": 7, "neverUsedAfterDays": 30, "unusedAfterDays": 90 } } }
//! ```
//!
//! A file without `version` is the layout tauri-plugin-store wrote before version 1
//! (the same `accounts` object), and reads as version 1. Keys this version does not know
//! are kept as they are when the file is written again.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use saasignal_model::KeyThresholds;

use crate::accounts::AccountsFile;

/// The layout this version writes, and the newest it reads.
pub const CURRENT_VERSION: u64 = 1;

/// The person's choices that are not about one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct Preferences {
    /// Send requests to remote (https) servers through the system's proxy settings
    /// (`HTTPS_PROXY`/`ALL_PROXY`, and the OS's own on macOS and Windows). Loopback
    /// servers are never proxied, whatever this says.
    pub use_system_proxy: bool,
    /// The thresholds of the key rules (the Tokens tab's Health panel and filters).
    pub key_thresholds: KeyThresholds,
    /// Once a day per account, a desktop notification about keys that expire soon or
    /// have expired unrevoked.
    pub expiry_notifications: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            use_system_proxy: true,
            key_thresholds: KeyThresholds::default(),
            expiry_notifications: true,
        }
    }
}

/// The whole file, as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Document {
    pub accounts: AccountsFile,
    pub preferences: Preferences,
    /// Every top-level key as found, so that keys of a newer version survive a save.
    others: Map<String, Value>,
}

/// Why a file's content could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unusable {
    /// Not JSON, cut short, or not the shape of any version.
    Malformed(String),
    /// Written by a newer version of the app.
    Newer(u64),
}

impl Document {
    pub fn parse(bytes: &[u8]) -> Result<Self, Unusable> {
        let mut others: Map<String, Value> = serde_json::from_slice(bytes)
            .map_err(|error| Unusable::Malformed(describe_json_error(&error)))?;
        let version = match others.remove("version") {
            None => CURRENT_VERSION,
            Some(Value::Number(number)) => number
                .as_u64()
                .ok_or_else(|| Unusable::Malformed(format!("its version {number} is not valid")))?,
            Some(other) => {
                return Err(Unusable::Malformed(format!(
                    "its version is {other}, not a number"
                )));
            }
        };
        if version > CURRENT_VERSION {
            return Err(Unusable::Newer(version));
        }
        Self::from_map(others)
    }

    /// Whatever a newer version's file holds that this version understands: it is shown,
    /// never written back.
    pub fn parse_newer(bytes: &[u8]) -> Self {
        let Ok(mut others) = serde_json::from_slice::<Map<String, Value>>(bytes) else {
            return Self::default();
        };
        others.remove("version");
        let accounts = others
            .remove("accounts")
            .and_then(|value| serde_json::from_value(value).ok())
            .unwrap_or_default();
        Self {
            accounts,
            ..Self::default()
        }
    }

    fn from_map(mut others: Map<String, Value>) -> Result<Self, Unusable> {
        let accounts = match others.remove("accounts") {
            None | Some(Value::Null) => AccountsFile::default(),
            Some(value) => serde_json::from_value(value).map_err(|error| {
                Unusable::Malformed(format!(
                    "its account list does not have the expected shape ({error})"
                ))
            })?,
        };
        // A preference that does not read is not worth losing the accounts over.
        let preferences = others
            .remove("preferences")
            .and_then(|value| serde_json::from_value(value).ok())
            .unwrap_or_default();
        Ok(Self {
            accounts,
            preferences,
            others,
        })
    }

    pub fn to_bytes(&self) -> Result<Vec<u8>, serde_json::Error> {
        let mut map = self.others.clone();
        map.insert("version".into(), Value::from(CURRENT_VERSION));
        map.insert("accounts".into(), serde_json::to_value(&self.accounts)?);
        map.insert(
            "preferences".into(),
            serde_json::to_value(&self.preferences)?,
        );
        let mut bytes = serde_json::to_vec_pretty(&map)?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

/// serde's message without the value it quotes (a file that is not ours may hold anything).
fn describe_json_error(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match error.classify() {
        Category::Eof => "it ends in the middle (the file was cut short)",
        Category::Syntax => "it is not valid JSON",
        Category::Data => "it is not a settings object",
        Category::Io => "it could not be read",
    };
    format!("{what}, at line {} column {}", error.line(), error.column())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plugin_store_layout_reads_as_version_one() {
        let old = br#"{"accounts":{"accounts":[],"current":null,"lastOrg":{"acc_1":"org_1"}}}"#;
        let document = Document::parse(old).unwrap();
        assert_eq!(document.accounts.last_org.len(), 1);
        assert_eq!(document.preferences, Preferences::default());
    }

    #[test]
    fn unknown_keys_survive_a_round_trip() {
        let file = br#"{"version":1,"accounts":null,"windowTheme":"dark"}"#;
        let document = Document::parse(file).unwrap();
        let again: Value = serde_json::from_slice(&document.to_bytes().unwrap()).unwrap();
        assert_eq!(again["windowTheme"], "dark");
        assert_eq!(again["version"], 1);
    }

    #[test]
    fn damage_and_newer_versions_are_told_apart() {
        let cases: [(&[u8], &str); 4] = [
            (br#"{"version":1,"accounts":{"acc"#, "cut short"),
            (b"\x00\x01binary", "not valid JSON"),
            (br#"[1,2]"#, "not a settings object"),
            (br#"{"accounts":"oops"}"#, "expected shape"),
        ];
        for (bytes, expected) in cases {
            match Document::parse(bytes) {
                Err(Unusable::Malformed(why)) => assert!(why.contains(expected), "{why}"),
                other => panic!("{other:?} for {bytes:?}"),
            }
        }
        assert_eq!(
            Document::parse(br#"{"version":7,"accounts":{"future":true}}"#),
            Err(Unusable::Newer(7))
        );
    }
}

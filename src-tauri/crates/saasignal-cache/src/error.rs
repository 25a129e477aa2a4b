//! The one error type of the cache.

use std::path::PathBuf;

/// Why a cache operation failed.
///
/// A damaged or foreign cache file is not an error: [`crate::Cache::open`] sets it aside
/// and rebuilds. What remains here is what the app cannot fix on its own.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// The folder that should hold the cache file could not be created.
    #[error(
        "could not create the cache folder {path}: {source}; check that the app's data folder is writable"
    )]
    CreateFolder {
        /// The folder that was being created.
        path: PathBuf,
        /// What the operating system reported.
        source: std::io::Error,
    },

    /// SQLite could not open or prepare the cache file for a reason other than damage,
    /// e.g. no permission, a full disk, or another process holding it locked.
    #[error(
        "could not open the offline cache at {path}: {source}; check the file's permissions and free disk space, and that no other copy of the app is using it"
    )]
    Open {
        /// The cache file.
        path: PathBuf,
        /// What SQLite reported.
        source: rusqlite::Error,
    },

    /// An unusable cache file could not be moved out of the way.
    #[error(
        "the offline cache at {path} is unusable and could not be moved aside: {source}; quit the app, delete that file, and start the app again"
    )]
    SetAside {
        /// The file that should have been moved.
        path: PathBuf,
        /// What the operating system reported.
        source: std::io::Error,
    },

    /// Even a freshly created cache file could not be set up.
    #[error(
        "could not build a new offline cache at {path}: {reason}; check the app's data folder and free disk space"
    )]
    Rebuild {
        /// The cache file.
        path: PathBuf,
        /// What went wrong with the new file.
        reason: String,
    },

    /// The cache schema could not be brought up to date.
    #[error("could not update the offline cache's layout: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    /// A statement failed on an open cache.
    #[error("the offline cache failed: {0}")]
    Sqlite(rusqlite::Error),

    /// A child resource was written for an org that this account's cache does not hold.
    #[error(
        "organization {org_id} is not in the offline cache of account {account}; refresh the organization list first"
    )]
    OrgNotCached {
        /// The account the write was for.
        account: String,
        /// The org that is missing.
        org_id: String,
    },

    /// A stored value does not decode (e.g. a scopes column that is not a JSON list).
    #[error(
        "the offline cache holds an unreadable value ({detail}); remove the cache file to have it rebuilt"
    )]
    Corrupt {
        /// Which value could not be read, and why.
        detail: String,
    },
}

impl CacheError {
    /// What the system reported, without the path or advice around it, for messages
    /// that name the file and say what to do themselves.
    pub fn cause(&self) -> String {
        match self {
            CacheError::CreateFolder { source, .. } | CacheError::SetAside { source, .. } => {
                source.to_string()
            }
            CacheError::Open { source, .. } => source.to_string(),
            CacheError::Rebuild { reason, .. } => reason.clone(),
            CacheError::Migration(error) => error.to_string(),
            CacheError::Sqlite(error) => error.to_string(),
            CacheError::OrgNotCached { .. } | CacheError::Corrupt { .. } => self.to_string(),
        }
    }
}

impl From<rusqlite::Error> for CacheError {
    fn from(error: rusqlite::Error) -> Self {
        match error {
            // Row mappers report undecodable values this way; the person needs to know
            // the data is bad, not that a statement failed.
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..) => CacheError::Corrupt {
                detail: error.to_string(),
            },
            other => CacheError::Sqlite(other),
        }
    }
}

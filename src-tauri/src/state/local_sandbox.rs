//! The sandbox embedded in the app ("Explore the local sandbox"): started on demand on
//! a free loopback port, its data kept under the app's data folder, demo data seeded.

use std::path::PathBuf;

use saasignal_sandbox::{DbLocation, Sandbox, SandboxConfig, SandboxError, SandboxHandle};
use tokio::sync::Mutex;

#[derive(Debug, thiserror::Error)]
pub enum LocalSandboxError {
    #[error("The local sandbox's folder could not be created: {0}")]
    Folder(#[from] std::io::Error),
    #[error("The local sandbox could not start: {0}")]
    Start(#[from] SandboxError),
}

pub struct LocalSandbox {
    dir: PathBuf,
    running: Mutex<Option<SandboxHandle>>,
}

impl LocalSandbox {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            running: Mutex::new(None),
        }
    }

    /// Starts the sandbox unless it runs already; returns its base URL.
    pub async fn ensure_running(&self) -> Result<String, LocalSandboxError> {
        let mut running = self.running.lock().await;
        if let Some(handle) = running.as_ref() {
            return Ok(handle.base_url());
        }
        std::fs::create_dir_all(&self.dir)?;
        let handle = Sandbox::start(SandboxConfig {
            db: DbLocation::File(self.dir.join("sandbox.sqlite")),
            seed_demo: true,
            ..SandboxConfig::default()
        })
        .await?;
        let url = handle.base_url();
        tracing::info!(%url, "local sandbox started");
        *running = Some(handle);
        Ok(url)
    }

    pub async fn stop(&self) {
        if let Some(handle) = self.running.lock().await.take() {
            handle.shutdown().await;
        }
    }
}

//! A second launch of the app beside the running one, as the OS does when a link to the
//! app is opened: same folders and session, its own arguments. Single-instance hands
//! them to the running app and the second process exits.

use std::time::Duration;

use anyhow::{Context, Result, ensure};

use super::app::App;
use super::driver::LAUNCH_MARKER;

impl App {
    /// Starts the app again with `args` and waits (up to 20 s) for it to hand over and exit.
    pub async fn launch_again(&self, args: &[&str]) -> Result<()> {
        let mut command = tokio::process::Command::new(&self.exe);
        command
            .args(args)
            .env(LAUNCH_MARKER, &self.marker)
            .envs(self.dirs.env())
            .kill_on_drop(true);
        let mut child = command
            .spawn()
            .with_context(|| format!("cannot start {} again", self.exe.display()))?;
        let status = tokio::time::timeout(Duration::from_secs(20), child.wait())
            .await
            .context("the second launch did not hand over and exit within 20 s")??;
        ensure!(status.success(), "the second launch exited with {status}");
        Ok(())
    }
}

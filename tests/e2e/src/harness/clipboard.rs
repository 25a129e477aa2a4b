//! The X clipboard as another program sees it: `xclip -o -selection clipboard`, run
//! against the test's virtual display. The value read is returned to the caller only;
//! it is never printed.

use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use tokio::process::Command;

/// The clipboard's text, or `None` when it holds none (no owner, or cleared).
pub async fn text() -> Result<Option<String>> {
    let run = Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .output();
    // xclip waits for the selection's owner (the app) to answer; an owner that never
    // does must not hang the suite.
    let output = tokio::time::timeout(Duration::from_secs(5), run)
        .await
        .context("xclip did not answer within 5 s")?
        .context("cannot run xclip (apt-get install xclip)")?;
    if !output.status.success() {
        // "target STRING not available": nobody offers text, i.e. the clipboard is empty.
        return Ok(None);
    }
    match String::from_utf8(output.stdout) {
        Ok(text) if text.is_empty() => Ok(None),
        Ok(text) => Ok(Some(text)),
        Err(_) => bail!("the clipboard holds bytes that are not UTF-8"),
    }
}

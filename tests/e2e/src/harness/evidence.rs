//! What a journey leaves behind in `target/e2e/<test>/`: a numbered screenshot per step
//! (`01-welcome.png`, …), and on failure `failure.txt`, `page-source.html`, `app.log`
//! and `webdriver.log`. Every text written here first has the run's known secrets
//! redacted; the launches' own folders (`launch-N/`) sit beside them and are scanned.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use anyhow::{Context, Result};

use super::{scan, target_dir};

pub struct Evidence {
    name: String,
    dir: PathBuf,
    step: AtomicU32,
}

impl Evidence {
    /// A clean `target/e2e/<name>/` (the previous run's is removed).
    pub fn create(name: &str) -> Result<Self> {
        let dir = target_dir().join("e2e").join(name);
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot clear {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Self {
            name: name.to_owned(),
            dir,
            step: AtomicU32::new(0),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `NN-<step>.png`, numbered in the order steps happen.
    pub fn next_screenshot(&self, step: &str) -> PathBuf {
        let n = self.step.fetch_add(1, Ordering::Relaxed) + 1;
        let slug: String = step
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        self.dir.join(format!("{n:02}-{slug}.png"))
    }

    /// Writes `text` (secrets redacted) as `file_name`.
    pub fn write_text(&self, file_name: &str, text: &str) -> Result<PathBuf> {
        let path = self.dir.join(file_name);
        std::fs::write(&path, scan::redact(text))
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(path)
    }

    /// Copies a text file (secrets redacted) as `file_name`; a missing file is noted.
    pub fn copy_text(&self, from: &Path, file_name: &str) -> Result<PathBuf> {
        let text = match std::fs::read(from) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(error) => format!("({} could not be read: {error})\n", from.display()),
        };
        self.write_text(file_name, &text)
    }
}

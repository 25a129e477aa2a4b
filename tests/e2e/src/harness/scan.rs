//! The secret scan. Every secret the run comes to know goes into one book: session
//! tokens the test sandbox issued (recorded off the wire), API keys (recorded off the
//! wire and read from the copy-once dialog), passwords typed into the app. After a
//! journey's app has quit, every file under its launch folder (HOME, XDG data, config
//! and cache, the app's logs, the WebDriver log) and the journey's evidence is searched
//! for each of them, as UTF-8 and as UTF-16 (WebKit's storage), and every 64-hex run is
//! hashed against the session and key digests of the sandboxes' databases, which also
//! catches secrets the suite never saw (the app's embedded sandbox). Findings name the
//! file and the kind of secret, never the value.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use anyhow::{Context, Result};
use regex::bytes::Regex;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    SessionToken,
    ApiKey,
    BrowserToken,
    Password,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::SessionToken => "session token",
            Kind::ApiKey => "API key secret",
            Kind::BrowserToken => "browser token",
            Kind::Password => "password",
        })
    }
}

/// One secret and where it came from. Debug never shows the value.
#[derive(Clone)]
pub struct Known {
    pub kind: Kind,
    pub origin: String,
    value: String,
}

impl fmt::Debug for Known {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.kind, self.origin)
    }
}

static BOOK: Mutex<Vec<Known>> = Mutex::new(Vec::new());

fn book() -> MutexGuard<'static, Vec<Known>> {
    BOOK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Adds a secret to the run's book (once).
pub fn remember(kind: Kind, origin: impl Into<String>, value: &str) {
    if value.len() < 8 {
        return; // too short to search for without false alarms; nothing we issue is
    }
    let mut book = book();
    if !book.iter().any(|known| known.value == value) {
        book.push(Known {
            kind,
            origin: origin.into(),
            value: value.to_owned(),
        });
    }
}

/// How many secrets the run knows (for the report).
pub fn known_count() -> usize {
    book().len()
}

/// Whether `value` is in the book (e.g. the dialog's secret was seen on the wire).
pub fn is_known(kind: Kind, value: &str) -> bool {
    book()
        .iter()
        .any(|known| known.kind == kind && known.value == value)
}

/// `text` with every known secret replaced by a marker naming its kind.
pub fn redact(text: &str) -> String {
    let mut out = text.to_owned();
    for known in book().iter() {
        if out.contains(&known.value) {
            out = out.replace(&known.value, &format!("[redacted {}]", known.kind));
        }
    }
    out
}

/// SHA-256 digests of live credentials, as the sandboxes store them.
#[derive(Debug, Default)]
pub struct Digests {
    sessions: HashSet<String>,
    api_keys: HashSet<String>,
}

impl Digests {
    /// Adds the session and API key digests of a sandbox database (missing file: none).
    pub fn add_sandbox_db(&mut self, db: &Path) -> Result<()> {
        if !db.is_file() {
            return Ok(());
        }
        let conn =
            rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .with_context(|| format!("cannot open {}", db.display()))?;
        let column = |sql: &str, into: &mut HashSet<String>| -> Result<()> {
            let mut statement = conn.prepare(sql)?;
            let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
            for row in rows {
                into.insert(row?);
            }
            Ok(())
        };
        column("SELECT token_hash FROM sessions", &mut self.sessions)?;
        column("SELECT secret_hash FROM api_tokens", &mut self.api_keys)?;
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.sessions.len() + self.api_keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A secret found in a file.
#[derive(Debug)]
pub struct Finding {
    pub file: PathBuf,
    pub what: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} in {}", self.what, self.file.display())
    }
}

/// What a scan looked at, for the log line.
#[derive(Debug, Default)]
pub struct Report {
    pub files: usize,
    pub bytes: u64,
    pub secrets: usize,
    pub digests: usize,
    pub findings: Vec<Finding>,
}

/// Searches every regular file under `roots`.
pub fn scan(roots: &[PathBuf], digests: &Digests) -> Result<Report> {
    let known = book().clone();
    // One automaton for every secret in both encodings; `labels[i]` names alternative i.
    let mut alternatives = Vec::new();
    let mut labels = Vec::new();
    for k in &known {
        let utf16: Vec<u8> = k.value.encode_utf16().flat_map(u16::to_le_bytes).collect();
        alternatives.push(format!("({})", byte_pattern(k.value.as_bytes())));
        labels.push(format!("{k:?}"));
        alternatives.push(format!("({})", byte_pattern(&utf16)));
        labels.push(format!("{k:?} as UTF-16"));
    }
    let secrets = (!alternatives.is_empty())
        .then(|| Regex::new(&alternatives.join("|")))
        .transpose()
        .context("secret patterns")?;
    let hex8 = Regex::new(r"[0-9a-f]{64,}").expect("valid regex");
    let hex16 = Regex::new(r"(?-u)(?:[0-9a-f]\x00){64,}").expect("valid regex");
    let mut report = Report {
        secrets: known.len(),
        digests: digests.len(),
        ..Report::default()
    };
    let mut files = Vec::new();
    for root in roots {
        collect_files(root, &mut files)?;
    }
    for file in files {
        let Ok(bytes) = std::fs::read(&file) else {
            continue; // vanished (a socket's lock file): nothing to read
        };
        report.files += 1;
        report.bytes += bytes.len() as u64;
        if let Some(secrets) = &secrets {
            let mut seen = HashSet::new();
            for captures in secrets.captures_iter(&bytes) {
                let which = (1..captures.len()).find(|i| captures.get(*i).is_some());
                if let Some(i) = which
                    && seen.insert(i)
                {
                    report.findings.push(Finding {
                        file: file.clone(),
                        what: labels[i - 1].clone(),
                    });
                }
            }
        }
        if digests.is_empty() {
            continue;
        }
        let mut runs: Vec<Vec<u8>> = hex8
            .find_iter(&bytes)
            .map(|m| m.as_bytes().to_vec())
            .collect();
        runs.extend(hex16.find_iter(&bytes).map(|m| {
            m.as_bytes()
                .iter()
                .copied()
                .filter(|b| *b != 0)
                .collect::<Vec<u8>>()
        }));
        for run in runs {
            if let Some(what) = digest_hit(&run, digests) {
                report.findings.push(Finding {
                    file: file.clone(),
                    what,
                });
            }
        }
    }
    Ok(report)
}

/// Whether any 64-character window of a hex run is a live session token or key body.
fn digest_hit(run: &[u8], digests: &Digests) -> Option<String> {
    for window in run.windows(64) {
        let sha = |bytes: &[u8]| hex::encode(Sha256::digest(bytes));
        if digests.sessions.contains(&sha(window)) {
            return Some("a session token of a sandbox (matched by its stored digest)".into());
        }
        let mut key = b"sk_live_".to_vec();
        key.extend_from_slice(window);
        if digests.api_keys.contains(&sha(&key)) {
            return Some("an API key secret of a sandbox (matched by its stored digest)".into());
        }
    }
    None
}

/// A regex matching exactly these bytes (any byte, NUL included).
fn byte_pattern(bytes: &[u8]) -> String {
    let mut pattern = String::from("(?-u:");
    for byte in bytes {
        pattern.push_str(&format!("\\x{byte:02x}"));
    }
    pattern.push(')');
    pattern
}

fn collect_files(dir: &Path, into: &mut Vec<PathBuf>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error).with_context(|| format!("cannot list {}", dir.display())),
    };
    for entry in entries {
        let entry = entry?;
        // symlink_metadata: a link out of the launch folder is not the launch's file.
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect_files(&entry.path(), into)?;
        } else if kind.is_file() {
            into.push(entry.path());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_utf8_utf16_and_digest_matches_without_showing_values() {
        let dir = std::env::temp_dir().join(format!("saasignal-e2e-scan-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("nested")).unwrap();
        let token = "ab".repeat(32);
        let key = format!("sk_live_{}", "cd".repeat(32));
        remember(Kind::ApiKey, "unit test", &key);
        std::fs::write(dir.join("plain.txt"), format!("x{key}y")).unwrap();
        let utf16: Vec<u8> = key.encode_utf16().flat_map(u16::to_le_bytes).collect();
        std::fs::write(dir.join("nested/storage.bin"), utf16).unwrap();
        std::fs::write(dir.join("clean.txt"), "nothing here").unwrap();
        std::fs::write(dir.join("leak.log"), format!("bearer 0{token}")).unwrap();
        let mut digests = Digests::default();
        digests
            .sessions
            .insert(hex::encode(Sha256::digest(token.as_bytes())));

        let report = scan(std::slice::from_ref(&dir), &digests).unwrap();
        let files: Vec<String> = report
            .findings
            .iter()
            .map(|f| f.file.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(report.files, 4);
        assert!(files.contains(&"plain.txt".to_owned()));
        assert!(files.contains(&"storage.bin".to_owned()));
        assert!(files.contains(&"leak.log".to_owned()));
        assert!(!files.contains(&"clean.txt".to_owned()));
        for finding in &report.findings {
            let shown = finding.to_string();
            assert!(!shown.contains(&key) && !shown.contains(&token));
        }
        assert_eq!(
            redact(&format!("a {key} b")),
            "a [redacted API key secret] b"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! A small command runner: each command prints itself, its time, and fails with its
//! exit status.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use crate::steps::repo_root;

/// A command line that prints itself before it runs and fails with its exit status.
pub struct Cmd {
    inner: Command,
    shown: String,
}

impl Cmd {
    pub fn new(program: impl Into<OsString>) -> Self {
        let program = program.into();
        let shown = program.to_string_lossy().into_owned();
        let mut inner = Command::new(program);
        inner.current_dir(repo_root());
        Self { inner, shown }
    }

    pub fn cargo() -> Self {
        Self::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
    }

    pub fn npm() -> Self {
        Self::new(if cfg!(windows) { "npm.cmd" } else { "npm" })
    }

    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Self {
        self.shown.push(' ');
        self.shown.push_str(&arg.as_ref().to_string_lossy());
        self.inner.arg(arg);
        self
    }

    pub fn args<S: AsRef<std::ffi::OsStr>>(mut self, args: &[S]) -> Self {
        for arg in args {
            self = self.arg(arg);
        }
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.inner.env(key, value);
        self
    }

    pub fn dir(mut self, dir: &Path) -> Self {
        self.inner.current_dir(dir);
        self
    }

    pub fn run(mut self) -> Result<(), String> {
        eprintln!("xtask$ {}", self.shown);
        let started = Instant::now();
        let status = self
            .inner
            .status()
            .map_err(|error| format!("could not start `{}`: {error}", self.shown))?;
        self.took(started);
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.shown))
        }
    }

    /// Runs as a step (shown, its stderr passed through) and returns its stdout.
    pub fn run_capturing_stdout(mut self) -> Result<String, String> {
        eprintln!("xtask$ {}", self.shown);
        let started = Instant::now();
        let output = self
            .inner
            .stderr(Stdio::inherit())
            .output()
            .map_err(|error| format!("could not start `{}`: {error}", self.shown))?;
        self.took(started);
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(format!("`{}` failed ({})", self.shown, output.status))
        }
    }

    /// Starts the command beside the steps that follow, its output kept in `log` and
    /// printed whole by [`Running::finish`], so the two steps' lines do not interleave.
    pub fn start_beside(mut self, log: &Path) -> Result<Running, String> {
        eprintln!("xtask$ {} (beside the next steps)", self.shown);
        let cannot_log = |error: std::io::Error| format!("cannot write {}: {error}", log.display());
        let stdout = std::fs::File::create(log).map_err(cannot_log)?;
        let stderr = stdout.try_clone().map_err(cannot_log)?;
        let child = self
            .inner
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .map_err(|error| format!("could not start `{}`: {error}", self.shown))?;
        Ok(Running {
            child,
            cmd: self,
            log: log.to_path_buf(),
            started: Instant::now(),
        })
    }

    /// Each step's time, so a CI log shows where its minutes go.
    fn took(&self, started: Instant) {
        let seconds = started.elapsed().as_secs();
        if seconds >= 1 {
            let shown: String = self.shown.chars().take(100).collect();
            eprintln!("xtask: {}:{:02} for {shown}", seconds / 60, seconds % 60);
        }
    }

    /// Runs quietly and returns stdout; for probes, not for steps.
    pub fn output_text(mut self) -> Result<String, String> {
        let output = self
            .inner
            .stderr(Stdio::null())
            .output()
            .map_err(|error| format!("could not start `{}`: {error}", self.shown))?;
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// Feeds `input` on stdin and waits.
    pub fn run_with_stdin(mut self, input: &[u8]) -> Result<(), String> {
        use std::io::Write;
        eprintln!("xtask$ {}", self.shown);
        let mut child = self
            .inner
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .map_err(|error| format!("could not start `{}`: {error}", self.shown))?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(input)
                .map_err(|error| format!("could not feed `{}`: {error}", self.shown))?;
        }
        let status = child
            .wait()
            .map_err(|error| format!("`{}` did not finish: {error}", self.shown))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.shown))
        }
    }
}

/// A command started with [`Cmd::start_beside`].
pub struct Running {
    child: Child,
    cmd: Cmd,
    log: PathBuf,
    started: Instant,
}

impl Running {
    /// Waits for it, prints its output, and fails with its exit status.
    pub fn finish(mut self) -> Result<(), String> {
        let status = self
            .child
            .wait()
            .map_err(|error| format!("`{}` did not finish: {error}", self.cmd.shown))?;
        let output = std::fs::read_to_string(&self.log).unwrap_or_else(|error| {
            format!(
                "(its output in {} is unreadable: {error})\n",
                self.log.display()
            )
        });
        eprintln!("xtask: the output of `{}`:", self.cmd.shown);
        eprint!("{output}");
        self.cmd.took(self.started);
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.cmd.shown))
        }
    }
}

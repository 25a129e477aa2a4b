//! The test's own sandbox: `saasignal-sandbox`'s routes on a real loopback port, with
//! its data in a file so it can be stopped mid-journey and started again on the same
//! port with the same data. A layer in front records every credential it hands out
//! (session tokens from sign-in, API key secrets and browser tokens from their POSTs)
//! into the secret book, so the scan knows exactly what the app was given.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::Response;
use saasignal_client::{ClientConfig, PlatformClient, SignedIn};
use saasignal_sandbox::seed::DemoAccount;
use saasignal_sandbox::{DbLocation, RateLimit, Sandbox, SandboxConfig};
use saasignal_secret::Secret;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::scan::{self, Kind};

/// Session tokens issued, with the email they belong to.
type Sessions = Arc<Mutex<Vec<(String, String)>>>;

pub struct TestServer {
    addr: SocketAddr,
    db: PathBuf,
    sessions: Sessions,
    running: Option<Running>,
    sandbox: Option<Sandbox>,
}

struct Running {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl TestServer {
    /// A seeded sandbox (the demo org "Acme Corp" and its users) on a free port, its
    /// database at `dir/sandbox.sqlite`.
    pub async fn start(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)?;
        let mut server = Self {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            db: dir.join("sandbox.sqlite"),
            sessions: Arc::default(),
            running: None,
            sandbox: None,
        };
        server.serve(true).await?;
        Ok(server)
    }

    /// Opens the database and serves it on `self.addr` (port 0 the first time).
    async fn serve(&mut self, seed: bool) -> Result<()> {
        let config = SandboxConfig {
            addr: self.addr,
            db: DbLocation::File(self.db.clone()),
            seed_demo: seed,
            // The journeys sign the same users in a few times in a row; no lockouts.
            sign_in_rate_limit: RateLimit::OFF,
            ..SandboxConfig::default()
        };
        let sandbox = {
            let config = config.clone();
            tokio::task::spawn_blocking(move || Sandbox::open(&config)).await??
        };
        if seed {
            saasignal_sandbox::seed_demo(&sandbox).await?;
        }
        let listener = TcpListener::bind(self.addr)
            .await
            .with_context(|| format!("cannot listen on {}", self.addr))?;
        self.addr = listener.local_addr()?;
        let app = sandbox
            .router()
            .layer(from_fn_with_state(self.sessions.clone(), record_secrets));
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        self.running = Some(Running { stop, task });
        self.sandbox = Some(sandbox);
        Ok(())
    }

    /// The sandbox being served (to inject faults, count requests, seed more data).
    pub fn sandbox(&self) -> Result<&Sandbox> {
        self.sandbox
            .as_ref()
            .ok_or_else(|| anyhow!("the test sandbox is not serving"))
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn db_path(&self) -> &Path {
        &self.db
    }

    /// Stops serving: the port closes, open connections end (at most 3 s of grace).
    pub async fn stop(&mut self) {
        if let Some(Running { stop, mut task }) = self.running.take() {
            let _ = stop.send(());
            if tokio::time::timeout(Duration::from_secs(3), &mut task)
                .await
                .is_err()
            {
                task.abort();
                let _ = task.await;
            }
        }
    }

    /// Serves the same database on the same port again (a fresh sandbox instance).
    pub async fn restart(&mut self) -> Result<()> {
        self.stop().await;
        self.serve(false).await
    }

    /// A client of this sandbox for checks from the server's side.
    pub fn client(&self) -> Result<PlatformClient> {
        PlatformClient::new(ClientConfig::new(self.base_url()))
            .map_err(|error| anyhow!("client for {}: {error}", self.base_url()))
    }

    /// Signs a demo user in through the API (the token goes into the secret book).
    pub async fn sign_in(&self, account: DemoAccount) -> Result<SignedIn> {
        let signed_in = self
            .client()?
            .sign_in_email(account.email, &Secret::new(account.password), None)
            .await
            .map_err(|error| anyhow!("API sign-in as {}: {error}", account.email))?;
        scan::remember(
            Kind::SessionToken,
            format!("API sign-in of {}", account.email),
            signed_in.token.expose(),
        );
        Ok(signed_in)
    }

    /// The scopes of the invitation waiting for `email` (any org), read from the
    /// sandbox's database: the API has no list of pending invitations. `None` when no
    /// invitation waits (never sent, or accepted by a sign-up).
    pub fn pending_invite(&self, email: &str) -> Result<Option<Vec<String>>> {
        let conn = rusqlite::Connection::open_with_flags(
            &self.db,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .with_context(|| format!("cannot open {}", self.db.display()))?;
        let mut statement = conn.prepare("SELECT scopes FROM invites WHERE email = ?1")?;
        let mut rows =
            statement.query_map([email.to_lowercase()], |row| row.get::<_, String>(0))?;
        match rows.next() {
            None => Ok(None),
            Some(scopes) => Ok(Some(
                serde_json::from_str(&scopes?).context("the invite's scopes column")?,
            )),
        }
    }

    /// Ends, on the server, every session issued to `email` through this sandbox (what
    /// an admin signing the user out elsewhere looks like to the app). Returns how many.
    pub async fn sign_out_everywhere(&self, email: &str) -> Result<usize> {
        let tokens: Vec<String> = self
            .sessions
            .lock()
            .map_err(|_| anyhow!("session list poisoned"))?
            .iter()
            .filter(|(who, _)| who.eq_ignore_ascii_case(email))
            .map(|(_, token)| token.clone())
            .collect();
        let client = self.client()?;
        for token in &tokens {
            client
                .sign_out(&Secret::new(token.as_str()))
                .await
                .map_err(|error| anyhow!("sign-out on the sandbox: {error}"))?;
        }
        Ok(tokens.len())
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            let _ = running.stop.send(());
        }
    }
}

/// Lets a response through, noting every credential in it: `set-auth-token`, and the
/// `token` / `secret` strings of a POST's JSON body (sign-in, token and browser-token
/// creation).
async fn record_secrets(
    State(sessions): State<Sessions>,
    request: Request,
    next: Next,
) -> Response {
    let is_post = request.method() == Method::POST;
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    if !is_post {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 4 << 20)
        .await
        .unwrap_or_default();
    let json: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let origin = format!("issued by the test sandbox (POST {path})");
    if let Some(token) = parts
        .headers
        .get("set-auth-token")
        .and_then(|value| value.to_str().ok())
    {
        scan::remember(Kind::SessionToken, origin.clone(), token);
        let email = json
            .pointer("/user/email")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if let Ok(mut sessions) = sessions.lock() {
            sessions.push((email, token.to_owned()));
        }
    }
    note_credentials(&json, &origin);
    Response::from_parts(parts, Body::from(bytes))
}

fn note_credentials(value: &Value, origin: &str) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if let (Some(text), true) = (inner.as_str(), key == "token" || key == "secret") {
                    let kind = if text.starts_with("sk_live_") {
                        Kind::ApiKey
                    } else if text.starts_with("bt_") {
                        Kind::BrowserToken
                    } else {
                        Kind::SessionToken
                    };
                    scan::remember(kind, origin, text);
                } else {
                    note_credentials(inner, origin);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| note_credentials(item, origin)),
        _ => {}
    }
}

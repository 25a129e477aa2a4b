//! The sandbox itself: shared state, the HTTP server and its handle.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::auth::browser_tokens::BrowserTokenKeys;
use crate::auth::rate_limit::SignInLimiter;
use crate::config::SandboxConfig;
use crate::errors::SandboxError;
use crate::faults::Faults;
use crate::net::{ConnInfo, KillableListener};
use crate::store::Store;
use crate::{routes, seed};

// How long `shutdown` waits for in-flight requests before cutting them off.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A sandbox's state, shared by every request; cheap to clone.
#[derive(Clone)]
pub struct Sandbox {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    browser_keys: BrowserTokenKeys,
    faults: RwLock<Faults>,
    sign_in_limiter: SignInLimiter,
    started_at: Instant,
    /// Every request that reached the server, faulted or not (tests count them).
    requests: AtomicU64,
}

impl Sandbox {
    /// Opens the database and loads (or creates) the browser-token signing key.
    /// Blocking; does not seed or serve. Use [`Sandbox::start`] for a running server.
    pub fn open(config: &SandboxConfig) -> Result<Self, SandboxError> {
        let store = Store::open(&config.db)?;
        let browser_keys = store.run_blocking(|conn| BrowserTokenKeys::load_or_create(conn))?;
        Ok(Self {
            inner: Arc::new(Inner {
                store,
                browser_keys,
                faults: RwLock::new(config.faults.clone()),
                sign_in_limiter: SignInLimiter::new(config.sign_in_rate_limit),
                started_at: Instant::now(),
                requests: AtomicU64::new(0),
            }),
        })
    }

    /// Opens the sandbox, seeds it when asked, and serves it on `config.addr`.
    pub async fn start(config: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
        let sandbox = {
            let config = config.clone();
            tokio::task::spawn_blocking(move || Sandbox::open(&config))
                .await
                .map_err(|e| SandboxError::Task(e.to_string()))??
        };
        if config.seed_demo {
            seed::seed_demo(&sandbox).await?;
        }
        let listener =
            TcpListener::bind(config.addr)
                .await
                .map_err(|source| SandboxError::Bind {
                    addr: config.addr,
                    source,
                })?;
        let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
            addr: config.addr,
            source,
        })?;
        let service = sandbox
            .router()
            .into_make_service_with_connect_info::<ConnInfo>();
        let (shutdown, shutdown_requested) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let serving =
                axum::serve(KillableListener(listener), service).with_graceful_shutdown(async {
                    // A dropped sender (the handle dropped) also means "stop".
                    let _ = shutdown_requested.await;
                });
            if let Err(error) = serving.await {
                tracing::error!(%error, "sandbox server failed");
            }
        });
        tracing::info!(%addr, "sandbox listening");
        Ok(SandboxHandle {
            addr,
            sandbox,
            shutdown: Some(shutdown),
            server: Some(server),
        })
    }

    /// The HTTP routes, for serving the sandbox from another server. Sign-in rate
    /// limiting then sees every client as localhost and dropped-connection faults
    /// degrade to `502` with `Connection: close`.
    pub fn router(&self) -> Router {
        routes::router(self.clone())
    }

    /// The database.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The faults in force.
    pub fn faults(&self) -> Faults {
        self.inner
            .faults
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Replaces the faults in force; takes effect on the next request.
    pub fn set_faults(&self, faults: Faults) {
        *self
            .inner
            .faults
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = faults;
    }

    /// How many requests reached the server since it was opened, faulted ones included:
    /// how a test sees that a client held back.
    pub fn requests_received(&self) -> u64 {
        self.inner.requests.load(Ordering::Relaxed)
    }

    pub(crate) fn count_request(&self) {
        self.inner.requests.fetch_add(1, Ordering::Relaxed);
    }

    /// Time since the sandbox was opened.
    pub fn uptime(&self) -> Duration {
        self.inner.started_at.elapsed()
    }

    pub(crate) fn browser_keys(&self) -> &BrowserTokenKeys {
        &self.inner.browser_keys
    }

    pub(crate) fn sign_in_limiter(&self) -> &SignInLimiter {
        &self.inner.sign_in_limiter
    }
}

/// A running sandbox server. Dropping it stops the server in the background;
/// [`SandboxHandle::shutdown`] stops it and waits.
pub struct SandboxHandle {
    addr: SocketAddr,
    sandbox: Sandbox,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
}

impl SandboxHandle {
    /// The address actually bound (the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://HOST:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The sandbox being served.
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// Replaces the faults in force, so a test can break and mend a running server.
    pub fn set_faults(&self, faults: Faults) {
        self.sandbox.set_faults(faults);
    }

    /// Stops accepting, lets in-flight requests finish (up to 5 s), then returns.
    pub async fn shutdown(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(mut server) = self.server.take()
            && tokio::time::timeout(SHUTDOWN_GRACE, &mut server)
                .await
                .is_err()
        {
            tracing::warn!("sandbox did not stop in time; aborting open connections");
            server.abort();
            let _ = server.await;
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

//! Shared helpers: a sandbox on a free loopback port and a small HTTP client.
#![allow(dead_code)] // each test file uses a different subset

use std::sync::atomic::{AtomicU64, Ordering};

use reqwest::header::HeaderMap;
use reqwest::{Client, Method};
use saasignal_sandbox::{RateLimit, Sandbox, SandboxConfig, SandboxHandle};
use serde_json::{Value, json};

/// A running sandbox and a client for it.
pub struct TestServer {
    pub handle: SandboxHandle,
    pub client: Client,
}

/// One HTTP answer, body kept raw so tests can scan it.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    /// The `error` string of a core error body.
    pub fn error(&self) -> String {
        let body = self.json();
        assert_eq!(body["success"], json!(false), "{}", self.text);
        body["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error string: {}", self.text))
            .to_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    #[track_caller]
    pub fn expect(&self, status: u16) -> &Self {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.text
        );
        self
    }
}

/// A signed-up user.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: String,
    pub email: String,
    pub password: String,
    pub token: String,
}

pub fn unique_email(label: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!(
        "{label}.{}.{}@example.com",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

pub fn client() -> Client {
    // reqwest is built without a crypto provider (the workspace picks ring).
    let _already_installed = rustls::crypto::ring::default_provider().install_default();
    Client::builder()
        .no_proxy()
        .build()
        .expect("reqwest client")
}

/// The test config: in memory, rate limit off (tests that need it turn it on).
pub fn config() -> SandboxConfig {
    SandboxConfig {
        sign_in_rate_limit: RateLimit::OFF,
        ..SandboxConfig::default()
    }
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with(config()).await
    }

    pub async fn start_with(config: SandboxConfig) -> Self {
        let handle = Sandbox::start(config).await.expect("sandbox starts");
        Self {
            handle,
            client: client(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.handle.base_url())
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        bearer: Option<&str>,
        body: Option<&str>,
    ) -> Reply {
        let mut request = self.client.request(method, self.url(path));
        if let Some(bearer) = bearer {
            request = request.bearer_auth(bearer);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_owned());
        }
        let response = request.send().await.expect("request sent");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body read");
        Reply {
            status,
            headers,
            text,
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        bearer: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let body = body.map(|b| b.to_string());
        self.send(method, path, bearer, body.as_deref()).await
    }

    pub async fn get(&self, path: &str, bearer: &str) -> Reply {
        self.call(Method::GET, path, Some(bearer), None).await
    }

    pub async fn post(&self, path: &str, bearer: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(bearer), Some(body))
            .await
    }

    pub async fn patch(&self, path: &str, bearer: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(bearer), Some(body))
            .await
    }

    pub async fn put(&self, path: &str, bearer: &str, body: Value) -> Reply {
        self.call(Method::PUT, path, Some(bearer), Some(body)).await
    }

    pub async fn delete(&self, path: &str, bearer: &str, body: Option<Value>) -> Reply {
        self.call(Method::DELETE, path, Some(bearer), body).await
    }

    pub async fn sign_up_as(&self, name: &str, email: &str, password: &str) -> TestUser {
        let reply = self
            .call(
                Method::POST,
                "/api/auth/sign-up/email",
                None,
                Some(json!({ "name": name, "email": email, "password": password })),
            )
            .await;
        reply.expect(200);
        let body = reply.json();
        TestUser {
            id: body["user"]["id"].as_str().expect("user id").to_owned(),
            email: email.to_owned(),
            password: password.to_owned(),
            token: body["token"].as_str().expect("token").to_owned(),
        }
    }

    pub async fn sign_up(&self) -> TestUser {
        self.sign_up_as("Test User", &unique_email("user"), "password-123")
            .await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Reply {
        self.call(
            Method::POST,
            "/api/auth/sign-in/email",
            None,
            Some(json!({ "email": email, "password": password })),
        )
        .await
    }

    /// Creates an org owned by `token`'s user; returns its id.
    pub async fn create_org(&self, token: &str, name: &str) -> String {
        let reply = self
            .post("/core/organizations", token, json!({ "name": name }))
            .await;
        reply.expect(201);
        reply.json()["id"].as_str().expect("org id").to_owned()
    }

    pub async fn create_project(&self, token: &str, org_id: &str, name: &str) -> String {
        let reply = self
            .post(
                &format!("/core/organizations/{org_id}/projects"),
                token,
                json!({ "name": name }),
            )
            .await;
        reply.expect(201);
        reply.json()["id"].as_str().expect("project id").to_owned()
    }

    /// Creates an API key; returns (token id, secret).
    pub async fn create_key(&self, bearer: &str, org_id: &str, body: Value) -> (String, String) {
        let reply = self
            .post(
                &format!("/core/organizations/{org_id}/tokens"),
                bearer,
                body,
            )
            .await;
        reply.expect(201);
        let body = reply.json();
        (
            body["id"].as_str().expect("token id").to_owned(),
            body["token"].as_str().expect("secret").to_owned(),
        )
    }

    /// A new server with a user and an org they own: (server, owner, org id).
    pub async fn with_org(org_name: &str) -> (Self, TestUser, String) {
        let server = Self::start().await;
        let (owner, org) = server.owner_and_org(org_name).await;
        (server, owner, org)
    }

    /// A new user and an org they own: (owner, org id).
    pub async fn owner_and_org(&self, org_name: &str) -> (TestUser, String) {
        let owner = self.sign_up().await;
        let org = self.create_org(&owner.token, org_name).await;
        (owner, org)
    }

    /// A user with an org and an API key holding `scopes` in it: (owner, org id, key secret).
    pub async fn owner_with_key(&self, scopes: &[&str]) -> (TestUser, String, String) {
        let (owner, org) = self.owner_and_org("Key Org").await;
        let (_, secret) = self
            .create_key(
                &owner.token,
                &org,
                json!({ "name": "key", "scopes": scopes }),
            )
            .await;
        (owner, org, secret)
    }
}

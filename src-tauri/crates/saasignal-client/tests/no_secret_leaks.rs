//! No credential, password or minted secret ever appears in an error's message or
//! Debug output, or in any log line (this crate's, reqwest's, hyper's or the
//! sandbox's), even when the server echoes secrets back in its answers.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use common::scripted::{ScriptedServer, Step};
use common::{TestSandbox, fast_config, scopes};
use saasignal_client::{ApiError, BrowserTokenRequest, NewToken, PlatformClient};
use saasignal_secret::Secret;
use tracing_subscriber::fmt::MakeWriter;

const CREDENTIAL: &str = "sess.super-secret-credential-0123456789";
const PASSWORD: &str = "hunter2-correct-horse";
const MINTED: &str = "sk_live_leaked_secret_abcdef0123456789";

/// Every log line of the test process, at every level.
#[derive(Clone, Default)]
struct CapturedLogs(Arc<Mutex<Vec<u8>>>);

impl Write for CapturedLogs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log lock").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for CapturedLogs {
    type Writer = CapturedLogs;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn logs() -> &'static CapturedLogs {
    static LOGS: OnceLock<CapturedLogs> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = CapturedLogs::default();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(logs.clone())
            .try_init()
            .expect("the only subscriber of this test binary");
        logs
    })
}

fn assert_clean(what: &str, text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!text.contains(secret), "{what} shows a secret: {text}");
    }
}

fn assert_error_clean(error: &ApiError, secrets: &[&str]) {
    assert_clean("Display", &error.to_string(), secrets);
    assert_clean("Debug", &format!("{error:?}"), secrets);
}

/// Answers that echo the credential, the password and a minted key back.
#[tokio::test]
async fn errors_never_show_what_the_server_echoes() {
    let logs = logs();
    let echo = format!("rejected {CREDENTIAL} with password {PASSWORD}");
    let secrets = [CREDENTIAL, PASSWORD, MINTED];
    let credential = Secret::new(CREDENTIAL);
    let password = Secret::new(PASSWORD);

    let statuses = [400, 401, 403, 404, 409, 418, 422, 429, 500];
    for status in statuses {
        let body = format!(r#"{{"success":false,"error":"{echo}","code":"{CREDENTIAL}"}}"#);
        let server = ScriptedServer::start(vec![Step::json(status, &body)]).await;
        let client = PlatformClient::new(fast_config(server.base_url())).expect("client");
        // Each call can only keep out the secrets it sent: a server cannot echo others.
        let error = client.get_org(&credential, "org_1").await.unwrap_err();
        assert_error_clean(&error, &[CREDENTIAL]);
        let error = client
            .sign_in_email("demo@saasignal.dev", &password, None)
            .await
            .unwrap_err();
        assert_error_clean(&error, &[PASSWORD]);
    }

    let new_token = NewToken {
        name: "CI".into(),
        scopes: scopes(&["kv:read"]),
        ..NewToken::default()
    };
    let garbled_secret_answers = [
        format!(r#"{{"token":"{MINTED}","id":"#),
        format!(r#"{{"token":"{MINTED}","id":5}}"#),
        format!(r#"{{"token":{{"raw":"{MINTED}"}},"user":"{PASSWORD}"}}"#),
    ];
    for body in &garbled_secret_answers {
        let server = ScriptedServer::start(vec![Step::json(200, body)]).await;
        let client = PlatformClient::new(fast_config(server.base_url())).expect("client");
        let errors = [
            client
                .create_token(&credential, "org_1", &new_token)
                .await
                .map(drop),
            client
                .create_browser_token(&credential, &BrowserTokenRequest::default())
                .await
                .map(drop),
            client
                .sign_in_email("demo@saasignal.dev", &password, None)
                .await
                .map(drop),
            client
                .sign_up_email("Demo", "demo@saasignal.dev", &password)
                .await
                .map(drop),
            client.get_session(&credential).await.map(drop),
        ];
        for error in errors.into_iter().filter_map(Result::err) {
            assert_eq!(error.code().as_str(), "undecodable", "{error:?}");
            assert!(matches!(error, ApiError::Undecodable { detail: None, .. }));
            assert_error_clean(&error, &secrets);
        }
    }

    // A harmless endpoint keeps the parser's detail, still without the credential.
    let server =
        ScriptedServer::start(vec![Step::json(200, &format!(r#"[{{"id":"{CREDENTIAL}""#))]).await;
    let client = PlatformClient::new(fast_config(server.base_url())).expect("client");
    let error = client.list_orgs(&credential).await.unwrap_err();
    assert!(matches!(
        error,
        ApiError::Undecodable {
            detail: Some(_),
            ..
        }
    ));
    assert_error_clean(&error, &secrets);

    let captured = String::from_utf8_lossy(&logs.0.lock().expect("log lock")).to_string();
    assert!(
        captured.contains("platform request"),
        "logs were captured: {captured}"
    );
    assert_clean("the log", &captured, &secrets);
}

/// A real session: sign in, mint a key and a browser token, use them, fail with them.
#[tokio::test]
async fn a_real_session_leaves_no_secret_in_logs_or_debug_output() {
    let logs = logs();
    let sandbox = TestSandbox::start().await;
    let owner = sandbox.owner().await;
    let org = sandbox.demo_org(&owner).await;
    let new = NewToken {
        name: "Leak check".into(),
        scopes: scopes(&["kv:read", "projects:read"]),
        ..NewToken::default()
    };
    let created = sandbox
        .client
        .create_token(&owner, &org.id, &new)
        .await
        .expect("key");
    let browser = sandbox
        .client
        .create_browser_token(&created.secret, &BrowserTokenRequest::default())
        .await
        .expect("browser token");
    sandbox
        .client
        .list_projects(&created.secret, &org.id)
        .await
        .expect("as key");
    let error = sandbox.client.list_orgs(&created.secret).await.unwrap_err();
    let secrets = [
        owner.expose(),
        created.secret.expose(),
        browser.secret.expose(),
    ];
    assert_error_clean(&error, &secrets);

    let printed = format!("{owner:?} {created:?} {browser:?}");
    assert_clean("Debug of results", &printed, &secrets);

    let captured = String::from_utf8_lossy(&logs.0.lock().expect("log lock")).to_string();
    assert_clean("the log", &captured, &secrets);
}

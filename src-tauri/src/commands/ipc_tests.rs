//! The command layer through real IPC messages on Tauri's mock runtime, against the
//! embedded sandbox: argument names, JSON shapes, the `{code, message, field?}` errors and
//! the main window's capability, exactly as the UI meets them.

use std::sync::Arc;

use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

use crate::state::AppState;

struct TestApp {
    _app: tauri::App<tauri::test::MockRuntime>,
    window: WebviewWindow<tauri::test::MockRuntime>,
    _data: tempfile::TempDir,
}

fn test_app() -> TestApp {
    let data = tempfile::tempdir().expect("temp dir");
    let app = mock_builder()
        .invoke_handler(crate::commands::all_commands!())
        // The app's real context, so its capabilities and permissions are enforced too.
        .build(tauri::generate_context!())
        .expect("mock app");
    let state = AppState::assemble(
        app.handle(),
        data.path().to_path_buf(),
        Arc::new(saasignal_vault::MemoryStore::new()),
    );
    app.manage(state);
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("window");
    TestApp {
        _app: app,
        window,
        _data: data,
    }
}

/// Sends `command` with `args` as the UI does; `Ok(value)` or `Err(error object)`.
fn call(app: &TestApp, command: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        &app.window,
        InvokeRequest {
            cmd: command.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // The app's own origin on Linux and macOS; the capability grants only "local".
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("json answer"))
}

#[test]
fn the_ui_can_explore_the_sandbox_and_manage_it_over_ipc() {
    let app = test_app();

    let account = call(&app, "explore_sandbox", json!({})).expect("explored");
    assert_eq!(account["isLocalSandbox"], true);
    assert_eq!(account["identity"], "demo@saasignal.dev");
    let account_id = account["id"].as_str().expect("id").to_owned();

    let orgs = call(
        &app,
        "list_orgs",
        json!({"accountId": account_id, "mode": "network"}),
    )
    .expect("orgs");
    assert_eq!(orgs["stale"], false);
    let org_id = orgs["data"][0]["id"].as_str().expect("org id").to_owned();
    assert_eq!(orgs["data"][0]["name"], "Acme Corp");

    // A field error crosses as {code, message, field}, and nothing is created.
    let refused = call(
        &app,
        "create_org",
        json!({"accountId": account_id, "org": {"name": "X", "slug": "Not A Slug"}}),
    )
    .expect_err("bad slug");
    assert_eq!(refused["code"], "validation");
    assert_eq!(refused["field"], "slug");
    assert_eq!(refused["connectivity"], false);
    // The message alone: the UI shows it beside the field.
    assert_eq!(
        refused["message"],
        "Use lowercase letters, digits and hyphens only"
    );

    // An empty optional id is "none", normalised once as the request is read.
    let made = call(
        &app,
        "create_token",
        json!({"accountId": account_id, "orgId": org_id,
               "token": {"name": "Org-wide", "scopes": ["kv:read"], "projectId": "", "expiresAt": ""}}),
    )
    .expect("an empty project and expiry mean none");
    assert_eq!(made["item"]["projectId"], Value::Null);

    // The token's secret never comes back from create; only Reveal shows it, once.
    let created = call(
        &app,
        "create_token",
        json!({"accountId": account_id, "orgId": org_id,
               "token": {"name": "IPC", "scopes": ["kv:read"], "expiresAt": "2031-01-31T23:59:59Z"}}),
    )
    .expect("created");
    assert!(!created.to_string().contains("sk_live_"), "{created}");
    let handle = created["secret"].clone();
    let revealed = call(&app, "reveal_token_secret", json!({"handle": handle})).expect("revealed");
    let secret = revealed["value"].as_str().expect("secret");
    assert!(secret.starts_with("sk_live_"));
    assert!(secret.ends_with(created["item"]["hint"].as_str().expect("hint")));
    call(&app, "discard_token_secret", json!({"handle": handle})).expect("discarded");
    let gone = call(&app, "reveal_token_secret", json!({"handle": handle})).expect_err("gone");
    assert_eq!(gone["code"], "secret_gone");

    // No answer that crosses IPC holds the session token or the key.
    let accounts = call(&app, "list_accounts", json!({})).expect("accounts");
    let tokens = call(
        &app,
        "list_tokens",
        json!({"accountId": account_id, "orgId": org_id, "mode": "cache"}),
    )
    .expect("tokens");
    for answer in [&accounts, &tokens] {
        assert!(!answer.to_string().contains(secret));
    }
}

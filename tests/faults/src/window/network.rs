//! `HTTP_PROXY` / `ALL_PROXY` set for the app: traffic to this computer's servers (the
//! embedded sandbox, a test server on 127.0.0.1) must never reach the proxy, since it
//! is plain http with passwords and bearer tokens in it.

use std::sync::{Arc, Mutex};

use anyhow::{Result, ensure};
use saasignal_e2e::{Journey, steps};
use saasignal_sandbox::seed::DEMO_OWNER;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::table::Finding;

/// Accepts connections, records their first line, answers 502.
async fn recording_proxy() -> Result<(String, Arc<Mutex<Vec<String>>>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let recorded = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buffer = vec![0u8; 2048];
            let read = stream.read(&mut buffer).await.unwrap_or(0);
            let first = String::from_utf8_lossy(&buffer[..read])
                .lines()
                .next()
                .unwrap_or_default()
                // The method and target only: a request line never holds a credential,
                // but what follows may.
                .to_owned();
            if let Ok(mut seen) = recorded.lock() {
                seen.push(first);
            }
            let _ = stream
                .write_all(b"HTTP/1.1 502 Recorded\r\ncontent-length: 0\r\n\r\n")
                .await;
        }
    });
    Ok((url, seen))
}

pub async fn proxy_variables(journey: &mut Journey) -> Result<Finding> {
    let (proxy, seen) = recording_proxy().await?;
    let server = journey.sandbox().await?;
    let dirs = journey.new_launch_dirs().await?;
    let env: Vec<(&'static str, std::ffi::OsString)> = [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ]
    .into_iter()
    .map(|name| (name, proxy.clone().into()))
    .collect();
    // Set for the app alone, through a wrapper: tauri-driver and WebKitWebDriver talk to
    // it over loopback themselves and must not be pointed at the proxy.
    let wrapper = dirs.root.join("app-behind-proxy.sh");
    let mut script = String::from("#!/bin/sh\n");
    for (name, value) in &env {
        script.push_str(&format!("export {name}='{}'\n", value.to_string_lossy()));
    }
    script.push_str("unset NO_PROXY no_proxy\n");
    // WebKit's own connection to WebKitWebDriver (the remote inspector) goes through
    // GLib's proxy resolver, which would send it to the proxy too and end the session;
    // the app's requests go through reqwest, which reads the variables above.
    script.push_str("export GIO_USE_PROXY_RESOLVER=dummy\n");
    script.push_str(&format!(
        "exec '{}' \"$@\"\n",
        journey.tools().app.display()
    ));
    std::fs::write(&wrapper, script)?;
    std::fs::set_permissions(
        &wrapper,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )?;
    let mut tools = journey.tools().clone();
    tools.app = wrapper;
    let app = journey.launch_with(&tools, dirs, &[]).await?;
    steps::explore_sandbox(app).await?;
    app.click("account-add").await?;
    steps::submit_sign_in(app, &server.base_url(), DEMO_OWNER, "Test server").await?;
    steps::wait_org_title(app, saasignal_sandbox::seed::DEMO_ORG_NAME).await?;
    app.click("tab-tokens").await?;
    app.step("through-no-proxy").await?;
    if let Some(line) = super::panicked(app) {
        anyhow::bail!("the app panicked: {line}");
    }
    let recorded = seen.lock().map(|seen| seen.clone()).unwrap_or_default();
    ensure!(
        recorded.is_empty(),
        "loopback traffic went through the proxy: {recorded:?}"
    );
    Ok(Finding::new(
        "the embedded sandbox and a server on 127.0.0.1 work as usual; the proxy saw 0 connections",
    )
    .note("HTTP_PROXY, HTTPS_PROXY and ALL_PROXY point at a recording proxy"))
}

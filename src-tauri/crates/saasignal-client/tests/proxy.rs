//! Proxies: loopback traffic (the embedded sandbox, a local server) never goes through
//! one, whatever HTTP_PROXY/ALL_PROXY say, because it is plain http carrying passwords
//! and bearer tokens; remote https servers use the system's proxy unless told not to.
//!
//! One test in its own binary: it sets the proxy variables for the whole process.

mod common;

use std::sync::{Arc, Mutex};

use saasignal_client::{ClientConfig, PlatformClient, ProxyPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use common::{TestSandbox, fast_config};

/// Accepts connections, records each one's first line, refuses it with 502.
async fn recording_proxy() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let recorded = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buffer = vec![0u8; 4096];
            let read = stream.read(&mut buffer).await.unwrap_or(0);
            let text = String::from_utf8_lossy(&buffer[..read]).to_string();
            let first = text.lines().next().unwrap_or_default().to_owned();
            recorded.lock().expect("lock").push(first);
            let _ = stream
                .write_all(b"HTTP/1.1 502 Recorded\r\ncontent-length: 0\r\n\r\n")
                .await;
        }
    });
    (url, seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loopback_skips_the_proxy_and_remote_https_uses_it() {
    let (proxy, seen) = recording_proxy().await;
    // SAFETY: the only test in this binary, and no other thread reads the environment
    // yet: the sandbox and clients are created after this.
    unsafe {
        for name in [
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
            "http_proxy",
            "https_proxy",
            "all_proxy",
        ] {
            std::env::set_var(name, &proxy);
        }
        std::env::remove_var("NO_PROXY");
        std::env::remove_var("no_proxy");
    }

    let sandbox = TestSandbox::start().await;
    let session = sandbox.owner().await;
    let orgs = sandbox
        .client
        .list_orgs(&session)
        .await
        .expect("direct to loopback");
    assert!(!orgs.is_empty());
    assert_eq!(
        seen.lock().expect("lock").len(),
        0,
        "loopback went through the proxy"
    );

    let remote = PlatformClient::new(fast_config("https://api.example.invalid")).expect("client");
    let _ = remote.list_orgs(&session).await;
    let recorded = seen.lock().expect("lock").clone();
    // One per attempt (a read is retried), and only ever a tunnel: the proxy never sees
    // a request line, a header or a credential.
    assert!(!recorded.is_empty());
    assert!(
        recorded
            .iter()
            .all(|line| line == "CONNECT api.example.invalid:443 HTTP/1.1"),
        "{recorded:?}"
    );

    let direct = PlatformClient::new(ClientConfig {
        proxy: ProxyPolicy::Direct,
        ..fast_config("https://api.example.invalid")
    })
    .expect("client");
    let error = direct.list_orgs(&session).await.unwrap_err();
    assert_eq!(error.code().as_str(), "offline");
    assert_eq!(
        seen.lock().expect("lock").len(),
        recorded.len(),
        "Direct must not use the proxy"
    );
}

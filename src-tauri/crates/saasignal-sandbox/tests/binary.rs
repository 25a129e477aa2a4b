//! The `saasignal-sandbox` binary: first stdout line, health, flags, clean stop.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Running {
    child: Child,
    base_url: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(args: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_saasignal-sandbox"))
        .args(["--addr", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("binary starts");
    let stdout = child.stdout.take().expect("stdout piped");
    let mut first_line = String::new();
    BufReader::new(stdout)
        .read_line(&mut first_line)
        .expect("first line");
    let base_url = first_line
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {first_line:?}"))
        .to_owned();
    assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");
    assert!(!base_url.ends_with(":0"), "the real port is printed");
    Running { child, base_url }
}

fn client() -> reqwest::Client {
    // reqwest is built without a crypto provider (the workspace picks ring).
    let _already_installed = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().no_proxy().build().unwrap()
}

#[tokio::test]
async fn prints_address_first_and_serves_health() {
    let running = spawn(&[]);
    let health: serde_json::Value = client()
        .get(format!("{}/healthz", running.base_url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["checks"]["database"], "ok");
}

#[tokio::test]
async fn seeds_demo_into_a_file_and_applies_fault_flags() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bin.db");
    let db = db.to_str().unwrap();
    {
        let running = spawn(&["--db", db, "--seed-demo"]);
        let reply = client()
            .post(format!("{}/api/auth/sign-in/email", running.base_url))
            .json(
                &serde_json::json!({ "email": "demo@saasignal.dev", "password": "saasignal-demo" }),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status().as_u16(), 200);
        assert!(reply.headers().contains_key("set-auth-token"));
    }
    let running = spawn(&[
        "--db",
        db,
        "--seed-demo",
        "--fault-route",
        "/core/",
        "--fault-status",
        "503",
    ]);
    let core = client()
        .get(format!("{}/core/organizations", running.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(core.status().as_u16(), 503);
    let health = client()
        .get(format!("{}/healthz", running.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status().as_u16(), 200);
}

#[cfg(unix)]
#[tokio::test]
async fn stops_cleanly_on_sigterm() {
    let mut running = spawn(&[]);
    let pid = running.child.id().to_string();
    let status = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(exit) = running.child.try_wait().unwrap() {
            assert!(exit.success(), "exit status {exit}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "did not stop within 10 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn rejects_conflicting_fault_flags() {
    let output = Command::new(env!("CARGO_BIN_EXE_saasignal-sandbox"))
        .args(["--fault-drop", "--fault-malformed"])
        .output()
        .unwrap();
    assert!(!output.status.success());
}

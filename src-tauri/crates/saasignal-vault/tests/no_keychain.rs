//! With no keychain reachable, every call fails with `keychain_unavailable` and says
//! what to do; nothing falls back to a file or memory.
//!
//! `keyring` connects to the Secret Service once per process, so the check runs in a
//! child process whose `DBUS_SESSION_BUS_ADDRESS` points at a socket that does not
//! exist. Needs no keychain itself, so it runs everywhere.

use std::process::Command;

use saasignal_secret::Secret;
use saasignal_vault::{CredentialStore, KeychainStore};

const NO_BUS: &str = "unix:path=/nonexistent/saasignal-test/no-bus";

#[test]
fn no_session_bus_means_keychain_unavailable() {
    let child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "child_without_a_keychain",
            "--ignored",
            "--nocapture",
        ])
        .env("DBUS_SESSION_BUS_ADDRESS", NO_BUS)
        .output()
        .expect("child runs");
    let stdout = String::from_utf8_lossy(&child.stdout);
    let stderr = String::from_utf8_lossy(&child.stderr);
    assert!(child.status.success(), "child failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed"), "the child test ran: {stdout}");
}

/// Run only by `no_session_bus_means_keychain_unavailable`, in a child process.
#[tokio::test]
#[ignore = "runs in a child process with no session bus"]
async fn child_without_a_keychain() {
    assert_eq!(
        std::env::var("DBUS_SESSION_BUS_ADDRESS").as_deref(),
        Ok(NO_BUS),
        "must run with the unreachable bus address"
    );
    let vault = KeychainStore::new("dev.saasignal.admin.test.no-keychain");
    let secret = Secret::new("sk_live_never_stored_anywhere");
    let failures = [
        vault.self_check().await.map(drop),
        vault.set("acct_1", &secret).await,
        vault.get("acct_1").await.map(drop),
        vault.delete("acct_1").await.map(drop),
    ];
    for failure in failures {
        let error = failure.expect_err("no keychain, no success");
        assert_eq!(error.code().as_str(), "keychain_unavailable", "{error:?}");
        assert!(
            error.to_string().starts_with("No keychain service found."),
            "{error}"
        );
        assert!(!format!("{error:?}").contains("sk_live"), "{error:?}");
    }
}

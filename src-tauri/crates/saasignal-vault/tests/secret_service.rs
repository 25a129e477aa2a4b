//! Against the REAL Secret Service of the session bus: the project's test command
//! runs `cargo test` inside `dbus-run-session` with a fresh, unlocked gnome-keyring.
//!
//! Without a session bus (`DBUS_SESSION_BUS_ADDRESS` unset) these tests FAIL, so a
//! missing keychain is never mistaken for a pass. To run the rest of the suite on a
//! machine without one, set `SAASIGNAL_SKIP_KEYCHAIN_TESTS=1`.

use std::process::Command;
use std::time::Duration;

use saasignal_secret::Secret;
use saasignal_vault::{CredentialStore, KeychainStore};

/// Set in the child process of `another_process_reads_what_this_one_wrote`.
const CHILD_ACCOUNT_VAR: &str = "SAASIGNAL_VAULT_TEST_CHILD_ACCOUNT";
const CHILD_VALUE_VAR: &str = "SAASIGNAL_VAULT_TEST_CHILD_VALUE";

/// Whether to run: yes with a session bus; no when explicitly skipped; else fail.
fn keychain_expected() -> bool {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        return true;
    }
    if std::env::var("SAASIGNAL_SKIP_KEYCHAIN_TESTS").as_deref() == Ok("1") {
        eprintln!("SAASIGNAL_SKIP_KEYCHAIN_TESTS=1: not testing the real keychain");
        return false;
    }
    panic!(
        "DBUS_SESSION_BUS_ADDRESS is unset, so there is no Secret Service to test against. \
         Run the tests inside dbus-run-session with gnome-keyring (`cargo xtask test`, or see \
         src-tauri/crates/saasignal-vault/README.md), or set SAASIGNAL_SKIP_KEYCHAIN_TESTS=1 to skip them."
    );
}

/// A store under a service of its own, so tests neither meet each other's entries
/// nor touch the app's.
fn store(test: &str) -> KeychainStore {
    KeychainStore::new(format!(
        "dev.saasignal.admin.test.{test}.{}",
        std::process::id()
    ))
}

#[tokio::test]
async fn self_check_proves_a_real_secret_service() {
    if !keychain_expected() {
        return;
    }
    let vault = store("self-check");
    let report = vault.self_check().await.expect("self-check passes");
    eprintln!(
        "keychain backend: {} ({:?})",
        report.backend, report.round_trip
    );
    assert!(
        report.backend.starts_with("Secret Service"),
        "{}",
        report.backend
    );
    assert_eq!(vault.backend_name(), report.backend);
    assert!(report.round_trip < Duration::from_secs(3));
}

#[tokio::test]
async fn set_get_replace_delete() {
    if !keychain_expected() {
        return;
    }
    let vault = store("round-trip");
    let account = "acct_01JNXSROUNDTRIP";
    assert_eq!(vault.get(account).await.expect("read"), None);
    vault
        .set(account, &Secret::new("session.first"))
        .await
        .expect("stored");
    vault
        .set(account, &Secret::new("session.second"))
        .await
        .expect("replaced");
    let read = vault.get(account).await.expect("read").expect("present");
    assert_eq!(read.expose(), "session.second");
    assert!(vault.delete(account).await.expect("deleted"));
    assert!(!vault.delete(account).await.expect("deleted twice"));
    assert_eq!(vault.get(account).await.expect("read"), None);
}

#[tokio::test]
async fn accounts_and_services_are_kept_apart() {
    if !keychain_expected() {
        return;
    }
    let vault = store("apart");
    let other_app = store("apart-other-app");
    vault
        .set("acct_a", &Secret::new("sk_live_aaaaaaaa"))
        .await
        .expect("a");
    vault
        .set("acct_b", &Secret::new("sk_live_bbbbbbbb"))
        .await
        .expect("b");
    assert_eq!(other_app.get("acct_a").await.expect("read"), None);
    assert_eq!(
        vault.get("acct_a").await.expect("a").expect("a").expose(),
        "sk_live_aaaaaaaa"
    );
    assert_eq!(
        vault.get("acct_b").await.expect("b").expect("b").expose(),
        "sk_live_bbbbbbbb"
    );
    assert!(vault.delete("acct_a").await.expect("a"));
    assert!(vault.get("acct_b").await.expect("b").is_some());
    assert!(vault.delete("acct_b").await.expect("b"));
}

#[tokio::test]
async fn stored_accounts_lists_this_services_entries_only() {
    if !keychain_expected() {
        return;
    }
    let vault = store("listing");
    let other_app = store("listing-other-app");
    vault
        .set("acc_b", &Secret::new("sk_live_b"))
        .await
        .expect("b");
    vault
        .set("acc_a", &Secret::new("sk_live_a"))
        .await
        .expect("a");
    other_app
        .set("acc_other", &Secret::new("sk_live_other"))
        .await
        .expect("other");
    // The self-check's probe is never listed, even if one were left behind.
    vault.self_check().await.expect("self-check");

    assert_eq!(
        vault.stored_accounts().await.expect("listed"),
        ["acc_a", "acc_b"]
    );
    assert_eq!(
        other_app.stored_accounts().await.expect("listed"),
        ["acc_other"]
    );
    for (store, account) in [
        (&vault, "acc_a"),
        (&vault, "acc_b"),
        (&other_app, "acc_other"),
    ] {
        store.delete(account).await.expect("deleted");
    }
    assert!(vault.stored_accounts().await.expect("listed").is_empty());
}

#[tokio::test]
async fn long_and_unicode_values_survive() {
    if !keychain_expected() {
        return;
    }
    let vault = store("values");
    let long = format!("bt_{}", "eyJhbGciOiJIUzI1NiJ9.".repeat(100));
    let unicode = "пароль-密码-🔑-token";
    for (account, value) in [("acct_long", long.as_str()), ("acct_unicode", unicode)] {
        vault
            .set(account, &Secret::new(value))
            .await
            .expect("stored");
        let read = vault.get(account).await.expect("read").expect("present");
        assert_eq!(read.expose(), value);
        assert!(vault.delete(account).await.expect("deleted"));
    }
}

/// Proof that the value left this process: a fresh process, with its own keyring
/// connection, reads it back.
#[tokio::test]
async fn another_process_reads_what_this_one_wrote() {
    if !keychain_expected() {
        return;
    }
    let vault = KeychainStore::new(shared_service());
    let account = format!("acct_cross_process_{}", std::process::id());
    let value = "session.written-by-the-parent";
    vault
        .set(&account, &Secret::new(value))
        .await
        .expect("stored");
    let child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "child_reads_the_account",
            "--ignored",
            "--nocapture",
        ])
        .env(CHILD_ACCOUNT_VAR, &account)
        .env(CHILD_VALUE_VAR, value)
        .output()
        .expect("child runs");
    let _ = vault.delete(&account).await;
    let output = String::from_utf8_lossy(&child.stdout);
    assert!(
        child.status.success(),
        "child failed: {output}{}",
        String::from_utf8_lossy(&child.stderr)
    );
    assert!(output.contains("1 passed"), "the child test ran: {output}");
}

/// Run only by `another_process_reads_what_this_one_wrote`, in a child process.
#[tokio::test]
#[ignore = "runs in a child process of another_process_reads_what_this_one_wrote"]
async fn child_reads_the_account() {
    let account = std::env::var(CHILD_ACCOUNT_VAR).expect("account from the parent");
    let expected = std::env::var(CHILD_VALUE_VAR).expect("value from the parent");
    let vault = KeychainStore::new(shared_service());
    let read = vault
        .get(&account)
        .await
        .expect("read")
        .expect("the parent's entry");
    assert_eq!(read.expose(), expected);
}

fn shared_service() -> String {
    "dev.saasignal.admin.test.cross-process".to_owned()
}

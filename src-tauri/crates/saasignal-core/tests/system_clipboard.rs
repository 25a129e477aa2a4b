//! The real X clipboard (the test command runs under Xvfb): a copied secret can be pasted
//! by another program, carries the password-manager hint that keeps it out of clipboard
//! history, and is gone after clearing.
#![cfg(target_os = "linux")]

use std::process::Command;

use saasignal_core::clipboard::{SecretClipboard, SystemClipboard};
use saasignal_secret::Secret;

fn display_available() -> bool {
    if std::env::var_os("DISPLAY").is_some() {
        return true;
    }
    assert!(
        std::env::var_os("SAASIGNAL_SKIP_DISPLAY_TESTS").is_some(),
        "no DISPLAY: run through `cargo xtask test` (it provides Xvfb), \
         or set SAASIGNAL_SKIP_DISPLAY_TESTS=1 to skip"
    );
    false
}

fn xclip(args: &[&str]) -> String {
    let output = Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .args(args)
        .output()
        .expect("xclip runs (the test command installs it)");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test]
async fn another_program_pastes_the_secret_then_it_is_cleared() {
    if !display_available() {
        return;
    }
    let clipboard = SecretClipboard::new(Box::new(SystemClipboard::open().expect("X clipboard")));
    let secret = Secret::new("sk_live_clipboard_probe_0123456789");
    clipboard.copy(&secret).expect("copies");

    assert_eq!(xclip(&[]), secret.expose());
    assert!(
        xclip(&["-t", "TARGETS"]).contains("x-kde-passwordManagerHint"),
        "the copy is marked for exclusion from clipboard history"
    );

    clipboard.clear_now();
    assert_ne!(xclip(&[]), secret.expose());
}

//! The secret scan, proven against a real sandbox and without the app: a session token
//! and an API key issued over HTTP are planted in files the way a leak would write them
//! (plain, UTF-16, without the key's prefix) and must all be found, by value and by the
//! digests in the sandbox's database; a clean file must not be. Runs everywhere (no
//! display, no keychain), so a broken scan fails a plain `cargo test` too.

use anyhow::{Context, Result, ensure};
use saasignal_client::NewToken;
use saasignal_e2e::TestServer;
use saasignal_e2e::harness::scan::{self, Digests};
use saasignal_sandbox::seed::{DEMO_ORG_SLUG, DEMO_OWNER};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scan_finds_planted_secrets_by_value_and_by_digest() -> Result<()> {
    let dir = std::env::temp_dir().join(format!("saasignal-e2e-scan-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let server = TestServer::start(&dir.join("server")).await?;
    let signed_in = server.sign_in(DEMO_OWNER).await?;
    let client = server.client()?;
    let acme = client
        .list_orgs(&signed_in.token)
        .await?
        .into_iter()
        .find(|org| org.slug == DEMO_ORG_SLUG)
        .context("demo org")?;
    let created = client
        .create_token(
            &signed_in.token,
            &acme.id,
            &NewToken {
                name: "scan check".into(),
                scopes: vec!["projects:read".into()],
                project_id: None,
                expires_at: None,
            },
        )
        .await?;
    let token = signed_in.token.expose().to_owned();
    let key = created.secret.expose().to_owned();

    let files = dir.join("files");
    std::fs::create_dir_all(files.join("deep/er"))?;
    std::fs::write(files.join("settings.json"), format!(r#"{{"t":"{token}"}}"#))?;
    let utf16: Vec<u8> = key.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(files.join("deep/er/localstorage.sqlite3"), utf16)?;
    std::fs::write(files.join("clean.log"), "nothing to see")?;

    // By value: the recording layer and `sign_in` put both into the book.
    let report = scan::scan(std::slice::from_ref(&files), &Digests::default())?;
    let hit = |name: &str| report.findings.iter().any(|f| f.file.ends_with(name));
    ensure!(
        hit("settings.json"),
        "session token not found by value: {:?}",
        report.findings
    );
    ensure!(
        hit("localstorage.sqlite3"),
        "UTF-16 key not found by value: {:?}",
        report.findings
    );
    ensure!(!hit("clean.log"), "false alarm on a clean file");

    // By digest alone (what catches the embedded sandbox's tokens): a key body without
    // its prefix, in a file; the book is not consulted for this one.
    let body = key.trim_start_matches("sk_live_");
    let bare = dir.join("bare");
    std::fs::create_dir_all(&bare)?;
    std::fs::write(bare.join("dump.txt"), format!("x{body}x"))?;
    let mut digests = Digests::default();
    digests.add_sandbox_db(server.db_path())?;
    let report = scan::scan(std::slice::from_ref(&bare), &digests)?;
    ensure!(
        report.findings.iter().any(|f| f.what.contains("digest")),
        "the key body was not matched by digest: {:?}",
        report.findings
    );
    for finding in &report.findings {
        ensure!(
            !finding.to_string().contains(body),
            "a finding shows the secret"
        );
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

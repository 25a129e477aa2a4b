//! The About panel: proves the harness end to end (launch, click, read) and that the
//! launch really runs in its own folders and against the test keyring.

use anyhow::{Result, ensure};
use saasignal_e2e::{By, Journey};

use saasignal_e2e::steps;

saasignal_e2e::journey! { about_panel_shows_version_keychain_and_isolated_folders: "about_panel" => about_panel }

async fn about_panel(j: &mut Journey) -> Result<()> {
    let app = j.launch().await?;
    steps::explore_sandbox(app).await?;
    // No testid on the sidebar's About button (see README: requested); its class is stable.
    app.click(By::css("nav.sidebar button.about")).await?;
    let version = app.text("about-version").await?;
    ensure!(
        version == env!("CARGO_PKG_VERSION"),
        "About shows version {version:?}, the workspace is {}",
        env!("CARGO_PKG_VERSION")
    );
    let keychain = app.text("about-keychain").await?;
    ensure!(
        keychain.starts_with("Secret Service"),
        "About names the keychain {keychain:?}, expected the Secret Service"
    );
    let data_dir = app.text("about-data-dir").await?;
    let expected = app.dirs().app_data();
    ensure!(
        data_dir == expected.display().to_string(),
        "the app keeps its data in {data_dir:?}, not in this launch's {}",
        expected.display()
    );
    let config_dir = app.text("about-config-dir").await?;
    ensure!(
        config_dir == app.dirs().app_config().display().to_string(),
        "the app keeps its settings in {config_dir:?}, not in this launch's folder"
    );
    app.step("about-panel").await?;
    Ok(())
}

//! The installed package opens: `cargo xtask install-test` installs the release `.deb`
//! into a clean root and runs this journey on the binary it installed
//! (`SAASIGNAL_E2E_APP`, with `SAASIGNAL_E2E_INSTALLED=1`). In the plain journey run the
//! app under test is the test build, which the other journeys already open, so it says
//! so and stops.

use anyhow::{Result, ensure};
use saasignal_e2e::Journey;

saasignal_e2e::journey! { installed_package_opens_to_the_welcome_screen: "installed_package" => installed }

async fn installed(j: &mut Journey) -> Result<()> {
    if std::env::var_os("SAASIGNAL_E2E_INSTALLED").is_none() {
        eprintln!("installed_package: run by `cargo xtask install-test` on the installed binary");
        return Ok(());
    }
    let app = j.launch().await?;
    app.wait_for("welcome").await?;
    ensure!(
        app.visible("welcome-sandbox").await?.is_some(),
        "the welcome screen offers no local sandbox"
    );
    app.step("installed-welcome").await?;
    Ok(())
}

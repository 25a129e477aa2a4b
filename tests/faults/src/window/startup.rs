//! The app's files, damaged or unusable before a launch (or while it runs): the cache
//! corrupt, locked, read-only, on a full disk; the data folder not creatable; the
//! settings file cut short, from a newer version, or not writable. Each time the window
//! opens, says what is wrong and what to do, and loses no account.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use saasignal_e2e::harness::app::LaunchDirs;
use saasignal_e2e::{Journey, steps};
use saasignal_sandbox::seed::DEMO_ORG_NAME;

use super::{
    accounts_in, click_notice, still_running, wait_notice, wait_notice_gone, wait_notice_within,
};
use crate::table::Finding;

/// A first launch that explores the embedded sandbox, so the next one has an account,
/// a settings file, its backup and a cache; then the app quits the normal way.
async fn explored_once(journey: &mut Journey) -> Result<LaunchDirs> {
    let app = journey.launch().await?;
    steps::explore_sandbox(app).await?;
    // A second org visit writes the settings again, so the backup is a real previous copy.
    app.click("tab-members").await?;
    let dirs = app.dirs().clone();
    journey.new_launch_dirs().await?; // quits
    Ok(dirs)
}

pub async fn corrupt_cache(journey: &mut Journey, how: &'static str) -> Result<Finding> {
    let dirs = explored_once(journey).await?;
    let cache = dirs.cache_file();
    for companion in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{companion}", cache.display()));
    }
    match how {
        "random" => {
            let noise: Vec<u8> = (0..64 * 1024u32)
                .map(|n| (n.wrapping_mul(2_654_435_761) >> 11) as u8)
                .collect();
            std::fs::write(&cache, noise)?;
        }
        _ => {
            let whole = std::fs::read(&cache)?;
            std::fs::write(&cache, &whole[..37.min(whole.len())])?;
        }
    }
    let app = journey.launch_in(dirs.clone(), &[]).await?;
    let notice = wait_notice(app, "The offline cache was rebuilt").await?;
    app.step("cache-rebuilt").await?;
    // The account is there, and the embedded sandbox fills the new cache again.
    app.wait_for("account-list").await?;
    steps::wait_org_title(app, DEMO_ORG_NAME).await?;
    still_running(app)?;
    ensure!(
        accounts_in(&dirs.settings_file())? == 1,
        "the account was lost"
    );
    Ok(Finding::new(format!(
        "“{notice}”; the account stays and its data comes back"
    )))
}

pub async fn locked_cache(journey: &mut Journey) -> Result<Finding> {
    let dirs = explored_once(journey).await?;
    // Another process holds the write lock (in WAL mode readers still get through).
    let holder = rusqlite::Connection::open(dirs.cache_file())?;
    holder.execute_batch("BEGIN EXCLUSIVE")?;
    let app = journey.launch_in(dirs.clone(), &[]).await?;
    steps::wait_org_title(app, DEMO_ORG_NAME).await?;
    // Each list the server sends waits out SQLite's 5 s busy timeout on the cache's one
    // connection, one after another: with the three lists of the start in flight, the
    // first failure (and the notice) came after 15 s in a cold CI run.
    let notice = wait_notice_within(
        app,
        "The offline cache is not saving",
        Duration::from_secs(40),
    )
    .await?;
    ensure!(
        notice.contains("locked") || notice.contains("busy"),
        "{notice}"
    );
    app.step("cache-locked").await?;
    holder.execute_batch("ROLLBACK")?;
    drop(holder);
    // The next list the server sends is saved again, and the notice goes by itself.
    app.click("tab-tokens").await?;
    app.click("tab-members").await?;
    wait_notice_gone(app, "The offline cache is not saving").await?;
    still_running(app)?;
    Ok(Finding::new(format!(
        "cached data on screen; “{notice}”; gone once the lock is released"
    )))
}

pub async fn read_only_cache(journey: &mut Journey) -> Result<Finding> {
    let dirs = explored_once(journey).await?;
    let cache = dirs.cache_file();
    let _immutable = Immutable::set(&cache)?;
    let app = journey.launch_in(dirs.clone(), &[]).await?;
    steps::wait_org_title(app, DEMO_ORG_NAME).await?;
    let notice = wait_notice(app, "The offline cache is not saving").await?;
    ensure!(
        notice.to_lowercase().contains("readonly") || notice.contains("read-only"),
        "{notice}"
    );
    app.step("cache-read-only").await?;
    still_running(app)?;
    Ok(Finding::new(format!("cached data on screen; “{notice}”"))
        .note("read-only by `chattr +i` on the cache file"))
}

pub async fn data_folder_not_creatable(journey: &mut Journey) -> Result<Finding> {
    let dirs = journey.new_launch_dirs().await?;
    let folder = dirs.app_data();
    std::fs::write(&folder, b"a file where the app's data folder should be")?;
    let app = journey.launch_in(dirs.clone(), &[]).await?;
    let notice = wait_notice(app, "The app's data folder cannot be used").await?;
    ensure!(notice.contains("File exists"), "{notice}");
    ensure!(
        notice.contains(&folder.display().to_string()),
        "no path: {notice}"
    );
    app.step("data-folder-blocked").await?;
    std::fs::remove_file(&folder)?;
    click_notice(app, "The app's data folder cannot be used", "notice-retry").await?;
    wait_notice_gone(app, "The app's data folder cannot be used").await?;
    steps::explore_sandbox(app).await?;
    still_running(app)?;
    let app = journey.relaunch().await?;
    app.wait_for("account-list").await?;
    ensure!(
        accounts_in(&dirs.settings_file())? == 1,
        "the account was not kept"
    );
    Ok(Finding::new(format!(
        "the window opens: “{notice}”; after the file is moved, Retry, then the account is kept"
    )))
}

pub async fn disk_full(journey: &mut Journey) -> Result<Finding> {
    let server = journey.sandbox().await?;
    let dirs = journey.new_launch_dirs().await?;
    let mount = Tmpfs::mount(&dirs.app_data(), 16)?;
    let app = journey.launch_in(dirs.clone(), &[]).await?;
    steps::sign_in_first(app, &server, saasignal_sandbox::seed::DEMO_OWNER, "Owner").await?;
    mount.fill()?;
    // The tokens tab's first read cannot be saved: its notice pushes the screen down, so
    // it is awaited before the next click (a click aimed before the shift misses).
    app.click("tab-tokens").await?;
    let notice = wait_notice(app, "The offline cache is not saving").await?;
    // A key made on the server while nothing can be written here: its secret still shows.
    steps::fill_new_readonly_key(app, "Made on a full disk").await?;
    app.click("create-token-submit").await?;
    app.wait_for("copy-once-dialog").await?;
    app.click("copy-once-reveal").await?;
    let secret = app.text("copy-once-secret").await?;
    ensure!(secret.starts_with("sk_live_"), "no secret shown");
    ensure!(
        saasignal_e2e::harness::scan::is_known(saasignal_e2e::harness::scan::Kind::ApiKey, &secret),
        "the secret shown is not the one the server issued"
    );
    app.click("copy-once-reveal").await?; // hide again before any screenshot
    app.click("copy-once-close").await?;
    wait_notice(app, "The offline cache is not saving").await?;
    app.step("disk-full").await?;
    still_running(app)?;
    mount.empty()?;
    // Unmounted (its files copied out for the secret scan) once the app has quit.
    super::keep_until_quit(mount);
    Ok(Finding::new(format!(
        "a key created with the disk full: its secret shown (the one the server issued); “{notice}”"
    ))
    .note("a 16 MiB tmpfs as the data folder, filled with a file"))
}

pub async fn truncated_settings(journey: &mut Journey) -> Result<Finding> {
    let dirs = explored_once(journey).await?;
    let settings = dirs.settings_file();
    let whole = std::fs::read(&settings)?;
    std::fs::write(&settings, &whole[..whole.len() / 2])?;
    let app = journey.launch_in(dirs.clone(), &[]).await?;
    let notice = wait_notice(app, "Settings restored from their backup").await?;
    app.wait_for("account-list").await?;
    steps::wait_org_title(app, DEMO_ORG_NAME).await?;
    app.step("settings-restored").await?;
    still_running(app)?;
    ensure!(accounts_in(&settings)? == 1, "the account was lost");
    let set_aside = corrupt_copies(&settings);
    ensure!(set_aside == 1, "{set_aside} damaged copies kept");
    Ok(Finding::new(format!("“{notice}”; the account is there")))
}

pub async fn settings_from_the_future(journey: &mut Journey) -> Result<Finding> {
    let server = journey.sandbox().await?;
    let dirs = explored_once(journey).await?;
    let settings = dirs.settings_file();
    let mut json: serde_json::Value = serde_json::from_slice(&std::fs::read(&settings)?)?;
    json["version"] = 99.into();
    json["holograms"] = "on".into();
    let bytes = serde_json::to_vec_pretty(&json)?;
    std::fs::write(&settings, &bytes)?;
    let app = journey.launch_in(dirs.clone(), &[]).await?;
    let notice = wait_notice(app, "Settings from a newer version").await?;
    app.wait_for("account-list").await?;
    // A change: adding an account. It is refused at the form, saying why.
    app.click("account-add").await?;
    steps::submit_sign_in(
        app,
        &server.base_url(),
        saasignal_sandbox::seed::DEMO_MAINTAINER,
        "Second",
    )
    .await?;
    let refused = app
        .wait_text_contains("signin-error", "newer version")
        .await?;
    app.step("settings-newer").await?;
    still_running(app)?;
    journey.new_launch_dirs().await?; // quits
    ensure!(
        std::fs::read(&settings)? == bytes,
        "the newer file was changed"
    );
    Ok(
        Finding::new(format!("“{notice}”; a change says “{refused}”"))
            .note("the file is byte for byte the same after the run"),
    )
}

pub async fn settings_not_writable(journey: &mut Journey) -> Result<Finding> {
    let server = journey.sandbox().await?;
    let dirs = explored_once(journey).await?;
    let settings = dirs.settings_file();
    let before = std::fs::read(&settings)?;
    let immutable = Immutable::set(&settings)?;
    let app = journey.launch_in(dirs.clone(), &[]).await?;
    app.wait_for("account-list").await?;
    app.click("account-add").await?;
    steps::submit_sign_in(
        app,
        &server.base_url(),
        saasignal_sandbox::seed::DEMO_MAINTAINER,
        "Second",
    )
    .await?;
    let refused = app
        .wait_text_contains("signin-error", "could not be saved")
        .await?;
    ensure!(
        refused.contains(&settings.display().to_string()),
        "no path: {refused}"
    );
    app.step("settings-not-writable").await?;
    still_running(app)?;
    journey.new_launch_dirs().await?; // quits
    drop(immutable);
    ensure!(std::fs::read(&settings)? == before, "the file changed");
    ensure!(accounts_in(&settings)? == 1);
    Ok(Finding::new(format!(
        "the account is there; adding another says “{refused}”"
    ))
    .note("not writable by `chattr +i`"))
}

fn corrupt_copies(settings: &Path) -> usize {
    let Some(folder) = settings.parent() else {
        return 0;
    };
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
                .filter(|e| e.file_name().to_string_lossy().starts_with("settings.json"))
                .count()
        })
        .unwrap_or(0)
}

/// `chattr +i` on a file for as long as this lives: not writable even for root.
struct Immutable(std::path::PathBuf);

impl Immutable {
    fn set(path: &Path) -> Result<Self> {
        let status = Command::new("chattr")
            .arg("+i")
            .arg(path)
            .status()
            .context("chattr")?;
        if !status.success() {
            bail!(
                "chattr +i {} failed: this file system cannot make files immutable",
                path.display()
            );
        }
        Ok(Self(path.to_owned()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

/// A small tmpfs mounted at a folder, to fill up.
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(at: &Path, mib: u32) -> Result<Self> {
        std::fs::create_dir_all(at)?;
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={mib}m"), "tmpfs"])
            .arg(at)
            .status()
            .context("mount")?;
        if !status.success() {
            bail!("mount -t tmpfs failed: this machine does not allow mounting");
        }
        Ok(Self(at.to_owned()))
    }

    /// Fills the file system to the last byte.
    fn fill(&self) -> Result<()> {
        let _ = Command::new("dd")
            .args(["if=/dev/zero", "bs=64k"])
            .arg(format!("of={}", self.0.join("filler").display()))
            .stderr(std::process::Stdio::null())
            .status()?;
        Ok(())
    }

    fn empty(&self) -> Result<()> {
        std::fs::remove_file(self.0.join("filler"))?;
        Ok(())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        // The files are needed by the scan: copy them out before the mount goes.
        let keep = self.0.with_extension("on-tmpfs");
        let _ = Command::new("cp")
            .arg("-a")
            .arg(&self.0)
            .arg(&keep)
            .status();
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

//! `cargo xtask install-test` (Linux, also the last step of `cargo xtask test`): the
//! packages as a person installs them. The test build's binary (the one the journeys ran)
//! is packed into the `.deb` and the `.rpm` (the release packages differ only in the
//! compiler's profile, and building them would double CI's build); the `.rpm`'s file list
//! is read with `rpm -qpl`; the `.deb` is installed with dpkg into a clean root (its own
//! dpkg database, nothing of this machine's `/usr` touched), its files checked, the
//! installed binary opened to the welcome screen through WebDriver, and the package
//! removed, leaving nothing under `usr/`.

use std::path::{Path, PathBuf};

use crate::cmd::Cmd;
use crate::steps;
use crate::test_build::TestBuild;

/// The binary and icon name (`mainBinaryName`); the package's own name is Tauri's
/// kebab-case of the product name, read from the `.deb`.
const BINARY: &str = "saasignal-admin";

/// What each package must install: the binary, the menu entry, the AppStream metadata
/// and the icon at every size the hicolor theme is asked for.
fn expected_files() -> Vec<String> {
    let mut files = vec![
        "/usr/bin/saasignal-admin".to_owned(),
        "/usr/share/applications/SaaSignal Admin.desktop".to_owned(),
        "/usr/share/metainfo/dev.saasignal.admin.metainfo.xml".to_owned(),
    ];
    let sizes = [
        "16x16",
        "24x24",
        "32x32",
        "48x48",
        "64x64",
        "128x128",
        "256x256",
        "256x256@2",
        "512x512",
    ];
    files.extend(
        sizes
            .iter()
            .map(|size| format!("/usr/share/icons/hicolor/{size}/apps/{BINARY}.png")),
    );
    files
}

/// Packs the test build's app, then checks the packages; the build's journeys binary
/// drives the installed app.
pub fn run(build: &TestBuild) -> Result<(), String> {
    steps::bundle_test_build()?;
    let profile_dir = build
        .bin(BINARY)?
        .parent()
        .ok_or("the test build's app binary has no folder")?;
    let bundle = profile_dir.join("bundle");
    let rpm = only_file(&bundle.join("rpm"), "rpm")?;
    check_listing(
        "the .rpm",
        &Cmd::new("rpm")
            .arg("-qpl")
            .arg(&rpm)
            .run_capturing_stdout()?,
    )?;

    let deb = only_file(&bundle.join("deb"), "deb")?;
    let root = profile_dir.join("install-test-root");
    let package = Cmd::new("dpkg-deb")
        .args(&["--field"])
        .arg(&deb)
        .arg("Package")
        .run_capturing_stdout()?
        .trim()
        .to_owned();
    let dpkg = Dpkg::clean_root(&root, &package)?;
    dpkg.run(&["--install"], Some(&deb))?;
    check_listing("the installed .deb", &dpkg.list()?)?;
    for file in expected_files() {
        let installed = root.join(file.trim_start_matches('/'));
        if !installed.is_file() {
            return Err(format!(
                "dpkg lists {file} but {} is not there",
                installed.display()
            ));
        }
    }

    let journey = Cmd::new(build.test("journeys")?)
        .args(&["--ignored", "installed_package_opens_to_the_welcome_screen"])
        .env("SAASIGNAL_E2E_APP", root.join("usr/bin").join(BINARY))
        .env("SAASIGNAL_E2E_INSTALLED", "1")
        .run_capturing_stdout()?;
    print!("{journey}");
    // A filter that matches nothing passes too: the journey must have run.
    if !journey.contains("test result: ok. 1 passed") {
        return Err("the installed-package journey did not run".into());
    }

    dpkg.run(&["--remove", &package], None)?;
    let left = files_under(&root.join("usr"))?;
    if !left.is_empty() {
        return Err(format!("dpkg --remove left files behind: {left:?}"));
    }
    std::fs::remove_dir_all(&root)
        .map_err(|error| format!("cannot remove {}: {error}", root.display()))?;
    println!(
        "xtask install-test: the .deb installed, opened, and removed cleanly; the .rpm lists every file"
    );
    Ok(())
}

fn check_listing(what: &str, listing: &str) -> Result<(), String> {
    let listed: Vec<&str> = listing.lines().map(str::trim).collect();
    let missing: Vec<String> = expected_files()
        .into_iter()
        .filter(|file| !listed.contains(&file.as_str()))
        .collect();
    if missing.is_empty() {
        println!("xtask install-test: {what} has every expected file");
        Ok(())
    } else {
        Err(format!("{what} lacks {missing:?}; it lists:\n{listing}"))
    }
}

/// dpkg on a root of its own: an empty database, the packages' dependencies taken as
/// present (they are this machine's, which the installed binary runs with).
struct Dpkg {
    root: PathBuf,
    package: String,
}

impl Dpkg {
    fn clean_root(root: &Path, package: &str) -> Result<Self, String> {
        if root.exists() {
            std::fs::remove_dir_all(root)
                .map_err(|error| format!("cannot clear {}: {error}", root.display()))?;
        }
        let admin = root.join("var/lib/dpkg");
        for dir in ["info", "updates", "triggers"] {
            std::fs::create_dir_all(admin.join(dir))
                .map_err(|error| format!("cannot make {}: {error}", admin.display()))?;
        }
        for file in ["status", "available"] {
            std::fs::write(admin.join(file), "")
                .map_err(|error| format!("cannot make the dpkg database: {error}"))?;
        }
        Ok(Self {
            root: root.to_path_buf(),
            package: package.to_owned(),
        })
    }

    fn command(&self) -> Cmd {
        Cmd::new("dpkg")
            .arg(format!("--root={}", self.root.display()))
            .args(&["--force-depends", "--force-not-root", "--log=/dev/null"])
    }

    fn run(&self, args: &[&str], file: Option<&Path>) -> Result<(), String> {
        let mut command = self.command().args(args);
        if let Some(file) = file {
            command = command.arg(file);
        }
        command.run()
    }

    fn list(&self) -> Result<String, String> {
        self.command()
            .args(&["--listfiles", &self.package])
            .run_capturing_stdout()
    }
}

fn only_file(dir: &Path, extension: &str) -> Result<PathBuf, String> {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|error| format!("cannot list {}: {error}", dir.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!(
            "expected one .{extension} in {}, found {found:?}",
            dir.display()
        )),
    }
}

/// Every file and link under `dir` (directories dpkg leaves empty do not count).
fn files_under(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(found);
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        if kind.is_dir() {
            found.extend(files_under(&path)?);
        } else {
            found.push(path);
        }
    }
    Ok(found)
}

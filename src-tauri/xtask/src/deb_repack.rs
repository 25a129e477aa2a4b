//! The `.deb` recompressed with xz, as Debian's own packages are: Tauri's bundler writes
//! its data archive with gzip, which leaves the package about a third larger (measured:
//! the README's figures). The contents and the control file are untouched.

use std::path::{Path, PathBuf};

use crate::cmd::Cmd;

/// Recompresses every `.deb` in `folder` in place; says so and skips when `dpkg-deb` is
/// not installed (a non-Debian Linux), leaving Tauri's package as it is.
pub fn recompress_all(folder: &Path) -> Result<(), String> {
    if Cmd::new("dpkg-deb")
        .args(&["--version"])
        .output_text()
        .is_err()
    {
        println!("xtask bundle: dpkg-deb not found, the .deb keeps Tauri's gzip compression");
        return Ok(());
    }
    let entries = std::fs::read_dir(folder)
        .map_err(|error| format!("cannot list {}: {error}", folder.display()))?;
    let debs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "deb"))
        .collect();
    for deb in debs {
        recompress(&deb)?;
    }
    Ok(())
}

fn recompress(deb: &Path) -> Result<(), String> {
    let before = size(deb)?;
    let tree = deb.with_extension("unpacked");
    if tree.exists() {
        std::fs::remove_dir_all(&tree)
            .map_err(|error| format!("cannot clear {}: {error}", tree.display()))?;
    }
    Cmd::new("dpkg-deb")
        .args(&["-R"])
        .arg(deb)
        .arg(&tree)
        .run()?;
    Cmd::new("dpkg-deb")
        .args(&["--root-owner-group", "-Zxz", "-z9", "-b"])
        .arg(&tree)
        .arg(deb)
        .run()?;
    std::fs::remove_dir_all(&tree)
        .map_err(|error| format!("cannot remove {}: {error}", tree.display()))?;
    println!(
        "xtask bundle: {} recompressed with xz: {:.2} MiB → {:.2} MiB",
        deb.display(),
        mib(before),
        mib(size(deb)?)
    );
    Ok(())
}

fn size(path: &Path) -> Result<u64, String> {
    std::fs::metadata(path)
        .map(|meta| meta.len())
        .map_err(|error| format!("cannot read {}: {error}", path.display()))
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

//! Builds the UI into `ui/dist`, rewriting only the files whose content changed.
//!
//! The app embeds `ui/dist` when it compiles, and cargo compiles it again whenever a file
//! there is newer than its last build. Vite writes every file anew on each build, so before
//! this a benchmark run with no UI change still rebuilt the release app (3–4 minutes on
//! two cores). Vite builds into `target/ui-build`; its files are then copied over where
//! their bytes differ, and `ui/dist`'s files that the build no longer makes are removed.

use std::fs;
use std::io;
use std::path::Path;

use crate::cmd::Cmd;
use crate::steps::{repo_root, target_dir};

pub fn build_ui() -> Result<(), String> {
    let ui = repo_root().join("ui");
    let fresh = target_dir().join("ui-build");
    Cmd::npm()
        .args(&["run", "build", "--", "--emptyOutDir", "--outDir"])
        .arg(&fresh)
        .dir(&ui)
        .run()?;
    let dist = ui.join("dist");
    mirror(&fresh, &dist).map_err(|error| {
        format!(
            "copying the UI build from {} into {}: {error}",
            fresh.display(),
            dist.display()
        )
    })
}

/// Makes `to` hold exactly `from`'s files, leaving the files whose bytes are already the
/// same untouched (their modification times too).
fn mirror(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(to)? {
        let entry = entry?;
        let source = from.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            if !source.is_dir() {
                fs::remove_dir_all(entry.path())?;
            }
        } else if !source.is_file() {
            fs::remove_file(entry.path())?;
        }
    }
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            mirror(&entry.path(), &target)?;
        } else {
            let bytes = fs::read(entry.path())?;
            if fs::read(&target).ok().as_deref() != Some(bytes.as_slice()) {
                fs::write(&target, bytes)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::mirror;
    use std::fs;
    use std::path::PathBuf;
    use std::time::{Duration, SystemTime};

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-mirror-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn only_changed_files_are_rewritten_and_stale_ones_go() {
        let root = scratch("changes");
        let (build, dist) = (root.join("build"), root.join("dist"));
        fs::create_dir_all(build.join("assets")).unwrap();
        fs::write(build.join("index.html"), "<script src=assets/a2.js>").unwrap();
        fs::write(build.join("assets/a2.js"), "two").unwrap();
        fs::write(build.join("assets/same.css"), "same").unwrap();
        fs::create_dir_all(dist.join("assets")).unwrap();
        fs::create_dir_all(dist.join("old")).unwrap();
        fs::write(dist.join("index.html"), "<script src=assets/a1.js>").unwrap();
        fs::write(dist.join("assets/a1.js"), "one").unwrap();
        fs::write(dist.join("assets/same.css"), "same").unwrap();
        let long_ago = SystemTime::now() - Duration::from_secs(3_600);
        fs::File::options()
            .write(true)
            .open(dist.join("assets/same.css"))
            .unwrap()
            .set_modified(long_ago)
            .unwrap();

        mirror(&build, &dist).unwrap();

        assert_eq!(
            fs::read_to_string(dist.join("index.html")).unwrap(),
            "<script src=assets/a2.js>"
        );
        assert_eq!(
            fs::read_to_string(dist.join("assets/a2.js")).unwrap(),
            "two"
        );
        assert!(
            !dist.join("assets/a1.js").exists(),
            "a file the build no longer makes"
        );
        assert!(
            !dist.join("old").exists(),
            "a folder the build no longer makes"
        );
        let modified = fs::metadata(dist.join("assets/same.css"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(modified, long_ago, "an unchanged file keeps its time");
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn makes_the_folder_when_there_is_none() {
        let root = scratch("fresh");
        let (build, dist) = (root.join("build"), root.join("dist"));
        fs::create_dir_all(build.join("assets")).unwrap();
        fs::write(build.join("assets/app.js"), "app").unwrap();
        mirror(&build, &dist).unwrap();
        assert_eq!(
            fs::read_to_string(dist.join("assets/app.js")).unwrap(),
            "app"
        );
        fs::remove_dir_all(root).unwrap();
    }
}

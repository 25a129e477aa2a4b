//! How the app's processes use memory, set once at start (measured by
//! `cargo xtask bench-launch`, whose figures the README gives).
//!
//! - glibc's allocator (Linux): at most two arenas and a fixed 128 KiB mmap threshold,
//!   in this process and, through the environment they inherit, in its WebKit
//!   processes. By default glibc keeps one arena per thread that ever allocated (tokio's
//!   workers, the blocking pool) and raises the mmap threshold after each large free, so
//!   the memory of a large list read once (10,000 projects fetched, decoded and cached)
//!   stays mapped after it is freed. An admin app that waits on the network gains nothing
//!   from per-thread arenas.
//! - JavaScriptCore's collector in the web process (Linux): every collection a full one, due
//!   after 8 MiB of allocation instead of 32. By default the collector only sweeps the
//!   young objects and leaves the full sweep to a timer that never fires while the window
//!   is in use; each tab switch's short-lived objects that outlive one young collection
//!   (and the DOM and style memory they keep) then pile up in the old generation (its
//!   live size after each collection rose 3.4 → 11.3 MiB over 600 rounds of tab switches
//!   in `cargo xtask bench-soak`; with full collections it stays at 5 MiB). The page's
//!   live heap is about 5 MiB, so a full collection costs a few milliseconds (median
//!   4.4 ms in the same run, one every ~25 rounds).
//! - The same collector's heap allowed to grow to twice its size after a collection before
//!   the next one (1.5 times where the machine has less than 16 GB, which JavaScriptCore
//!   sizes by another rule) instead of about four times. The garbage awaiting the next
//!   collection is memory too, and an idle window keeps it (20 s after the last click the
//!   web process had not moved, in `bench-soak` runs with `SOAK_SETTLE=20`): with ~6 MiB
//!   live, each collection came at ~24 MiB, so an idle window held 6–24 MiB of its heap
//!   depending on when it was last used, and a day's readings moved by as much (the slope
//!   of `cargo xtask bench-soak` over rounds 1,000–2,000 read 0.00–0.55 MiB per 100 rounds
//!   in one run depending on which rounds were read). Now it collects at ~12 MiB, a
//!   collection every ~2.6 s of clicking instead of every ~6 s; the tables scroll as before
//!   (`cargo xtask bench-scroll`: keys' table work 3.22 ms a frame, the filter's JS at most
//!   3 ms a keystroke).
//! - JavaScriptCore's top tier (FTL) off in the web process (Linux); its baseline and DFG
//!   tiers stay. The tab handlers run thousands of times over a day, and some 1,600 rounds
//!   of tab switches in (about six minutes of clicking) the web process stepped up by
//!   15–17 MiB that it kept (in three runs of `cargo xtask bench-soak 2000`). Without FTL
//!   the same run has no step: 328.7 MiB after 100 rounds and 326.6 after 2,000; slopes
//!   over the second half of −0.14, 0.33 and 0.78 MiB per 100 rounds in three runs (where
//!   the last readings fall in a ±8 MiB sawtooth), against 1.24–2.40 with FTL. The cost,
//!   for a UI of short handlers, is small: scrolling 10,000 projects and 5,000 keys stays
//!   within its goals, the keys' table work at 3.45 ms a frame against 2.58 with FTL
//!   (`cargo xtask bench-scroll`, one run each).
//! - WebKit's painting (Linux) where the machine has no GPU (no `/dev/dri/renderD*`, no
//!   `/dev/nvidia0`): Skia paints on the CPU (`WEBKIT_SKIA_ENABLE_CPU_RENDERING=1`)
//!   instead of through Mesa's software OpenGL (llvmpipe), which is what WebKit's "GPU"
//!   painting runs on there, and which holds its tiles and the compiled LLVM shaders in
//!   the web process. The demo org at launch: 288 MiB instead of 314; after 100 rounds of
//!   tab switches 322 instead of 375 (`cargo xtask bench-soak 100`, two runs each). With a
//!   GPU, WebKit's own choice stands.
//! - After each list the server sends is cached (the core reports it, `EventSink::list_stored`):
//!   a second after the last one, the cache's SQLite page cache is emptied (writing 10,000
//!   projects fills it to its 2 MiB, and the screens read 200-row windows), then, on Linux
//!   with glibc, `malloc_trim` releases the pages of the free chunks all through the heap
//!   that fetching, decoding and caching a long list leaves and glibc keeps mapped. The app
//!   process at launch with 10,000 projects: 88.5 MiB, from 96.2 (`cargo xtask bench-launch`).
//! - The webview (Linux): WebKit's "document viewer" cache model. The app is one page
//!   loaded from disk; it never navigates, so the back/forward and resource caches sized
//!   for a browser only hold memory.

#[cfg(target_os = "linux")]
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use saasignal_cache::Cache;

/// Applies the allocator settings. Call first in `main`, before any thread starts: it
/// sets environment variables, which is sound only while the process has one thread.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const ARENAS: i32 = 2;
        const MMAP_THRESHOLD: i32 = 128 * 1024;
        // SAFETY: mallopt takes plain integers; called before any other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, ARENAS);
            // Setting it turns off glibc's raising of the threshold after large frees.
            libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
            libc::mallopt(libc::M_TRIM_THRESHOLD, MMAP_THRESHOLD);
        }
        // The WebKit processes start later and read these at their own start.
        for (name, value) in [
            ("MALLOC_ARENA_MAX", ARENAS.to_string()),
            ("MALLOC_MMAP_THRESHOLD_", MMAP_THRESHOLD.to_string()),
            ("MALLOC_TRIM_THRESHOLD_", MMAP_THRESHOLD.to_string()),
        ] {
            // SAFETY: the process has a single thread yet (see above).
            unsafe { inherit_unless_set(name, &value) };
        }
    }
}

/// Tunes the web process's JavaScript engine: its collector and its tiers (the module's
/// comment says why). Call first in `main` with [`tune_allocator`]: it sets environment
/// variables the web process reads when it starts; one already set (to measure without
/// it) is left alone.
pub fn tune_javascript_engine() {
    #[cfg(target_os = "linux")]
    for (name, value) in JAVASCRIPT_ENGINE {
        // SAFETY: called before any other thread exists, as `tune_allocator`.
        unsafe { inherit_unless_set(name, value) };
    }
}

/// Has WebKit paint on the CPU where there is no GPU to paint with (the module's comment
/// says why). Call first in `main` with [`tune_allocator`]: it sets an environment
/// variable the web process reads when it starts; one already set is left alone.
pub fn tune_painting() {
    #[cfg(target_os = "linux")]
    if !has_gpu(Path::new("/dev")) {
        // SAFETY: called before any other thread exists, as `tune_allocator`.
        unsafe { inherit_unless_set("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1") };
    }
}

/// Whether the device folder `dev` offers a GPU to render with: a DRM render node, or
/// NVIDIA's proprietary device.
#[cfg(target_os = "linux")]
fn has_gpu(dev: &Path) -> bool {
    let render_node = std::fs::read_dir(dev.join("dri")).is_ok_and(|nodes| {
        nodes
            .filter_map(Result::ok)
            .any(|node| node.file_name().to_string_lossy().starts_with("renderD"))
    });
    render_node || dev.join("nvidia0").exists()
}

/// JavaScriptCore's options, read from `JSC_<name>` variables by the web process.
#[cfg(target_os = "linux")]
const JAVASCRIPT_ENGINE: [(&str, &str); 5] = [
    ("JSC_useGenerationalGC", "0"),
    ("JSC_largeHeapSize", "8388608"),
    // Growth after a collection: JavaScriptCore's rule on machines with 16 GB or more
    // (1 + this × e^(−2 × heap / RAM): about 2 here, 4 by default), then its rule below.
    ("JSC_heapGrowthMaxIncrease", "1"),
    ("JSC_smallHeapGrowthFactor", "1.5"),
    ("JSC_useFTLJIT", "0"),
];

/// Sets `name` for the processes this one starts, unless the user set it.
///
/// # Safety
/// Only while the process has a single thread (`std::env::set_var`'s contract).
#[cfg(target_os = "linux")]
unsafe fn inherit_unless_set(name: &str, value: &str) {
    if std::env::var_os(name).is_none() {
        // SAFETY: the caller's (see above).
        unsafe { std::env::set_var(name, value) };
    }
}

/// How long after the last list a sync updated its freed memory is given back: a whole
/// refresh updates hundreds of lists, and one trim after them all is enough.
const RELEASE_AFTER_SYNC: Duration = Duration::from_secs(1);

static RELEASE_PENDING: Coalesced = Coalesced::new();

/// Gives the memory a sync freed, and `cache`'s page cache, back to the OS,
/// [`RELEASE_AFTER_SYNC`] from now; calls meanwhile join the pending one.
pub fn release_freed_after_sync(cache: &Cache) {
    if !RELEASE_PENDING.claim() {
        return;
    }
    let cache = cache.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(RELEASE_AFTER_SYNC).await;
        RELEASE_PENDING.done();
        // Blocking: it waits for the cache's lock, which a write may hold.
        let released = tauri::async_runtime::spawn_blocking(move || cache.release_memory()).await;
        match released {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::debug!(%error, "the cache's page cache was not freed"),
            Err(error) => tracing::debug!(%error, "freeing the cache's page cache did not run"),
        }
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: malloc_trim takes a plain integer and only walks glibc's own arenas.
        unsafe {
            libc::malloc_trim(0);
        }
    });
}

/// One piece of work pending at a time: the first caller schedules it, later ones join it
/// until it runs.
struct Coalesced {
    pending: AtomicBool,
}

impl Coalesced {
    const fn new() -> Self {
        Self {
            pending: AtomicBool::new(false),
        }
    }

    /// `true` when none is pending: the caller schedules it.
    fn claim(&self) -> bool {
        !self.pending.swap(true, Ordering::AcqRel)
    }

    /// The pending work is starting: the next call schedules another.
    fn done(&self) {
        self.pending.store(false, Ordering::Release);
    }
}

/// Sizes the webview's caches for a single-page app.
pub fn tune_webview(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    {
        let tuned = window.with_webview(|webview| {
            use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
        if let Err(error) = tuned {
            tracing::warn!(%error, "the webview's cache model could not be set");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

#[cfg(test)]
mod tests {
    use super::Coalesced;

    #[cfg(target_os = "linux")]
    #[test]
    fn a_gpu_is_a_render_node_or_the_nvidia_device() {
        use super::has_gpu;
        let dev = tempfile::tempdir().unwrap();
        assert!(!has_gpu(dev.path()), "no dri folder: no GPU");
        std::fs::create_dir(dev.path().join("dri")).unwrap();
        std::fs::write(dev.path().join("dri/card0"), "").unwrap();
        assert!(
            !has_gpu(dev.path()),
            "a display card without a render node is no GPU to paint with"
        );
        std::fs::write(dev.path().join("dri/renderD128"), "").unwrap();
        assert!(has_gpu(dev.path()));

        let nvidia = tempfile::tempdir().unwrap();
        std::fs::write(nvidia.path().join("nvidia0"), "").unwrap();
        assert!(has_gpu(nvidia.path()));
    }

    #[test]
    fn calls_while_one_is_pending_join_it() {
        let work = Coalesced::new();
        assert!(work.claim(), "the first call schedules the work");
        assert!(!work.claim(), "a second call while it is pending joins it");
        assert!(!work.claim());
        work.done();
        assert!(
            work.claim(),
            "once it ran, the next call schedules it again"
        );
    }
}

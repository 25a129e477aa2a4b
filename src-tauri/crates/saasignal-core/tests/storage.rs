//! The app's files under faults: a data folder that cannot be made, a cache another
//! process holds locked, a damaged cache. The app opens anyway, says what is wrong, and
//! Retry brings the files back once the cause is gone.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::quick_config;
use saasignal_core::Core;
use saasignal_core::notices::NoticeAction;
use saasignal_core::storage::{CACHE_FILE, Storage};
use saasignal_core::test_doubles::MemoryClipboard;
use saasignal_core::test_doubles::NoEvents;
use saasignal_vault::MemoryStore;

fn core_over(storage: &Storage) -> Core {
    let core = Core::new(
        quick_config(),
        storage.settings.clone(),
        Arc::new(MemoryStore::new()),
        storage.cache.clone(),
        Some(saasignal_core::clipboard::SecretClipboard::new(Box::new(
            MemoryClipboard::default(),
        ))),
        Arc::new(NoEvents),
    )
    .expect("core");
    for notice in &storage.notices {
        core.post_notice(notice.clone());
    }
    core
}

#[tokio::test]
async fn a_data_folder_that_is_a_file_is_one_notice_and_retry_recovers() {
    let home = tempfile::tempdir().unwrap();
    let data_dir = home.path().join("dev.saasignal.admin");
    std::fs::write(&data_dir, b"a file where the folder should be").unwrap();

    let storage = Storage::open(data_dir.clone());
    let core = core_over(&storage);
    let notices = core.notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].action, NoticeAction::RetryStorage);
    assert!(
        notices[0].message.contains("File exists"),
        "{}",
        notices[0].message
    );
    assert_eq!(notices[0].path.as_deref(), Some(data_dir.to_str().unwrap()));
    assert!(core.cache().is_in_memory(), "an in-memory cache stands in");

    // Still in the way: Retry says so again.
    assert_eq!(core.retry_storage(&storage).unwrap().len(), 1);

    std::fs::remove_file(&data_dir).unwrap();
    assert!(core.retry_storage(&storage).unwrap().is_empty());
    assert!(!core.cache().is_in_memory());
    assert!(data_dir.join(CACHE_FILE).exists());
    core.remember_org(
        &saasignal_core::accounts::AccountId::from("acc_x".to_owned()),
        "org_1",
    )
    .expect("the settings file is writable again");
    assert!(data_dir.join("settings.json").exists());
}

#[tokio::test]
async fn a_cache_locked_by_another_process_falls_back_to_memory_until_retry() {
    let home = tempfile::tempdir().unwrap();
    let data_dir = home.path().join("data");
    drop(Storage::open(data_dir.clone()));
    // Exclusive locking mode keeps even readers out (plain BEGIN EXCLUSIVE on a WAL
    // file stops writers only; the fault suite covers that case).
    let holder = rusqlite::Connection::open(data_dir.join(CACHE_FILE)).unwrap();
    holder
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; CREATE TABLE held (x);")
        .unwrap();

    let storage = Storage::open(data_dir.clone());
    let core = core_over(&storage);
    let notices = core.notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].message.contains("locked"),
        "{}",
        notices[0].message
    );
    assert!(
        notices[0]
            .message
            .contains("another copy of SaaSignal Admin"),
        "{}",
        notices[0].message
    );
    assert!(core.cache().is_in_memory());

    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(core.retry_storage(&storage).unwrap().is_empty());
    assert!(!core.cache().is_in_memory());
}

#[tokio::test]
async fn a_damaged_cache_is_rebuilt_and_said_so() {
    let home = tempfile::tempdir().unwrap();
    let data_dir = home.path().join("data");
    std::fs::create_dir_all(&data_dir).unwrap();
    std::fs::write(data_dir.join(CACHE_FILE), vec![0x5a; 4096]).unwrap();
    let storage = Storage::open(data_dir.clone());
    let notices = core_over(&storage).notices();
    assert_eq!(notices.len(), 1);
    assert!(notices[0].dismissible);
    assert!(notices[0].title.contains("rebuilt"));
    assert!(!storage.cache.is_in_memory());
}

use super::*;
use crate::accounts::{Account, AccountId, AccountKind, AccountState};

fn account(label: &str) -> Account {
    Account {
        id: AccountId::generate(),
        label: label.into(),
        base_url: "https://api.example.com".into(),
        kind: AccountKind::Session,
        identity: format!("{label}@example.com"),
        state: AccountState::SignedIn,
        last_used_at: None,
        api_key_reach: None,
        is_local_sandbox: false,
        credential_digest: None,
    }
}

fn accounts(labels: &[&str]) -> AccountsFile {
    AccountsFile {
        accounts: labels.iter().map(|label| account(label)).collect(),
        ..AccountsFile::default()
    }
}

fn labels(store: &SettingsFile) -> Vec<String> {
    store
        .load()
        .unwrap()
        .accounts
        .into_iter()
        .map(|a| a.label)
        .collect()
}

struct Folder {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn folder() -> Folder {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.json");
    Folder { _dir: dir, path }
}

#[test]
fn saves_and_reads_back_with_a_backup_of_the_previous_file() {
    let f = folder();
    let store = SettingsFile::open(&f.path);
    assert_eq!(store.notice(), None);
    store.save(&accounts(&["Production"])).unwrap();
    store.save(&accounts(&["Production", "Staging"])).unwrap();

    assert_eq!(
        labels(&SettingsFile::open(&f.path)),
        ["Production", "Staging"]
    );
    let backup = Document::parse(&fs::read(backup_path(&f.path)).unwrap()).unwrap();
    assert_eq!(
        backup.accounts.accounts.len(),
        1,
        "the backup is the previous save"
    );
}

#[test]
fn a_truncated_file_is_set_aside_and_the_backup_restored() {
    let f = folder();
    let store = SettingsFile::open(&f.path);
    store.save(&accounts(&["Production"])).unwrap();
    store.save(&accounts(&["Production", "Staging"])).unwrap();
    let full = fs::read(&f.path).unwrap();
    fs::write(&f.path, &full[..full.len() / 2]).unwrap();

    let reopened = SettingsFile::open(&f.path);
    let notice = reopened.notice().expect("the person is told");
    let SettingsNotice::RestoredFromBackup { set_aside_as, .. } = &notice else {
        panic!("{notice:?}");
    };
    let set_aside_as = set_aside_as.clone().expect("the damaged file is kept");
    assert_eq!(fs::read(&set_aside_as).unwrap(), &full[..full.len() / 2]);
    assert!(notice.to_string().contains("cut short"), "{notice}");
    assert_eq!(labels(&reopened), ["Production"]);
    assert!(reopened.list_is_complete());
    // Written back in place, so the next start is clean.
    assert_eq!(SettingsFile::open(&f.path).notice(), None);
}

#[test]
fn a_damaged_file_without_backup_is_never_saved_over() {
    let f = folder();
    fs::write(&f.path, b"{\"accounts\":{\"accounts\":[{\"id\":").unwrap();
    let store = SettingsFile::open(&f.path);
    let Some(SettingsNotice::SetAside { set_aside_as, .. }) = store.notice() else {
        panic!("{:?}", store.notice());
    };
    assert!(set_aside_as.exists());
    assert!(!store.list_is_complete(), "its credentials are not orphans");
    store.save(&accounts(&["New"])).unwrap();
    assert_eq!(
        fs::read(&set_aside_as).unwrap(),
        b"{\"accounts\":{\"accounts\":[{\"id\":"
    );
}

#[test]
fn only_one_damaged_copy_is_kept() {
    let f = folder();
    for round in 0..3 {
        fs::write(&f.path, format!("damaged {round}")).unwrap();
        let _ = SettingsFile::open(&f.path);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let copies = corrupt_copies(&f.path);
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(fs::read(&copies[0]).unwrap(), b"damaged 2");
}

#[test]
fn a_newer_file_is_shown_and_never_changed() {
    let f = folder();
    let mut future: serde_json::Value =
        serde_json::from_slice(&Document::default().to_bytes().unwrap()).unwrap();
    future["version"] = 9.into();
    future["accounts"] = serde_json::to_value(accounts(&["Production"])).unwrap();
    future["somethingNew"] = "kept".into();
    let bytes = serde_json::to_vec(&future).unwrap();
    fs::write(&f.path, &bytes).unwrap();

    let store = SettingsFile::open(&f.path);
    assert!(matches!(
        store.notice(),
        Some(SettingsNotice::FromNewerVersion { found: 9, .. })
    ));
    assert_eq!(labels(&store), ["Production"]);
    let refused = store.save(&accounts(&["Other"])).unwrap_err();
    assert!(refused.to_string().contains("newer version"), "{refused}");
    assert!(!store.list_is_complete());
    assert_eq!(fs::read(&f.path).unwrap(), bytes);
}

#[test]
fn a_missing_file_with_a_backup_is_restored() {
    let f = folder();
    let store = SettingsFile::open(&f.path);
    store.save(&accounts(&["Production"])).unwrap();
    store.save(&accounts(&["Production", "Staging"])).unwrap();
    // As if stopped between the two renames of a save.
    fs::rename(&f.path, backup_path(&f.path)).unwrap();
    let reopened = SettingsFile::open(&f.path);
    assert_eq!(labels(&reopened), ["Production", "Staging"]);
    assert!(matches!(
        reopened.notice(),
        Some(SettingsNotice::RestoredFromBackup { .. })
    ));
}

#[test]
fn an_unusable_folder_is_read_only_with_the_os_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("data");
    fs::write(&blocker, b"a file where the folder should be").unwrap();
    let store = SettingsFile::open(blocker.join("settings.json"));
    let Some(SettingsNotice::Unreadable { error, .. }) = store.notice() else {
        panic!("{:?}", store.notice());
    };
    assert!(error.to_lowercase().contains("not a directory"), "{error}");
    let refused = store.save(&accounts(&["A"])).unwrap_err();
    assert!(refused.to_string().contains("Retry"), "{refused}");

    fs::remove_file(&blocker).unwrap();
    fs::create_dir(&blocker).unwrap();
    assert_eq!(store.reopen(), None);
    store.save(&accounts(&["A"])).unwrap();
}

#[test]
fn preferences_are_kept_beside_the_accounts() {
    let f = folder();
    let store = SettingsFile::open(&f.path);
    assert!(store.preferences().use_system_proxy);
    assert!(store.preferences().expiry_notifications, "on by default");
    let thresholds = saasignal_model::KeyThresholds {
        unused_after_days: 60,
        ..Default::default()
    };
    store
        .set_preferences(Preferences {
            use_system_proxy: false,
            key_thresholds: thresholds,
            expiry_notifications: false,
        })
        .unwrap();
    store.save(&accounts(&["A"])).unwrap();
    let reopened = SettingsFile::open(&f.path);
    assert!(!reopened.preferences().use_system_proxy);
    assert_eq!(reopened.preferences().key_thresholds, thresholds);
    assert!(!reopened.preferences().expiry_notifications);
    assert_eq!(labels(&reopened), ["A"]);
}

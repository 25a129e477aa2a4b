//! The keychain's name for people: the platform's store, and on Linux which
//! program answers as the Secret Service (asked of D-Bus, so it is the one in use).

/// The platform's credential store.
pub(crate) fn platform_store_name() -> &'static str {
    if cfg!(target_os = "macos") {
        "macOS Keychain"
    } else if cfg!(target_os = "windows") {
        "Windows Credential Manager"
    } else {
        "Secret Service"
    }
}

/// The store's name with the program behind it where that can be found, e.g.
/// "Secret Service (gnome-keyring)". Blocking: makes D-Bus calls on Linux.
pub(crate) fn detect_store_name() -> String {
    match secret_service_daemon() {
        Some(daemon) => format!("{} ({daemon})", platform_store_name()),
        None => platform_store_name().to_owned(),
    }
}

/// The program owning `org.freedesktop.secrets` on the session bus.
#[cfg(target_os = "linux")]
fn secret_service_daemon() -> Option<String> {
    let connection = zbus::blocking::Connection::session().ok()?;
    let bus = zbus::blocking::fdo::DBusProxy::new(&connection).ok()?;
    let name = zbus::names::BusName::try_from("org.freedesktop.secrets").ok()?;
    let pid = bus.get_connection_unix_process_id(name).ok()?;
    let command = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
    Some(daemon_label(command.trim()).to_owned())
}

#[cfg(not(target_os = "linux"))]
fn secret_service_daemon() -> Option<String> {
    None
}

/// A readable name for a process name (`comm` is cut to 15 characters).
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn daemon_label(command: &str) -> &str {
    match command {
        "gnome-keyring-d" | "gnome-keyring-daemon" => "gnome-keyring",
        "keepassxc" | "KeePassXC" => "KeePassXC",
        "kwalletd5" | "kwalletd6" | "ksecretd" => "KWallet",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_daemons_get_their_usual_names() {
        assert_eq!(daemon_label("gnome-keyring-d"), "gnome-keyring");
        assert_eq!(daemon_label("keepassxc"), "KeePassXC");
        assert_eq!(daemon_label("kwalletd6"), "KWallet");
        assert_eq!(daemon_label("oo7-daemon"), "oo7-daemon");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn linux_store_is_the_secret_service() {
        assert_eq!(platform_store_name(), "Secret Service");
        assert!(detect_store_name().starts_with("Secret Service"));
    }
}

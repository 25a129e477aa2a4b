//! What happens when something goes badly wrong. A panic is logged (location and
//! message, with anything like a credential blanked) and a secret this app copied is
//! cleared from the clipboard before the panic goes on; core dumps are switched off, so
//! a crash never writes the secrets held in memory to disk.

use std::sync::OnceLock;

use saasignal_core::Core;

/// The core, once it exists, for the panic hook to clear the clipboard with.
static CORE: OnceLock<Core> = OnceLock::new();

/// Marks of the platform's credentials: what follows one is blanked in panic messages.
const CREDENTIAL_MARKS: [&str; 4] = ["sk_live_", "sk_test_", "bt_", "Bearer "];

/// Called first thing: no core dumps, and the panic hook.
pub fn harden_process() {
    disable_core_dumps();
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = redact(&panic_message(info));
        let location = info
            .location()
            .map(|at| format!("{}:{}", at.file(), at.line()))
            .unwrap_or_default();
        tracing::error!(%location, %message, "the app panicked");
        eprintln!("SaaSignal Admin panicked at {location}: {message}");
        if let Some(core) = CORE.get() {
            core.clear_clipboard_now();
        }
        // The default hook prints a backtrace when RUST_BACKTRACE asks; it shows no
        // values, only frames.
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            default_hook(info);
        }
    }));
}

/// Lets the panic hook clear a copied secret from the clipboard.
pub fn clear_clipboard_on_panic(core: Core) {
    let _ = CORE.set(core);
}

fn panic_message(info: &std::panic::PanicHookInfo<'_>) -> String {
    if let Some(text) = info.payload().downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = info.payload().downcast_ref::<String>() {
        text.clone()
    } else {
        "(no message)".to_owned()
    }
}

/// `text` with whatever follows a credential mark (up to the next character that no
/// token contains) replaced by `…`.
fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((at, mark)) = CREDENTIAL_MARKS
        .iter()
        .filter_map(|mark| rest.find(mark).map(|at| (at, *mark)))
        .min_by_key(|(at, _)| *at)
    {
        out.push_str(&rest[..at + mark.len()]);
        out.push('…');
        let after = &rest[at + mark.len()..];
        let token_end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || "-_.~+/=".contains(c)))
            .unwrap_or(after.len());
        rest = &after[token_end..];
    }
    out.push_str(rest);
    out
}

#[cfg(target_os = "linux")]
fn disable_core_dumps() {
    // SAFETY: plain system calls on this process with valid arguments.
    unsafe {
        let none = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::setrlimit(libc::RLIMIT_CORE, &none) != 0 {
            eprintln!("could not switch off core dumps (setrlimit)");
        }
        // Also keeps other programs of the same user from attaching to read memory.
        if libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) != 0 {
            eprintln!("could not mark the process as not dumpable (prctl)");
        }
    }
}

#[cfg(target_os = "macos")]
fn disable_core_dumps() {
    // SAFETY: a plain system call on this process with a valid argument.
    unsafe {
        let none = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::setrlimit(libc::RLIMIT_CORE, &none) != 0 {
            eprintln!("could not switch off core dumps (setrlimit)");
        }
    }
}

/// Windows writes no core files; Windows Error Reporting keeps crash dumps only where
/// an administrator configured LocalDumps, which an app cannot override.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn disable_core_dumps() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_panic_messages_are_blanked() {
        assert_eq!(
            redact("bad key sk_live_AbC123xyz in request"),
            "bad key sk_live_… in request"
        );
        assert_eq!(
            redact("header Bearer eyJhbGci.eyJzdWIi.sig and bt_eyJx.y.z"),
            "header Bearer … and bt_…"
        );
        assert_eq!(redact("index out of bounds"), "index out of bounds");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn core_dumps_are_off_after_hardening() {
        disable_core_dumps();
        let mut limit = libc::rlimit {
            rlim_cur: 1,
            rlim_max: 1,
        };
        // SAFETY: reads this process's limit into a valid struct.
        assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut limit) }, 0);
        assert_eq!((limit.rlim_cur, limit.rlim_max), (0, 0));
        // SAFETY: reads a flag of this process.
        assert_eq!(unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) }, 0);
    }
}

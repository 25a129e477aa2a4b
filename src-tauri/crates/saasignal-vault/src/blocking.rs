//! Keychain calls block (D-Bus round trips, password prompts), so each runs on a
//! thread of its own with a deadline; the async caller never waits longer than that.
//!
//! A plain thread rather than tokio's blocking pool: a call that never returns (a
//! password prompt nobody answers) must not hold up the runtime's shutdown when the
//! app quits. Keychain calls are rare, so a thread per call costs nothing noticeable.

use std::time::Duration;

use tokio::sync::oneshot;

use crate::error::VaultError;

/// Runs `call` on its own thread; gives up with [`VaultError::Timeout`] after
/// `deadline`. A call that overruns keeps its thread until the keychain answers:
/// blocking keychain APIs cannot be cancelled.
pub(crate) async fn run_with_deadline<T, F>(deadline: Duration, call: F) -> Result<T, VaultError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, VaultError> + Send + 'static,
{
    let (answer, answered) = oneshot::channel();
    std::thread::Builder::new()
        .name("keychain-call".to_owned())
        .spawn(move || {
            // The caller may have given up already; then nobody needs the answer.
            let _ = answer.send(call());
        })
        .map_err(|error| VaultError::Keychain {
            detail: format!("could not start the keychain call ({error})"),
        })?;
    match tokio::time::timeout(deadline, answered).await {
        Err(_elapsed) => Err(VaultError::Timeout { after: deadline }),
        Ok(Err(_dropped)) => Err(VaultError::Keychain {
            detail: "the keychain call stopped unexpectedly".to_owned(),
        }),
        Ok(Ok(result)) => result,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn answers_within_the_deadline_pass_through() {
        let value = run_with_deadline(Duration::from_secs(1), || Ok(7)).await;
        assert_eq!(value, Ok(7));
        let failed: Result<(), _> =
            run_with_deadline(Duration::from_secs(1), || Err(VaultError::InvalidAccountId)).await;
        assert_eq!(failed, Err(VaultError::InvalidAccountId));
    }

    #[tokio::test]
    async fn a_slow_keychain_times_out() {
        let deadline = Duration::from_millis(50);
        let slow = run_with_deadline(deadline, || {
            std::thread::sleep(Duration::from_millis(500));
            Ok(())
        });
        assert_eq!(slow.await, Err(VaultError::Timeout { after: deadline }));
    }

    #[tokio::test]
    async fn a_panicking_call_is_an_error_not_a_crash() {
        let result: Result<(), _> =
            run_with_deadline(Duration::from_secs(1), || panic!("keychain mutex poisoned")).await;
        assert_eq!(result.map_err(|e| e.code().as_str()), Err("keychain_error"));
    }
}

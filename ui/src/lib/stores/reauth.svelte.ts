// Asking for the password again, in place, when a session expires. Whoever hit the
// expiry awaits `request`; the modal resolves it after `signInAgain`, and the caller
// retries with everything on screen (typed input included) untouched.
import { BackendError, ErrorCodes, type ErrorReport } from "../backend";
import { connectivity } from "./connectivity.svelte";
import { session } from "./session.svelte";

/** Whoever waits for the password, and Rust's report of the expiry they met. */
type Waiter = { resolve: () => void; reject: (error: BackendError) => void; expired: ErrorReport };

class Reauth {
  /** The account whose password the modal is asking for. */
  accountId = $state<string | null>(null);
  private waiters: Waiter[] = [];
  /** Accounts for which the person closed the modal: reads stop re-opening it. */
  private dismissed = new Set<string>();

  /** The person chose "Sign in again": open the modal; nobody waits on it. */
  ask(accountId: string): void {
    this.dismissed.delete(accountId);
    this.accountId = accountId;
  }

  request(accountId: string, expired: ErrorReport): Promise<void> {
    this.dismissed.delete(accountId);
    this.accountId = accountId;
    return new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject, expired }));
  }

  /** A read found the session expired: ask, unless the person already said "later". */
  readExpired(accountId: string, expired: ErrorReport): Promise<void> | null {
    if (this.dismissed.has(accountId)) return null;
    return this.request(accountId, expired);
  }

  succeeded(): void {
    const accountId = this.accountId;
    const waiters = this.waiters;
    this.waiters = [];
    this.accountId = null;
    if (accountId) {
      session.setState(accountId, "signed_in");
      // What was read while signed out is stale: bring every list up to date.
      void connectivity.retry(accountId);
    }
    waiters.forEach((w) => w.resolve());
  }

  cancelled(): void {
    const accountId = this.accountId;
    const waiters = this.waiters;
    this.waiters = [];
    this.accountId = null;
    if (accountId) this.dismissed.add(accountId);
    // Each caller gets the expiry it met, in Rust's words.
    waiters.forEach((w) => w.reject(new BackendError(w.expired)));
  }

  reset(): void {
    this.accountId = null;
    this.waiters = [];
    this.dismissed.clear();
  }
}

export const reauth = new Reauth();

/**
 * Runs a backend write; when it fails because the session expired, asks for the
 * password in place and runs it once more.
 */
export async function withSession<T>(accountId: string, action: () => Promise<T>): Promise<T> {
  try {
    const result = await action();
    connectivity.noteOnline();
    return result;
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    connectivity.noteFailure(error.report);
    const account = session.find(accountId);
    if (error.code === ErrorCodes.unauthorized && account?.kind === "session") {
      await reauth.request(accountId, error.report);
      return await action();
    }
    throw error;
  }
}

// Asking for the password again, in place, when a session expires. Whoever hit the
// expiry awaits `request`; the modal resolves it after `signInAgain`, and the caller
// retries with everything on screen (typed input included) untouched.
import { BackendError } from "../backend";
import { isConnectivityCode } from "../errors";
import { connectivity } from "./connectivity.svelte";
import { session } from "./session.svelte";
import { bus } from "./bus";

type Waiter = { resolve: () => void; reject: (error: BackendError) => void };

class Reauth {
  /** The account whose password the modal is asking for. */
  accountId = $state<string | null>(null);
  private waiters: Waiter[] = [];
  /** Accounts for which the person closed the modal: reads stop re-opening it. */
  private dismissed = new Set<string>();

  request(accountId: string): Promise<void> {
    this.dismissed.delete(accountId);
    this.accountId = accountId;
    return new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** A read found the session expired: ask, unless the person already said "later". */
  readExpired(accountId: string): Promise<void> | null {
    if (this.dismissed.has(accountId)) return null;
    return this.request(accountId);
  }

  succeeded(): void {
    const accountId = this.accountId;
    const waiters = this.waiters;
    this.waiters = [];
    this.accountId = null;
    if (accountId) {
      session.setState(accountId, "signed_in");
      bus.emit({ kind: "retry", account: accountId });
    }
    waiters.forEach((w) => w.resolve());
  }

  cancelled(): void {
    const accountId = this.accountId;
    const waiters = this.waiters;
    this.waiters = [];
    this.accountId = null;
    if (accountId) this.dismissed.add(accountId);
    const error = new BackendError({
      code: "unauthorized",
      message: "Your session has expired. Sign in again to continue; what you typed is kept.",
    });
    waiters.forEach((w) => w.reject(error));
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
    if (error instanceof BackendError && isConnectivityCode(error.code)) {
      // The write could not reach the server: the banner says so and offers Retry.
      connectivity.reason = { code: error.code, message: error.message };
    }
    const account = session.find(accountId);
    if (error instanceof BackendError && error.code === "unauthorized" && account?.kind === "session") {
      await reauth.request(accountId);
      return await action();
    }
    throw error;
  }
}

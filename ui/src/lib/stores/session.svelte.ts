// The accounts: who is signed in where, which one is open, and the keychain's health.
import { backend, type Account, type KeychainStatus } from "../backend";
import type { AccountState } from "../bindings/AccountState";
import { describeError, reportOf } from "../errors";

class Session {
  accounts = $state<Account[]>([]);
  currentId = $state<string | null>(null);
  lastOrg = $state<Record<string, string>>({});
  loaded = $state(false);
  error = $state<string | null>(null);
  keychain = $state<KeychainStatus | null>(null);

  get current(): Account | null {
    return this.accounts.find((account) => account.id === this.currentId) ?? null;
  }

  find(id: string): Account | undefined {
    return this.accounts.find((account) => account.id === id);
  }

  private firstLoad: Promise<void> | null = null;

  /** The first read of the accounts, shared by whoever asks first (the boot, the shell). */
  loadOnce(): Promise<void> {
    return (this.firstLoad ??= this.load());
  }

  async load(): Promise<void> {
    try {
      const file = await backend.listAccounts();
      this.accounts = file.accounts;
      this.lastOrg = { ...file.lastOrg };
      const current = file.current && file.accounts.some((a) => a.id === file.current) ? file.current : null;
      this.currentId = current ?? file.accounts[0]?.id ?? null;
      this.error = null;
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.loaded = true;
    }
  }

  async loadKeychain(): Promise<void> {
    try {
      this.keychain = await backend.keychainStatus();
    } catch (error) {
      this.keychain = { state: "failed", error: reportOf(error) };
    }
  }

  async recheckKeychain(): Promise<void> {
    this.keychain = { state: "checking" };
    try {
      this.keychain = await backend.recheckKeychain();
    } catch (error) {
      this.keychain = { state: "failed", error: reportOf(error) };
    }
  }

  /** A new or refreshed account came back from sign-in: list it and open it. */
  async added(account: Account): Promise<void> {
    this.upsert(account);
    this.currentId = account.id;
    await this.load();
    this.currentId = account.id;
  }

  upsert(account: Account): void {
    const index = this.accounts.findIndex((a) => a.id === account.id);
    if (index >= 0) this.accounts[index] = account;
    else this.accounts.push(account);
  }

  async switchTo(id: string): Promise<void> {
    if (id === this.currentId) return;
    const previous = this.currentId;
    this.currentId = id;
    try {
      const account = await backend.switchAccount({ accountId: id });
      this.upsert(account);
    } catch (error) {
      this.currentId = previous;
      throw error;
    }
  }

  setState(id: string, state: AccountState): void {
    const account = this.find(id);
    if (account) account.state = state;
  }

  async signOut(id: string): Promise<void> {
    await backend.signOut({ accountId: id });
    this.setState(id, "needs_sign_in");
  }

  async remove(id: string): Promise<void> {
    await backend.removeAccount({ accountId: id });
    this.accounts = this.accounts.filter((a) => a.id !== id);
    delete this.lastOrg[id];
    if (this.currentId === id) {
      const next = this.accounts[0]?.id ?? null;
      this.currentId = next;
      if (next) await backend.switchAccount({ accountId: next }).catch(() => undefined);
    }
  }

  rememberOrg(orgId: string): void {
    const id = this.currentId;
    if (!id || this.lastOrg[id] === orgId) return;
    this.lastOrg[id] = orgId;
    backend.rememberOrg({ accountId: id, orgId }).catch(() => undefined);
  }

  reset(): void {
    this.firstLoad = null;
    this.accounts = [];
    this.currentId = null;
    this.lastOrg = {};
    this.loaded = false;
    this.error = null;
    this.keychain = null;
  }
}

export const session = new Session();

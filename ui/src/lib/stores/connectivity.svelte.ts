// Whether the current account's server is answering, and when data last came from it.
// Every read reports here; the status bar, the offline banner and the write gates read it.
import { backend, ErrorCodes, type ErrorReport, type Loaded } from "../backend";
import type { SyncPhase } from "../bindings/SyncPhase";
import { describeError } from "../errors";

export type SyncState = "idle" | "syncing" | "synced" | "offline" | "slowed_down" | "signed_out" | "failed";

class Connectivity {
  /** Reads and refreshes in flight. */
  inflight = $state(0);
  /** Why the last server read failed, if it did. */
  reason = $state<ErrorReport | null>(null);
  /** When the data on screen came from the server. */
  syncedAt = $state<string | null>(null);
  /** The backend's own sync phase (background refresh). */
  phase = $state<SyncPhase | null>(null);
  message = $state<string | null>(null);
  retrying = $state(false);

  get offline(): boolean {
    return this.reason?.connectivity === true;
  }

  /** The server asked to slow down (429): cached data, not offline, the wait in the message. */
  get slowedDown(): boolean {
    return this.reason?.code === ErrorCodes.rate_limited || this.phase === "slowed_down";
  }

  get signedOut(): boolean {
    return this.reason?.code === ErrorCodes.unauthorized;
  }

  get state(): SyncState {
    if (this.inflight > 0 || this.phase === "started" || this.retrying) return "syncing";
    if (this.offline || this.phase === "offline") return "offline";
    if (this.slowedDown) return "slowed_down";
    if (this.signedOut) return "signed_out";
    if (this.phase === "failed") return "failed";
    return this.syncedAt ? "synced" : "idle";
  }

  begin(): void {
    this.inflight += 1;
  }

  end(): void {
    this.inflight = Math.max(0, this.inflight - 1);
  }

  /** A read came back: from the server (fresh), or the cache with or without a reason. */
  note(loaded: Pick<Loaded<unknown>, "syncedAt" | "stale" | "staleReason">, fromNetwork: boolean): void {
    if (loaded.staleReason) {
      this.reason = loaded.staleReason;
      if (loaded.syncedAt && (!this.syncedAt || loaded.syncedAt < this.syncedAt)) this.syncedAt = loaded.syncedAt;
      if (!this.syncedAt) this.syncedAt = loaded.syncedAt;
      return;
    }
    if (fromNetwork && !loaded.stale) {
      this.reason = null;
      if (this.phase === "offline" || this.phase === "slowed_down" || this.phase === "failed") this.phase = null;
    }
    if (loaded.syncedAt && (!this.syncedAt || loaded.syncedAt > this.syncedAt || fromNetwork)) {
      if (!this.offline) this.syncedAt = loaded.syncedAt;
    }
  }

  /** A write went through: the server answers. */
  noteOnline(): void {
    if (this.offline) this.reason = null;
  }

  onSync(phase: SyncPhase, error: ErrorReport | null): void {
    this.phase = phase;
    this.message = error?.message ?? null;
    if (phase === "finished") {
      if (this.offline) this.reason = null;
      this.syncedAt = new Date().toISOString();
    }
    if ((phase === "offline" || phase === "slowed_down") && error) this.reason = error;
  }

  /** A write could not reach the server: the banner says so and offers Retry. */
  noteFailure(error: ErrorReport): void {
    if (error.connectivity) this.reason = error;
  }

  /** Retry: refresh the account on the server; open lists re-read what lands (`cache_updated`). */
  async retry(accountId: string): Promise<void> {
    this.retrying = true;
    try {
      const report = await backend.refreshAccount({ accountId });
      if (!report.offline && report.rateLimitedFor === null) {
        this.reason = null;
        this.phase = null;
      }
    } catch (error) {
      this.message = describeError(error);
    } finally {
      this.retrying = false;
    }
  }

  reset(): void {
    this.inflight = 0;
    this.reason = null;
    this.syncedAt = null;
    this.phase = null;
    this.message = null;
    this.retrying = false;
  }
}

export const connectivity = new Connectivity();

// One list on screen, read stale-while-revalidate: the cache at once, then the server.
// Re-reads the cache when the backend says the list changed, and the server on Retry.
import type { CoreEvent, Loaded, ReadFrom } from "../backend";
import type { StaleReason } from "../bindings/StaleReason";
import { describeError } from "../errors";
import { bus, type BusEvent } from "./bus";
import { connectivity } from "./connectivity.svelte";
import { reauth } from "./reauth.svelte";

export type ListKey = {
  accountId: string;
  resource: Extract<CoreEvent, { kind: "cache_updated" }>["resource"];
  orgId: string | null;
};

export class LoadedList<T> {
  data = $state.raw<T | null>(null);
  syncedAt = $state<string | null>(null);
  staleReason = $state<StaleReason | null>(null);
  /** A read failed outright (e.g. a missing scope); the message to show. */
  error = $state<string | null>(null);
  missingScope = $state<string | null>(null);
  loading = $state(false);
  private started = false;
  private seq = 0;
  private applied = 0;
  private stop: (() => void) | null = null;

  constructor(
    readonly key: ListKey,
    private readonly read: (mode: ReadFrom) => Promise<Loaded<T>>,
  ) {}

  /** Opens the list once: cache first, then the server; follows backend events. */
  ensure(): void {
    if (this.started) return;
    this.started = true;
    this.stop = bus.on((event) => this.onEvent(event));
    void this.load("cache").then(() => this.load("network"));
  }

  dispose(): void {
    this.stop?.();
    this.stop = null;
    this.started = false;
  }

  private onEvent(event: BusEvent): void {
    if (event.kind === "retry" && event.account === this.key.accountId) {
      void this.load("network");
    } else if (
      event.kind === "cache_updated" &&
      event.account === this.key.accountId &&
      event.resource === this.key.resource &&
      (this.key.orgId === null || event.orgId === this.key.orgId)
    ) {
      void this.load("cache");
    }
  }

  /** Replace the rows after a write, before the server's list comes back. */
  patch(update: (data: T | null) => T): void {
    this.data = update(this.data);
  }

  async load(mode: ReadFrom): Promise<void> {
    const seq = ++this.seq;
    const network = mode === "network";
    if (network) {
      this.loading = true;
      connectivity.begin();
    }
    try {
      const loaded = await this.read(mode);
      if (seq < this.applied) return;
      this.applied = seq;
      this.data = loaded.data;
      this.syncedAt = loaded.syncedAt;
      // A cache read follows cache_updated (the server answered): any reason is gone.
      this.staleReason = loaded.staleReason;
      this.error = null;
      this.missingScope = null;
      connectivity.note(loaded, network);
      if (loaded.staleReason?.code === "unauthorized") {
        reauth.readExpired(this.key.accountId)?.catch(() => undefined);
      }
    } catch (error) {
      if (seq < this.applied) return;
      this.error = describeError(error);
      const scope = (error as { missingScope?: unknown }).missingScope;
      this.missingScope = typeof scope === "string" ? scope : null;
    } finally {
      if (network) {
        this.loading = false;
        connectivity.end();
      }
    }
  }
}

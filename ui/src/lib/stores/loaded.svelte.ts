// One list on screen, read stale-while-revalidate: the cache at once, then the server.
// Afterwards it changes only through the backend's one event: `rows_changed` carries the
// rows a write changed (applied as they are), `cache_updated` says newer rows are in the
// cache (read once). Nothing else writes to it.
import { ErrorCodes, type CoreEvent, type ErrorReport, type Loaded, type ReadMode } from "../backend";
import type { RowChange } from "../bindings/RowChange";
import { reportOf } from "../errors";
import { afterFirstFrame } from "../paintMark";
import { bus } from "./bus";
import { connectivity } from "./connectivity.svelte";
import { reauth } from "./reauth.svelte";

type Resource = Extract<CoreEvent, { kind: "cache_updated" }>["resource"];

/**
 * How long a list read from the cache alone keeps its rows once no screen holds it
 * (`keptUnusedMs`), so going back to a tab within it reads nothing again: RTK Query's
 * `keepUnusedDataFor`, the same default. Each re-read on a tab switch cost the web
 * process memory it never gave back (README: memory over a long day).
 */
export const UNUSED_LIST_KEPT_MS = 60_000;

export type ListKey = {
  accountId: string;
  /** What the list holds: a cached resource, or the local activity log. */
  resource: Resource | "activity";
  orgId: string | null;
};

export class LoadedList<T> {
  data = $state.raw<T | null>(null);
  syncedAt = $state<string | null>(null);
  staleReason = $state<ErrorReport | null>(null);
  /** A read failed outright (e.g. a missing scope): Rust's report of why. */
  failure = $state<ErrorReport | null>(null);
  loading = $state(false);
  private started = false;
  private holders = 0;
  private letGoTimer: ReturnType<typeof setTimeout> | null = null;
  /** The cache changed while nobody held the list: read it when someone does again. */
  private missedUpdate = false;
  /**
   * How long the rows stay once no screen holds the list; 0 lets them go at once (a list
   * whose holding reads the server, whose answer a returning screen must show).
   */
  protected readonly keptUnusedMs: number = 0;
  private seq = 0;
  private applied = 0;
  private stop: (() => void) | null = null;
  private markCacheRead: () => void = () => undefined;
  /** Settles when a first read of the cache is done (answered or failed). */
  readonly cacheRead: Promise<void> = new Promise((settle) => (this.markCacheRead = settle));

  constructor(
    readonly key: ListKey,
    private readonly read: (mode: ReadMode) => Promise<Loaded<T>>,
  ) {}

  /** The sentence for a failed read. */
  get error(): string | null {
    return this.failure?.message ?? null;
  }

  get missingScope(): string | null {
    return this.failure?.missingScope ?? null;
  }

  /** Opens the list once: cache first, then the server; follows backend events. */
  ensure(): void {
    if (this.started) return;
    this.started = true;
    this.stop = bus.on((event) => this.onEvent(event));
    void this.firstLoad();
  }

  /** What opening the list reads: the cache at once, then the server (at launch, once the first frame is painted). */
  protected async firstLoad(): Promise<void> {
    await this.load("cache");
    await afterFirstFrame();
    await this.load("network");
  }

  /**
   * Opens the list for one screen that needs it (its `$effect` returns what this
   * returns); once the last of them lets go and none holds it again for
   * `keptUnusedMs`, the list stops and drops its rows. Meanwhile it applies the rows
   * writes change, and reads the cache again only when held again after it changed.
   */
  hold(): () => void {
    this.holders += 1;
    this.cancelLetGo();
    this.ensure();
    if (this.missedUpdate) {
      this.missedUpdate = false;
      void this.load("cache");
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders -= 1;
      if (this.holders > 0) return;
      if (this.keptUnusedMs <= 0) return this.letGo();
      this.letGoTimer = setTimeout(() => this.letGo(), this.keptUnusedMs);
    };
  }

  private letGo(): void {
    this.dispose();
    this.data = null;
  }

  dispose(): void {
    this.cancelLetGo();
    this.missedUpdate = false;
    this.stop?.();
    this.stop = null;
    this.started = false;
  }

  private cancelLetGo(): void {
    if (this.letGoTimer === null) return;
    clearTimeout(this.letGoTimer);
    this.letGoTimer = null;
  }

  /** What a read's answer becomes once taken (a list may keep what did not change). */
  protected adopt(next: T, _previous: T | null): T {
    return next;
  }

  protected concerns(event: { account: string; orgId: string | null }): boolean {
    return event.account === this.key.accountId && (this.key.orgId === null || event.orgId === this.key.orgId);
  }

  protected onEvent(event: CoreEvent): void {
    if (event.kind === "cache_updated" && event.resource === this.key.resource && this.concerns(event)) {
      if (this.letGoTimer !== null) this.missedUpdate = true;
      else void this.load("cache");
    }
  }

  /**
   * Reads the list as `mode` says. `moved`: the same rows, another window of them (a
   * scroll, a search), so what was known about their freshness stays.
   */
  async load(mode: ReadMode, moved = false): Promise<void> {
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
      this.data = this.adopt(loaded.data, this.data);
      if (moved) return;
      this.syncedAt = loaded.syncedAt;
      // A cache read follows cache_updated (the server answered): any reason is gone.
      this.staleReason = loaded.staleReason;
      this.failure = null;
      connectivity.note(loaded, network);
      if (loaded.staleReason?.code === ErrorCodes.unauthorized) {
        reauth.readExpired(this.key.accountId, loaded.staleReason)?.catch(() => undefined);
      }
    } catch (error) {
      if (seq < this.applied) return;
      this.failure = reportOf(error);
    } finally {
      if (network) {
        this.loading = false;
        connectivity.end();
      } else {
        this.markCacheRead();
      }
    }
  }
}

/** A list of rows with ids, which also takes the rows a write changed. */
export class RowList<Row> extends LoadedList<Row[]> {
  constructor(
    key: ListKey,
    read: (mode: ReadMode) => Promise<Loaded<Row[]>>,
    private readonly idOf: (row: Row) => string,
    private readonly nameOf: (row: Row) => string,
  ) {
    super(key, read);
  }

  protected override onEvent(event: CoreEvent): void {
    if (event.kind === "rows_changed" && event.rows.resource === this.key.resource && this.concerns(event)) {
      this.apply(event.rows as RowChange<unknown> as RowChange<Row>);
      return;
    }
    super.onEvent(event);
  }

  /** Updates rows in place, adds new ones in the cache's order (by name), drops removed. */
  private apply(change: RowChange<Row>): void {
    if (this.data === null) return;
    const removed = new Set(change.removed);
    const upserted = new Map(change.upserted.map((row) => [this.idOf(row), row]));
    const kept = this.data
      .filter((row) => !removed.has(this.idOf(row)))
      .map((row) => {
        const updated = upserted.get(this.idOf(row));
        if (updated !== undefined) upserted.delete(this.idOf(row));
        return updated ?? row;
      });
    for (const row of upserted.values()) {
      const at = kept.findIndex((other) => byName(this.nameOf(row), this.nameOf(other)) < 0);
      kept.splice(at === -1 ? kept.length : at, 0, row);
    }
    this.data = kept;
  }
}

function byName(a: string, b: string): number {
  return a.localeCompare(b, undefined, { sensitivity: "base" });
}

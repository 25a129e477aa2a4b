// The backend's one event, `core-event`, fanned out in the page: App.svelte listens once
// and passes each event here; open lists and stores subscribe.
import type { CoreEvent } from "../backend";

type Listener = (event: CoreEvent) => void;

/** An event saying an org's list changed. */
export type OrgChange = Extract<CoreEvent, { kind: "rows_changed" | "cache_updated" }>;

const listeners = new Set<Listener>();

export const bus = {
  on(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  emit(event: CoreEvent): void {
    for (const listener of [...listeners]) listener(event);
  },
  clear(): void {
    listeners.clear();
  },
  /** How many subscriptions are live (the soak's leak test counts them). */
  get size(): number {
    return listeners.size;
  },
  /**
   * Calls `then` with the event whenever one of `resources` of the org changes (a
   * write's rows, a refresh landing); returns the function that stops it.
   */
  onOrgChange(scope: { accountId: string; orgId: string }, resources: readonly string[], then: (event: OrgChange) => void): () => void {
    return bus.on((event) => {
      if (event.kind !== "rows_changed" && event.kind !== "cache_updated") return;
      if (event.account !== scope.accountId || event.orgId !== scope.orgId) return;
      const resource = event.kind === "rows_changed" ? event.rows.resource : event.resource;
      if (resources.includes(resource)) then(event);
    });
  },
};

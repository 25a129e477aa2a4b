// The Activity tab's window of the writes made from this app in the open org (the
// account's own log, kept in the cache): filtered by action and days, searched by target,
// newest first, all in SQLite. Read again after each write the backend announces.
import { backend, type ActivityEntry, type ActivityFilter, type CoreEvent, type Loaded } from "../backend";
import type { OrgScope } from "./orgRows.svelte";
import { FilteredPagedList } from "./filteredPagedList.svelte";

export const ANY_ACTIVITY: ActivityFilter = { action: null, since: null, until: null };

/** A local read: always "fresh", never stale (there is no server copy of it). */
function local<T>(data: T): Loaded<T> {
  return { data, syncedAt: null, stale: false, staleReason: null };
}

export class ActivityPage extends FilteredPagedList<ActivityEntry, ActivityFilter> {
  constructor(private readonly scope: OrgScope) {
    super(
      { ...scope, resource: "activity" },
      async (window, _mode, filter) => local(await backend.activityPage({ ...scope, window, filter })),
      (entry) => String(entry.seq),
      ANY_ACTIVITY,
    );
  }

  /** The log is local: one read, no server. */
  protected override async firstLoad(): Promise<void> {
    await this.load("cache");
  }

  /** The actions the org's log holds, for the filter. */
  actions(): Promise<string[]> {
    return backend.activityActions(this.scope);
  }

  protected override onEvent(event: CoreEvent): void {
    // Any write in this org was logged first: read the newest entries again.
    if (event.kind === "rows_changed" && this.concerns(event)) void this.load("cache", true);
  }
}

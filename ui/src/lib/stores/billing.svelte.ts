// The open org's usage and billing overview (read stale-while-revalidate like a list,
// so it shows offline), the one write on it (the free-plan switch), and how far into
// its included tokens each of the account's orgs is (the sidebar's warning).
import { backend, type BillingOverview, type CoreEvent, type UsageLevel } from "../backend";
import { LoadedList } from "./loaded.svelte";
import { bus } from "./bus";
import { withSession } from "./reauth.svelte";

export class BillingOverviewStore extends LoadedList<BillingOverview | null> {
  constructor(private readonly ids: { accountId: string; orgId: string }) {
    super({ accountId: ids.accountId, resource: "billing", orgId: ids.orgId }, (mode) =>
      backend.billingOverview({ ...ids, mode }),
    );
  }

  /** Moves the org to the free plan; the overview is read again when Rust announces it. */
  async switchToFreePlan(): Promise<string> {
    const { accountId, orgId } = this.ids;
    const subscription = await withSession(accountId, () => backend.switchToFreePlan({ accountId, orgId }));
    return subscription.package?.name ?? subscription.packageId;
  }
}

/** Each org's last known usage percent, for the account open in the sidebar. */
class UsageLevels {
  byOrg = $state.raw<ReadonlyMap<string, number>>(new Map());
  private accountId: string | null = null;
  private stop: (() => void) | null = null;
  private seq = 0;

  /** Follows `accountId`'s levels until `close`; reads them again when an overview lands. */
  open(accountId: string | null): void {
    if (accountId === this.accountId) return;
    this.close();
    this.accountId = accountId;
    if (!accountId) return;
    this.stop = bus.on((event) => this.onEvent(event));
    void this.load();
  }

  close(): void {
    this.stop?.();
    this.stop = null;
    this.accountId = null;
    this.byOrg = new Map();
  }

  private onEvent(event: CoreEvent): void {
    if (event.kind === "cache_updated" && event.resource === "billing" && event.account === this.accountId) {
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const accountId = this.accountId;
    if (!accountId) return;
    const seq = ++this.seq;
    let levels: UsageLevel[];
    try {
      levels = await backend.usageLevels({ accountId });
    } catch {
      return; // the warning is a hint; the Usage tab says what failed
    }
    if (seq !== this.seq || accountId !== this.accountId) return;
    this.byOrg = new Map(levels.map((level) => [level.orgId, level.usagePercent]));
  }

  /** Re-reads after the open org's overview changed on screen (a read it asked for sends no event). */
  refresh(): void {
    void this.load();
  }
}

export const usageLevels = new UsageLevels();

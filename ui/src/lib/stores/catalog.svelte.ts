// The contract's fixed lists (regions, scopes, ttl bounds, usage primitives and
// thresholds), fetched once at start.
import { backend, type Catalog } from "../backend";
import { BROWSER_TTL_DEFAULT, BROWSER_TTL_MAX, BROWSER_TTL_MIN } from "../contract";

class CatalogState {
  value = $state.raw<Catalog | null>(null);
  error = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      this.value = await backend.catalog();
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  get regions() {
    return this.value?.regions ?? [];
  }
  get defaultRegion(): string {
    return this.value?.defaultRegion ?? "enam";
  }
  get knownScopes(): string[] {
    return this.value?.knownScopes ?? ["*"];
  }
  get families(): string[] {
    return this.value?.scopeFamilies ?? [];
  }
  get ttlMin(): number {
    return this.value?.browserTtlMin ?? BROWSER_TTL_MIN;
  }
  get ttlMax(): number {
    return this.value?.browserTtlMax ?? BROWSER_TTL_MAX;
  }
  get ttlDefault(): number {
    return this.value?.browserTtlDefault ?? BROWSER_TTL_DEFAULT;
  }

  /** The usage counters, in the reference's order. */
  get primitives(): string[] {
    return this.value?.primitives ?? [];
  }
  /** Usage percent from which a plan is shown amber. */
  get usageWarn(): number {
    return this.value?.usageWarnPercent ?? 80;
  }
  /** Usage percent from which a plan is shown red. */
  get usageAlarm(): number {
    return this.value?.usageAlarmPercent ?? 95;
  }
  get billingReadScope(): string {
    return this.value?.billingReadScope ?? "billing:read";
  }
  get freePackageId(): string {
    return this.value?.freePackageId ?? "free";
  }
  get freePlanScope(): string {
    return this.value?.freePlanScope ?? "*";
  }

  regionName(code: string): string {
    return this.regions.find((region) => region.code === code)?.name ?? code;
  }

  /** Every known `family:read` scope: the "Read-only" preset. */
  get readScopes(): string[] {
    return this.knownScopes.filter((scope) => scope.endsWith(":read"));
  }

  reset(): void {
    this.value = null;
    this.error = null;
  }
}

export const catalog = new CatalogState();

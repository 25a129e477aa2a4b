// A usage and billing overview for component tests, shaped as Rust sends it: a daily
// series whose totals are the sums of its primitives, and a dashboard at `percent`.
import type { BillingOverview, Package, UsagePeriod } from "../lib/backend";

export const makePackage = (over: Partial<Package> = {}): Package => ({
  id: "pro",
  name: "Pro",
  description: "Teams in production",
  priceMonthly: 99,
  currency: "usd",
  tokensMonthly: 10_000_000,
  rateLimits: { requestsPerSecond: 200, maxChannelSubscriptions: 10_000 },
  ...over,
});

export const FREE_PACKAGE = makePackage({
  id: "free",
  name: "Free",
  description: "Side projects",
  priceMonthly: 0,
  tokensMonthly: 100_000,
  rateLimits: { requestsPerSecond: 10, maxChannelSubscriptions: 100 },
});

/** Ninety days ending on `lastDay`, each with KV reads and AI images (zero when `empty`). */
export function makeSeries(lastDay = "2030-01-31", empty = false): UsagePeriod[] {
  const end = Date.parse(`${lastDay}T00:00:00Z`);
  return Array.from({ length: 90 }, (_, index) => {
    const byPrimitive: Record<string, number> = empty ? {} : { kv_reads: 1000 + index, ai_images: 10 * index };
    return {
      periodStart: new Date(end - (89 - index) * 86_400_000).toISOString(),
      total: Object.values(byPrimitive).reduce((a, b) => a + b, 0),
      byPrimitive,
    };
  });
}

export function makeOverview(percent = 42, over: Partial<BillingOverview> = {}): BillingOverview {
  const plan = makePackage();
  const used = (plan.tokensMonthly * percent) / 100;
  return {
    subscription: {
      orgId: "org_1",
      packageId: plan.id,
      stripeCustomerId: "cus_1",
      stripeSubscriptionId: "sub_1",
      createdAt: "2029-11-01T00:00:00Z",
      package: plan,
    },
    balance: { orgId: "org_1", includedTokensRemaining: Math.max(0, plan.tokensMonthly - used), topupTokensBalance: 2_500_000, totalBalance: 0 },
    dashboard: {
      plan: plan.id,
      billingCycleEnd: new Date(Date.now() + 4 * 86_400_000).toISOString(),
      includedTokensRemaining: Math.max(0, plan.tokensMonthly - used),
      includedTokensTotal: plan.tokensMonthly,
      topupTokensBalance: 2_500_000,
      totalTokensAvailable: Math.max(0, plan.tokensMonthly - used) + 2_500_000,
      tokensUsedThisCycle: used,
      usagePercent: percent,
      rateLimitPerSecond: 200,
      channelSubscriptionsLimit: 10_000,
      usageBreakdown: { kv_reads: used * 0.75, ai_images: used * 0.25 },
    },
    usage: { orgId: "org_1", granularity: "day", series: makeSeries() },
    packages: [FREE_PACKAGE, plan],
    bundles: [{ id: "topup_1m", tokens: 1_000_000, price: 12, ratePerToken: 0.000012 }],
    ...over,
  };
}

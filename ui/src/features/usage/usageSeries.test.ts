import { describe, expect, it } from "vitest";
import type { UsageDashboard, UsagePeriod } from "../../lib/backend";
import { breakdownRows, daysLeft, lastDays, levelOf, primitiveName, stackedColumns, usedPrimitives } from "./usageSeries";

const period = (day: string, byPrimitive: Record<string, number>): UsagePeriod => ({
  periodStart: `${day}T00:00:00Z`,
  total: Object.values(byPrimitive).reduce((a, b) => a + b, 0),
  byPrimitive,
});

const series = [
  period("2030-01-01", { kv_reads: 5, ai_images: 2, jobs_created: 0 }),
  period("2030-01-02", { kv_reads: 1, ai_images: 4, jobs_created: 3 }),
];

describe("usage series", () => {
  it("stacks the shown primitives so each visible height is its own value", () => {
    const [xs, top, middle, bottom] = stackedColumns(series, ["kv_reads", "ai_images", "jobs_created"]);
    expect(xs).toEqual([Date.parse("2030-01-01T00:00:00Z") / 1000, Date.parse("2030-01-02T00:00:00Z") / 1000]);
    expect(top).toEqual([7, 8]);
    expect(middle).toEqual([2, 7]);
    expect(bottom).toEqual([0, 3]);
    // Hiding a primitive takes it out of the stack.
    const [, onlyImages] = stackedColumns(series, ["ai_images"]);
    expect(onlyImages).toEqual([2, 4]);
  });

  it("cuts the last days and lists only primitives that used something", () => {
    expect(lastDays(series, 1)).toEqual([series[1]]);
    expect(lastDays(series, 90)).toEqual(series);
    expect(usedPrimitives([series[0] as UsagePeriod], ["jobs_created", "kv_reads", "ai_images"])).toEqual([
      "kv_reads",
      "ai_images",
    ]);
  });

  it("sorts the breakdown by tokens or name with shares", () => {
    const dashboard = { usageBreakdown: { kv_reads: 30, ai_images: 60, jobs_created: 10 } } as unknown as UsageDashboard;
    const byTokens = breakdownRows(dashboard, { by: "tokens", descending: true });
    expect(byTokens.map((row) => row.primitive)).toEqual(["ai_images", "kv_reads", "jobs_created"]);
    expect(byTokens[0]?.share).toBeCloseTo(0.6);
    const byName = breakdownRows(dashboard, { by: "name", descending: false });
    expect(byName.map((row) => row.primitive)).toEqual(["ai_images", "jobs_created", "kv_reads"]);
  });

  it("names levels, days left and primitives", () => {
    expect(levelOf(79.9, 80, 95)).toBe("ok");
    expect(levelOf(80, 80, 95)).toBe("warn");
    expect(levelOf(120, 80, 95)).toBe("alarm");
    expect(daysLeft("2030-01-05T00:00:00Z", Date.parse("2030-01-01T12:00:00Z"))).toBe(4);
    expect(daysLeft("2029-12-01T00:00:00Z", Date.parse("2030-01-01T12:00:00Z"))).toBe(0);
    expect(daysLeft(null, 0)).toBeNull();
    expect(primitiveName("kv_reads")).toBe("KV reads");
    expect(primitiveName("ai_rerank")).toBe("AI rerank");
    expect(primitiveName("channel_connection_minutes")).toBe("Channel connection minutes");
  });
});

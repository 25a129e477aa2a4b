// What the Usage screen computes from the overview: the chosen range of the daily series,
// the stacked columns the chart draws, the breakdown's order, the plan's level and the
// primitives' names and colours. Pure functions, so they are tested without a canvas.
import type { UsageDashboard, UsagePeriod } from "../../lib/backend";
import { numberFormat } from "../../lib/format";

export const RANGES = [7, 30, 90] as const;
export type Range = (typeof RANGES)[number];

/** The last `days` periods of the series (it is oldest first). */
export function lastDays(series: UsagePeriod[], days: number): UsagePeriod[] {
  return series.slice(Math.max(0, series.length - days));
}

/**
 * The chart's columns: x in Unix seconds, then one column per shown primitive holding
 * the sum of it and every primitive after it. Drawn in that order, each bar from zero,
 * a later (smaller) bar covers the lower part of an earlier one: a stack, with each
 * colour's visible height its own primitive's value.
 */
export function stackedColumns(series: UsagePeriod[], shown: string[]): [number[], ...number[][]] {
  const xs = series.map((period) => Math.floor(Date.parse(period.periodStart ?? "") / 1000));
  const columns = shown.map(() => new Array<number>(series.length).fill(0));
  series.forEach((period, day) => {
    let above = 0;
    for (let index = shown.length - 1; index >= 0; index -= 1) {
      above += period.byPrimitive[shown[index] ?? ""] ?? 0;
      const column = columns[index];
      if (column) column[day] = above;
    }
  });
  return [xs, ...columns];
}

/** The primitives that used anything in `series`, in the reference's order. */
export function usedPrimitives(series: UsagePeriod[], order: string[]): string[] {
  return order.filter((name) => series.some((period) => (period.byPrimitive[name] ?? 0) > 0));
}

export type BreakdownSort = { by: "name" | "tokens"; descending: boolean };
export type BreakdownRow = { primitive: string; tokens: number; share: number };

/** The dashboard's breakdown as rows, sorted as asked, with each row's share of the cycle. */
export function breakdownRows(dashboard: UsageDashboard, sort: BreakdownSort): BreakdownRow[] {
  const entries = Object.entries(dashboard.usageBreakdown).map(([primitive, tokens]) => ({
    primitive,
    tokens: tokens ?? 0,
  }));
  const total = entries.reduce((sum, row) => sum + row.tokens, 0);
  const rows = entries.map((row) => ({ ...row, share: total > 0 ? row.tokens / total : 0 }));
  const direction = sort.descending ? -1 : 1;
  return rows.sort((a, b) =>
    sort.by === "tokens"
      ? direction * (a.tokens - b.tokens) || a.primitive.localeCompare(b.primitive)
      : direction * primitiveName(a.primitive).localeCompare(primitiveName(b.primitive)),
  );
}

export type Level = "ok" | "warn" | "alarm";

export function levelOf(percent: number, warn: number, alarm: number): Level {
  return percent >= alarm ? "alarm" : percent >= warn ? "warn" : "ok";
}

/** Whole days from `now` to `end`, never below zero. */
export function daysLeft(end: string | null, now: number): number | null {
  if (!end) return null;
  const ms = Date.parse(end) - now;
  return Number.isNaN(ms) ? null : Math.max(0, Math.ceil(ms / 86_400_000));
}

const WORDS: Record<string, string> = { kv: "KV", ai: "AI" };

/** `kv_reads` → "KV reads", `channel_connection_minutes` → "Channel connection minutes". */
export function primitiveName(primitive: string): string {
  const words = primitive.split("_").map((word) => WORDS[word] ?? word);
  const first = words[0] ?? "";
  return [first.charAt(0).toUpperCase() + first.slice(1), ...words.slice(1)].join(" ");
}

/** A colour per primitive, spread round the hue circle, lighter on a dark background. */
export function primitiveColour(index: number, count: number, dark: boolean): string {
  const hue = Math.round((index * 360) / Math.max(1, count) + (index % 2) * 17) % 360;
  const lightness = (dark ? 62 : 46) + (index % 3) * 6;
  return `hsl(${hue} 62% ${lightness}%)`;
}

const compact = numberFormat({ notation: "compact", maximumFractionDigits: 1 });
const whole = numberFormat({ maximumFractionDigits: 0 });

/** 1234567 → "1.2M" (axes, cards). */
export function compactCount(value: number): string {
  return compact().format(value);
}

/** 1234567 → "1,234,567" (tooltip, table). */
export function exactCount(value: number): string {
  return whole().format(value);
}

/** A price in its currency ("$99", "€12.50"); the currency code when the runtime knows none. */
export function price(amount: number, currency: string): string {
  try {
    return numberFormat({
      style: "currency",
      currency: currency.toUpperCase() || "USD",
      maximumFractionDigits: amount % 1 === 0 ? 0 : 2,
    })().format(amount);
  } catch {
    // A currency code the engine does not know.
    return `${amount} ${currency}`;
  }
}

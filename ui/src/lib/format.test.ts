import { afterEach, describe, expect, it, vi } from "vitest";
import { formatDate, formatRelative, formatUtcDay, numberFormat } from "./format";

afterEach(() => vi.unstubAllGlobals());

describe("numberFormat", () => {
  it("falls back to English when the engine refuses the system's locale (LANG=C in WebKit)", () => {
    const Real = Intl.NumberFormat;
    // As WebKit does under LANG=C: the default locale is the language tag "C".
    const Picky = function (locale?: string | string[], options?: Intl.NumberFormatOptions) {
      if (locale === undefined) throw new RangeError("invalid language tag: C");
      return new Real(locale, options);
    } as unknown as typeof Intl.NumberFormat;
    vi.stubGlobal("Intl", { ...Intl, NumberFormat: Picky });
    expect(numberFormat({ maximumFractionDigits: 0 })().format(1234567)).toBe("1,234,567");
  });
});

describe("formatUtcDay", () => {
  it("names the UTC day a period starts on, whatever the local zone", () => {
    const day = formatUtcDay("2030-03-10T00:00:00Z");
    expect(day).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }).format(Date.UTC(2030, 2, 10)));
    expect(day).toContain("10");
    expect(formatUtcDay(null, "never")).toBe("never");
  });
});

describe("formatDate and formatRelative (their answers remembered)", () => {
  const day = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
  it("give each date its own answer, the same when asked again", () => {
    const first = formatDate("2030-03-10T12:00:00Z");
    expect(first).toBe(day.format(new Date("2030-03-10T12:00:00Z")));
    expect(formatDate("2030-04-11T12:00:00Z")).toBe(day.format(new Date("2030-04-11T12:00:00Z")));
    expect(formatDate("2030-03-10T12:00:00Z")).toBe(first);
  });
  it("show the empty text for no date and for a string that is not one", () => {
    expect(formatDate(null, "Never")).toBe("Never");
    expect(formatDate("not a date", "Never")).toBe("Never");
    expect(formatRelative("not a date", 0, "never")).toBe("never");
    expect(formatRelative(undefined, 0)).toBe("never");
  });
  it("answer relative to the clock they are given, not to the first one asked", () => {
    const at = Date.parse("2030-03-10T12:00:00Z");
    expect(formatRelative("2030-03-10T12:00:00Z", at - 5 * 60_000)).toBe("in 5 minutes");
    expect(formatRelative("2030-03-10T12:00:00Z", at + 2 * 3_600_000)).toBe("2 hours ago");
    expect(formatRelative("2030-03-10T12:00:00Z", at - 5 * 60_000)).toBe("in 5 minutes");
  });
  it("stay right past the number of answers they keep", () => {
    for (let n = 0; n < 2500; n += 1) formatDate(new Date(Date.UTC(2030, 0, 1) + n * 86_400_000).toISOString());
    expect(formatDate("2030-03-10T12:00:00Z")).toBe(day.format(new Date("2030-03-10T12:00:00Z")));
  });
});

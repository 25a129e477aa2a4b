import { afterEach, describe, expect, it, vi } from "vitest";
import { formatUtcDay, numberFormat } from "./format";

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

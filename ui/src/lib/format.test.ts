import { afterEach, describe, expect, it, vi } from "vitest";
import { numberFormat } from "./format";

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

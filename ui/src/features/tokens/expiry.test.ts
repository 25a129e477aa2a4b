import { describe, expect, it } from "vitest";
import { checkCustomExpiry, customToIso, expiryFor, presetExpiry } from "./expiry";

const NOW = Date.parse("2030-06-15T12:00:00Z");

describe("expiry", () => {
  it("presets are whole-second UTC ISO strings", () => {
    expect(presetExpiry(7, NOW)).toBe("2030-06-22T12:00:00Z");
    expect(expiryFor("none", "", NOW)).toBeUndefined();
    expect(expiryFor("30", "", NOW)).toBe("2030-07-15T12:00:00Z");
  });

  it("a custom date means the end of that UTC day and must be real and future", () => {
    expect(customToIso("2031-01-31")).toBe("2031-01-31T23:59:59Z");
    expect(customToIso("2031-01-31T08:00:00Z")).toBe("2031-01-31T08:00:00Z");
    expect(checkCustomExpiry("2031-01-31", NOW)).toBeNull();
    expect(checkCustomExpiry("2031-02-29", NOW)).toMatch(/real calendar date/);
    expect(checkCustomExpiry("2032-02-29", NOW)).toBeNull();
    expect(checkCustomExpiry("31/01/2031", NOW)).not.toBeNull();
    expect(checkCustomExpiry("2029-01-01", NOW)).toMatch(/future/);
    expect(checkCustomExpiry("", NOW)).toMatch(/YYYY-MM-DD/);
  });
});

// Token expiry: presets (7/30/90 days), a custom date, or none. What is sent is always
// ISO 8601 UTC ending in Z, checked with the contract's rule.
import { checkExpiresAt } from "../../lib/contract";

export type ExpiryChoice = "7" | "30" | "90" | "custom" | "none";

/** Now + days, to the second, e.g. 2030-01-31T12:00:00Z. */
export function presetExpiry(days: number, now: number): string {
  return new Date(now + days * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** "2030-01-31" means the end of that day, UTC; a full date-time is taken as typed. */
export function customToIso(input: string): string {
  const value = input.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59Z` : value;
}

export function checkCustomExpiry(input: string, now: number): string | null {
  if (input.trim() === "") return "Enter a date as YYYY-MM-DD (or a UTC date-time ending in Z)";
  const iso = customToIso(input);
  const rule = checkExpiresAt(iso);
  if (rule) return rule;
  return Date.parse(iso) <= now ? "Choose a date in the future" : null;
}

/** The expires_at to send, or undefined for a token that never expires. */
export function expiryFor(choice: ExpiryChoice, custom: string, now: number): string | undefined {
  switch (choice) {
    case "none":
      return undefined;
    case "custom":
      return customToIso(custom);
    default:
      return presetExpiry(Number(choice), now);
  }
}

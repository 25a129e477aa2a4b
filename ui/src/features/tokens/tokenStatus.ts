// A key's state as its badge shows it, judged against the clock the view ticks. Which
// keys a status filter selects is decided in Rust (the cache's `token_page`), by the same
// rule: revoked, else expired at or before now, else expiring within 7 days, else active.
import type { Token } from "../../lib/backend";

export type TokenStatus = "active" | "expiring" | "expired" | "revoked";

const DAY = 24 * 3600 * 1000;
export const EXPIRING_WITHIN_DAYS = 7;

function time(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

export function statusOf(token: Token, now: number): TokenStatus {
  if (token.revoked) return "revoked";
  const expires = time(token.expiresAt);
  if (expires !== null && expires <= now) return "expired";
  if (expires !== null && expires - now <= EXPIRING_WITHIN_DAYS * DAY) return "expiring";
  return "active";
}

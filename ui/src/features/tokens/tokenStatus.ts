// Token list filters and sorting, kept pure so they are cheap over 10,000 rows and easy
// to test.
import type { Token } from "../../lib/backend";

export type TokenStatus = "active" | "expiring" | "expired" | "revoked";
export type StatusFilter = "all" | "active" | "expiring" | "expired" | "revoked" | "never_used";
export type TokenSort = "last_used_desc" | "last_used_asc" | "created_desc" | "name";

/** "" = every project, ORG_WIDE = tokens without a project, else a project id. */
export const ORG_WIDE = "__org__";

export type TokenQuery = { projectId: string; text: string; status: StatusFilter; sort: TokenSort };

const DAY = 24 * 3600 * 1000;
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
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

export function matchesStatus(token: Token, filter: StatusFilter, now: number): boolean {
  if (filter === "all") return true;
  if (filter === "never_used") return !token.revoked && token.lastUsedAt === null;
  const status = statusOf(token, now);
  // "Active" includes tokens about to expire: they still work.
  if (filter === "active") return status === "active" || status === "expiring";
  return status === filter;
}

export function filterTokens(
  tokens: readonly Token[],
  query: TokenQuery,
  now: number,
  projectName: (id: string) => string | undefined = () => undefined,
): Token[] {
  const text = query.text.trim().toLowerCase();
  const rows = tokens.filter((token) => {
    if (query.projectId === ORG_WIDE && token.projectId !== null) return false;
    if (query.projectId !== "" && query.projectId !== ORG_WIDE && token.projectId !== query.projectId) return false;
    if (!matchesStatus(token, query.status, now)) return false;
    if (text === "") return true;
    return (
      token.name.toLowerCase().includes(text) ||
      token.hint.toLowerCase().includes(text) ||
      token.id.toLowerCase().includes(text) ||
      token.scopes.some((scope) => scope.includes(text)) ||
      (token.projectId !== null && (projectName(token.projectId) ?? "").toLowerCase().includes(text))
    );
  });
  const lastUsed = (t: Token) => time(t.lastUsedAt);
  switch (query.sort) {
    case "last_used_desc":
      return rows.sort((a, b) => (lastUsed(b) ?? -Infinity) - (lastUsed(a) ?? -Infinity));
    case "last_used_asc":
      // Never used first: the likeliest to be unneeded.
      return rows.sort((a, b) => (lastUsed(a) ?? -Infinity) - (lastUsed(b) ?? -Infinity));
    case "created_desc":
      return rows.sort((a, b) => (time(b.createdAt) ?? 0) - (time(a.createdAt) ?? 0));
    case "name":
      return rows.sort((a, b) => collator.compare(a.name, b.name));
  }
}

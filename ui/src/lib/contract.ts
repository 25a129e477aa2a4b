// The platform contract's field rules, checked as the person types. The same rules run
// again in Rust (crate saasignal-contract) before any request leaves the app; the
// messages match so a field shows the same words whichever side caught it.

/** `null` when the value is acceptable, else what to type instead. */
export type FieldCheck = string | null;

const SLUG = /^[a-z0-9-]+$/;
// The seed's patterns, verbatim: JavaScript has the lookaheads Rust's regex lacks.
const EMAIL =
  /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const EXPIRES_AT =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z))$/;
const SCOPE = /^(?:\*|[a-z][a-z0-9_-]*:(?:\*|[a-z][a-z0-9_.-]*))$/;

export const BROWSER_TTL_MIN = 60;
export const BROWSER_TTL_MAX = 1800;
export const BROWSER_TTL_DEFAULT = 900;

function nonBlank(value: string, what: string): FieldCheck {
  return value.trim() === "" ? `Enter ${what} of at least 1 character` : null;
}

export const checkOrgName = (name: string): FieldCheck => nonBlank(name, "an organization name");
export const checkProjectName = (name: string): FieldCheck => nonBlank(name, "a project name");
export const checkTokenName = (name: string): FieldCheck => nonBlank(name, "a token name");

export function checkSlug(slug: string): FieldCheck {
  if (slug === "") return "Enter a slug of at least 1 character";
  return SLUG.test(slug) ? null : "Use lowercase letters, digits and hyphens only";
}

export function checkEmail(email: string): FieldCheck {
  return EMAIL.test(email) ? null : "Enter an email address like name@example.com";
}

/** Signing in needs only an address with an `@`; the server knows which logins exist. */
export function checkSignInEmail(email: string): FieldCheck {
  const trimmed = email.trim();
  if (trimmed === "") return "Enter your email address";
  return trimmed.includes("@") ? null : "Enter an email address like name@example.com";
}

export function checkExpiresAt(value: string): FieldCheck {
  return EXPIRES_AT.test(value)
    ? null
    : "Use an ISO 8601 UTC date-time ending in Z on a real calendar date, e.g. 2030-01-31T23:59:59Z";
}

export function checkBrowserTtl(ttl: number): FieldCheck {
  return Number.isInteger(ttl) && ttl >= BROWSER_TTL_MIN && ttl <= BROWSER_TTL_MAX
    ? null
    : `Choose a time-to-live from ${BROWSER_TTL_MIN} to ${BROWSER_TTL_MAX} seconds`;
}

export function checkConfirmName(given: string, orgName: string): FieldCheck {
  if (given === "") return "Type the organization's name to confirm";
  return given === orgName ? null : "Does not match the organization's name; type it exactly to confirm";
}

export function checkScopes(scopes: readonly string[]): FieldCheck {
  const bad = scopes.find((scope) => !SCOPE.test(scope));
  return bad === undefined
    ? null
    : `"${bad}" is not a scope: use *, family:* or family:action in lowercase`;
}

/** The slug the platform generates when none is given (same as Rust's `slugify`). */
export function slugify(name: string): string {
  const slug = name
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
  return slug === "" ? "org" : slug;
}

/** The organization's owner holds `*`, which only an owner has (and cannot lose). */
export function isOwner(scopes: readonly string[]): boolean {
  return scopes.includes("*");
}

/** Does `held` grant `needed`? `*` grants all, `family:*` every scope of its family. */
export function grants(held: readonly string[], needed: string): boolean {
  if (held.includes("*") || held.includes(needed)) return true;
  const family = needed.split(":")[0];
  return needed !== "*" && held.includes(`${family}:*`);
}

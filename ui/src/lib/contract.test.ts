import { describe, expect, it } from "vitest";
import shared from "../../../src-tauri/crates/saasignal-contract/cases/validation.json";
import {
  checkBrowserTtl,
  checkConfirmName,
  checkEmail,
  checkExpiresAt,
  checkOrgName,
  checkProjectName,
  checkScopes,
  checkSignInEmail,
  checkSlug,
  checkTokenName,
  grants,
  slugify,
  type FieldCheck,
} from "./contract";

type SharedCase = { rule: string; input: string | number | string[]; error: string | null; org_name?: string };

function check(c: SharedCase): FieldCheck {
  const text = () => String(c.input);
  switch (c.rule) {
    case "org_name":
      return checkOrgName(text());
    case "project_name":
      return checkProjectName(text());
    case "token_name":
      return checkTokenName(text());
    case "slug":
      return checkSlug(text());
    case "email":
      return checkEmail(text());
    case "sign_in_email":
      return checkSignInEmail(text());
    case "expires_at":
      return checkExpiresAt(text());
    case "browser_ttl":
      return checkBrowserTtl(Number(c.input));
    case "confirm_name":
      return checkConfirmName(text(), c.org_name ?? "");
    case "scopes":
      return checkScopes(c.input as string[]);
    default:
      throw new Error(`no UI check for ${c.rule}`);
  }
}

describe("the shared validation cases (saasignal-contract/cases/validation.json)", () => {
  it("get Rust's message, word for word", () => {
    const cases = shared.cases as SharedCase[];
    expect(cases.length).toBeGreaterThan(50);
    const differ = cases.filter((c) => check(c) !== c.error).map((c) => `${c.rule} ${JSON.stringify(c.input)}: ${check(c)}`);
    expect(differ).toEqual([]);
  });
});

describe("contract rules (mirror of saasignal-contract)", () => {
  it("names need one non-blank character", () => {
    expect(checkOrgName("A")).toBeNull();
    expect(checkOrgName("   ")).toMatch(/at least 1 character/);
  });

  it("slugs are lowercase letters, digits and hyphens", () => {
    expect(checkSlug("acme-2")).toBeNull();
    expect(checkSlug("Acme")).toMatch(/lowercase/);
    expect(checkSlug("acme corp")).toMatch(/lowercase/);
    expect(checkSlug("")).toMatch(/at least 1/);
  });

  it("generates the same slug as the backend", () => {
    expect(slugify("Acme Corp")).toBe("acme-corp");
    expect(slugify("  Hello,   World!! ")).toBe("hello-world");
    expect(slugify("--Edge--Case--")).toBe("edge-case");
    expect(slugify("!!!")).toBe("org");
    expect(slugify("Café Müller")).toBe("caf-m-ller");
  });

  it("emails follow the seed's pattern, lookaheads included", () => {
    for (const good of ["alice@acme.com", "a.b+tag@sub.example.org", "o'neil@x.io"]) {
      expect(checkEmail(good), good).toBeNull();
    }
    for (const bad of [".alice@acme.com", "al..ice@acme.com", "alice@acme", "alice.@acme.com", "@acme.com", "alice@-acme.com"]) {
      expect(checkEmail(bad), bad).not.toBeNull();
    }
  });

  it("signing in takes any address with an @, as Rust does", () => {
    for (const good of ["a@b", "ada@example.photography", "ü@bücher.example", "user@xn--bcher-kva.example"]) {
      expect(checkSignInEmail(good), good).toBeNull();
    }
    expect(checkSignInEmail("  ")).toBe("Enter your email address");
    expect(checkSignInEmail("plain")).toMatch(/like name@example.com/);
  });

  it("expiry dates must be real UTC calendar dates ending in Z", () => {
    expect(checkExpiresAt("2024-02-29T00:00:00Z")).toBeNull();
    expect(checkExpiresAt("2030-01-31T23:59Z")).toBeNull();
    expect(checkExpiresAt("2023-02-29T00:00:00Z")).not.toBeNull();
    expect(checkExpiresAt("2030-04-31T00:00:00Z")).not.toBeNull();
    expect(checkExpiresAt("2030-01-31T23:59:59+01:00")).not.toBeNull();
    expect(checkExpiresAt("2030-01-31")).not.toBeNull();
  });

  it("browser-token ttl is 60 to 1800 whole seconds", () => {
    expect(checkBrowserTtl(60)).toBeNull();
    expect(checkBrowserTtl(1800)).toBeNull();
    expect(checkBrowserTtl(59)).not.toBeNull();
    expect(checkBrowserTtl(1801)).not.toBeNull();
    expect(checkBrowserTtl(90.5)).not.toBeNull();
  });

  it("delete confirmation must match the name exactly", () => {
    expect(checkConfirmName("Acme Corp", "Acme Corp")).toBeNull();
    expect(checkConfirmName("acme corp", "Acme Corp")).toMatch(/Does not match/);
    expect(checkConfirmName("", "Acme Corp")).toMatch(/Type/);
  });

  it("scopes are *, family:* or family:action", () => {
    expect(checkScopes(["*", "kv:*", "tokens:write"])).toBeNull();
    expect(checkScopes(["tokens:write", "Tokens:Write"])).toMatch(/Tokens:Write/);
  });

  it("wildcards grant as the platform does", () => {
    expect(grants(["*"], "tokens:write")).toBe(true);
    expect(grants(["tokens:*"], "tokens:write")).toBe(true);
    expect(grants(["tokens:read"], "tokens:write")).toBe(false);
    expect(grants(["orgs:*"], "*")).toBe(false);
  });
});

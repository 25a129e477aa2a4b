// Where an account's server lives. HTTPS everywhere except the machine itself.
import type { Account } from "./backend";

export const DEFAULT_BASE_URL = "https://api.saasignal.saastemly.com";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function checkBaseUrl(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === "") return "Enter the server's address, e.g. " + DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return "Enter a full address starting with https://";
  }
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return null;
  if (url.protocol === "http:") return "Use https:// (plain http:// is only for localhost)";
  return "Enter a full address starting with https://";
}

/** The host a person recognises an account by. */
export function hostOf(account: Pick<Account, "baseUrl" | "isLocalSandbox">): string {
  if (account.isLocalSandbox || account.baseUrl === "") return "Local sandbox";
  try {
    return new URL(account.baseUrl).host;
  } catch {
    return account.baseUrl;
  }
}

import { describe, expect, it } from "vitest";
import { checkBaseUrl, hostOf } from "./urls";

describe("base URL rule", () => {
  it("wants https, except on this machine", () => {
    expect(checkBaseUrl("https://api.saasignal.saastemly.com")).toBeNull();
    expect(checkBaseUrl("https://staging.example.com:8443/")).toBeNull();
    expect(checkBaseUrl("http://localhost:8787")).toBeNull();
    expect(checkBaseUrl("http://127.0.0.1:8787")).toBeNull();
    expect(checkBaseUrl("http://[::1]:8787")).toBeNull();
    expect(checkBaseUrl("http://api.example.com")).toMatch(/https/);
    expect(checkBaseUrl("ftp://x.com")).not.toBeNull();
    expect(checkBaseUrl("api.example.com")).not.toBeNull();
    expect(checkBaseUrl("")).not.toBeNull();
  });

  it("names the host, or the local sandbox", () => {
    expect(hostOf({ baseUrl: "https://api.example.com/v1", isLocalSandbox: false })).toBe("api.example.com");
    expect(hostOf({ baseUrl: "", isLocalSandbox: true })).toBe("Local sandbox");
  });
});

import { describe, expect, it } from "vitest";
import { markPlatform, platformOf } from "./platform";

describe("platformOf", () => {
  it.each([
    ["MacIntel", "macos"],
    ["Win32", "windows"],
    ["Linux x86_64", "linux"],
    ["Linux aarch64", "linux"],
    ["", "other"],
  ])("reads %j as %s", (name, expected) => {
    expect(platformOf(name)).toBe(expected);
  });
});

describe("markPlatform", () => {
  it("names the platform on the root element, where the stylesheet picks its fonts", () => {
    const root = document.createElement("html");
    markPlatform(root);
    expect(root.dataset.platform).toBe(platformOf(navigator.platform));
  });
});

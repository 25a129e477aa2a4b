// Which desktop the window runs on, as far as the page needs to know: the shortcut
// labels (⌘ on macOS) and the font stack (`theme.css`, keyed on `data-platform`).

export type Platform = "macos" | "windows" | "linux" | "other";

/** The platform named by a `navigator.platform` string ("MacIntel", "Win32", "Linux x86_64"). */
export function platformOf(name: string): Platform {
  if (/Mac/i.test(name)) return "macos";
  if (/Win/i.test(name)) return "windows";
  if (/Linux/i.test(name)) return "linux";
  return "other";
}

export const platform: Platform =
  typeof navigator === "undefined" ? "other" : platformOf(navigator.platform);

export const isMac = platform === "macos";

/** Lets the stylesheet pick the platform's fonts; call before the first screen mounts. */
export function markPlatform(root: HTMLElement = document.documentElement): void {
  root.dataset.platform = platform;
}

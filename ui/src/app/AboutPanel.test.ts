import { render, screen } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import AboutPanel from "./AboutPanel.svelte";
import { backend, BackendError, ErrorCodes } from "../lib/backend";
import { fakeBackend } from "../test/fakeBackend";

beforeEach(() => {
  Object.assign(backend, fakeBackend());
});

describe("AboutPanel", () => {
  it("shows what app_info returns", async () => {
    vi.mocked(backend.appInfo).mockResolvedValue({
      name: "SaaSignal Admin",
      version: "9.8.7",
      dataDir: "/home/me/.local/share/dev.saasignal.admin",
      configDir: "/home/me/.config/dev.saasignal.admin",
      logDir: "/home/me/.local/share/dev.saasignal.admin/logs",
      keychainBackend: "Secret Service (D-Bus)",
    });
    render(AboutPanel, { onClose: () => {} });
    expect(await screen.findByTestId("about-version")).toHaveTextContent("9.8.7");
    expect(screen.getByTestId("about-keychain")).toHaveTextContent("Secret Service (D-Bus)");
    expect(screen.getByTestId("about-data-dir")).toHaveTextContent(
      "/home/me/.local/share/dev.saasignal.admin",
    );
  });

  it("switches the system proxy off for remote servers", async () => {
    vi.mocked(backend.appInfo).mockResolvedValue({
      name: "SaaSignal Admin",
      version: "1.0.0",
      dataDir: "/d",
      configDir: "/c",
      logDir: "/l",
      keychainBackend: "test",
    });
    render(AboutPanel, { onClose: () => {} });
    const toggle = await screen.findByTestId("pref-system-proxy");
    expect(toggle).toBeChecked();
    toggle.click();
    await vi.waitFor(() =>
      expect(backend.setPreferences).toHaveBeenCalledWith({ preferences: { useSystemProxy: false } }),
    );
  });

  it("shows the backend's message when app_info fails", async () => {
    vi.mocked(backend.appInfo).mockRejectedValue(
      new BackendError({ code: ErrorCodes.internal, message: "No home directory", connectivity: false }),
    );
    render(AboutPanel, { onClose: () => {} });
    expect(await screen.findByRole("alert")).toHaveTextContent("No home directory");
  });
});

import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import AboutPanel from "./AboutPanel.svelte";
import { backend, BackendError, ErrorCodes } from "../lib/backend";
import { DEFAULT_THRESHOLDS, fakeBackend } from "../test/fakeBackend";

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
      expect(backend.setPreferences).toHaveBeenCalledWith({
        preferences: { useSystemProxy: false, keyThresholds: DEFAULT_THRESHOLDS, expiryNotifications: true },
      }),
    );
  });

  it("switches the daily expiry notification off (it is on by default)", async () => {
    render(AboutPanel, { onClose: () => {} });
    const toggle = await screen.findByTestId("pref-expiry-notifications");
    expect(toggle).toBeChecked();
    await userEvent.click(toggle);
    expect(backend.setPreferences).toHaveBeenCalledWith({
      preferences: { useSystemProxy: true, keyThresholds: DEFAULT_THRESHOLDS, expiryNotifications: false },
    });
  });

  it("shows the backend's message when app_info fails", async () => {
    vi.mocked(backend.appInfo).mockRejectedValue(
      new BackendError({ code: ErrorCodes.internal, message: "No home directory", connectivity: false }),
    );
    render(AboutPanel, { onClose: () => {} });
    expect(await screen.findByRole("alert")).toHaveTextContent("No home directory");
  });

  it("saves the key rules' thresholds, checked as typed and by Rust", async () => {
    render(AboutPanel, { onClose: () => {} });
    const unused = await screen.findByTestId("pref-unusedAfterDays");
    expect(unused).toHaveValue("90");
    await userEvent.clear(unused);
    await userEvent.type(unused, "0");
    expect(screen.getByTestId("key-thresholds-save")).toBeDisabled();
    expect(screen.getByText(/whole number of days from 1 to 3650/)).toBeInTheDocument();
    await userEvent.clear(unused);
    await userEvent.type(unused, "60");
    await userEvent.click(screen.getByTestId("key-thresholds-save"));
    expect(backend.setPreferences).toHaveBeenCalledWith({
      preferences: {
        useSystemProxy: true,
        keyThresholds: { expiringWithinDays: 7, neverUsedAfterDays: 30, unusedAfterDays: 60 },
        expiryNotifications: true,
      },
    });
    // Rust's answer is shown at the field it names.
    vi.mocked(backend.setPreferences).mockRejectedValueOnce(
      new BackendError({
        code: ErrorCodes.validation,
        message: "Enter a whole number of days from 1 to 3650.",
        connectivity: false,
        field: "expiringWithinDays",
      }),
    );
    await userEvent.click(screen.getByTestId("key-thresholds-save"));
    expect(await screen.findByTestId("pref-expiringWithinDays")).toHaveAttribute("aria-invalid", "true");
  });
  it("closes from its Done button and with Escape, as every dialog does", async () => {
    const onClose = vi.fn();
    render(AboutPanel, { onClose });
    await screen.findByTestId("pref-system-proxy");
    await userEvent.click(screen.getByRole("button", { name: "Done" }));
    expect(onClose).toHaveBeenCalledTimes(1);
    await userEvent.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(screen.getByRole("dialog", { name: "About SaaSignal Admin" })).toBeInTheDocument();
  });
});

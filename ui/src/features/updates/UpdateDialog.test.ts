import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import UpdateDialog from "./UpdateDialog.svelte";
import StatusBar from "../../app/StatusBar.svelte";
import { backend, BackendError, ErrorCodes, type UpdateCheck } from "../../lib/backend";
import { nav } from "../../lib/stores/nav.svelte";
import { updates } from "../../lib/stores/updates.svelte";
import { fakeBackend, resetStores } from "../../test/fakeBackend";

const OFFER: UpdateCheck = {
  status: "available",
  current: "0.1.0",
  version: "0.2.0",
  notes: "Key rotation from the palette.\n<img src=x onerror=alert(1)>",
  published: "2026-12-01T09:30:00Z",
};

beforeEach(() => {
  Object.assign(backend, fakeBackend());
  resetStores();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("UpdateDialog", () => {
  it("offers a higher version with its notes as text, and installs only on yes", async () => {
    vi.mocked(backend.checkForUpdate).mockResolvedValue(OFFER);
    vi.mocked(backend.installUpdate).mockResolvedValue("0.2.0");
    render(UpdateDialog, { onClose: () => {}, check: true });

    expect(await screen.findByTestId("update-offer")).toHaveTextContent("Version 0.2.0 is available; you have 0.1.0.");
    const notes = screen.getByTestId("update-notes");
    expect(notes).toHaveTextContent("<img src=x onerror=alert(1)>");
    expect(notes.querySelector("img")).toBeNull();
    expect(backend.installUpdate).not.toHaveBeenCalled();

    await userEvent.click(screen.getByTestId("update-install"));
    expect(await screen.findByTestId("update-installed")).toHaveTextContent("Version 0.2.0 is installed");
    expect(backend.restartApp).not.toHaveBeenCalled();
    await userEvent.click(screen.getByTestId("update-restart"));
    expect(backend.restartApp).toHaveBeenCalledTimes(1);
  });

  it("keeps the restart in the status bar after the dialog is hidden", async () => {
    vi.mocked(backend.checkForUpdate).mockResolvedValue(OFFER);
    vi.mocked(backend.installUpdate).mockResolvedValue("0.2.0");
    render(StatusBar);
    await updates.check();
    expect(await screen.findByTestId("update-offered")).toHaveTextContent("Version 0.2.0 available");
    await updates.install();
    expect(await screen.findByTestId("update-restart-offered")).toHaveTextContent(
      "Version 0.2.0 installed: restart to use it",
    );
    expect(screen.queryByTestId("update-offered")).toBeNull();
  });

  it("says when this is the newest version", async () => {
    render(UpdateDialog, { onClose: () => {}, check: true });
    expect(await screen.findByTestId("update-none")).toHaveTextContent("SaaSignal Admin 0.1.0 is the newest version.");
    expect(screen.queryByTestId("update-install")).toBeNull();
  });

  it("shows a refused signature in Rust's words, with no restart and a new check offered", async () => {
    vi.mocked(backend.checkForUpdate).mockResolvedValue(OFFER);
    const refused = "The download of version 0.2.0 is not signed with SaaSignal Admin's release key (…), so it was not installed. Nothing changed.";
    vi.mocked(backend.installUpdate).mockRejectedValue(
      new BackendError({ code: ErrorCodes.update_signature_invalid, message: refused, connectivity: false }),
    );
    render(UpdateDialog, { onClose: () => {}, check: true });
    await userEvent.click(await screen.findByTestId("update-install"));

    expect(await screen.findByTestId("update-error")).toHaveTextContent(refused);
    expect(screen.queryByTestId("update-restart")).toBeNull();
    vi.mocked(backend.checkForUpdate).mockResolvedValue({ status: "upToDate", current: "0.1.0" });
    await userEvent.click(screen.getByTestId("update-retry"));
    expect(await screen.findByTestId("update-none")).toBeInTheDocument();
  });

  it("names being offline when the person asked", async () => {
    const offline = "Could not reach the update server (…). Check your connection, then check for updates again.";
    vi.mocked(backend.checkForUpdate).mockRejectedValue(
      new BackendError({ code: ErrorCodes.offline, message: offline, connectivity: true }),
    );
    render(UpdateDialog, { onClose: () => {}, check: true });
    expect(await screen.findByTestId("update-error")).toHaveTextContent(offline);
  });
});

describe("the check at start", () => {
  it("waits, then shows an offer in the status bar that opens the dialog", async () => {
    vi.useFakeTimers();
    vi.mocked(backend.checkForUpdate).mockResolvedValue(OFFER);
    render(StatusBar);
    const cancel = updates.checkAfterStart(5000);
    await vi.advanceTimersByTimeAsync(4999);
    expect(backend.checkForUpdate).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    const offer = await screen.findByTestId("update-offered");
    expect(offer).toHaveTextContent("Version 0.2.0 available");
    offer.click();
    expect(nav.dialog).toBe("update");
    cancel();
  });

  it("keeps a failure quiet: nobody asked", async () => {
    vi.mocked(backend.checkForUpdate).mockRejectedValue(
      new BackendError({ code: ErrorCodes.offline, message: "offline", connectivity: true }),
    );
    await updates.check(true);
    expect(updates.phase).toEqual({ step: "idle" });
    expect(updates.offered).toBeNull();
  });

  it("is cancelled with the shell", async () => {
    vi.useFakeTimers();
    updates.checkAfterStart(5000)();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(backend.checkForUpdate).not.toHaveBeenCalled();
  });
});

import { act, render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import CopyOnceDialog from "./CopyOnceDialog.svelte";
import { backend, BackendError, ErrorCodes } from "../../lib/backend";
import { fakeBackend, makeToken, resetStores } from "../../test/fakeBackend";


const SECRET = "sk_live_SECRETVALUE123z9y8";
const created = { item: makeToken({ id: "tok_new", name: "Deploy key", hint: "…z9y8" }), secret: "handle-1" };

beforeEach(() => {
  resetStores();
  Object.assign(backend, fakeBackend());
});

afterEach(() => {
  vi.useRealTimers();
});

describe("Copy-once dialog", () => {
  it("masks, reveals, copies with a live countdown, and discards on close", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ["setInterval", "clearInterval", "Date"] });
    const onClose = vi.fn();
    const { container } = render(CopyOnceDialog, { created, onClose });

    // Masked at first; the secret is nowhere in the page.
    expect(screen.getByTestId("copy-once-masked")).toHaveTextContent(/^•+z9y8$/);
    expect(container.textContent).not.toContain(SECRET);
    expect(screen.getByTestId("copy-once-warning")).toHaveTextContent(/only time the secret is shown/);
    expect(backend.revealTokenSecret).not.toHaveBeenCalled();

    await userEvent.click(screen.getByTestId("copy-once-reveal"));
    expect(backend.revealTokenSecret).toHaveBeenCalledWith({ handle: "handle-1" });
    expect(await screen.findByTestId("copy-once-secret")).toHaveTextContent(SECRET);

    vi.mocked(backend.copyTokenSecret).mockResolvedValueOnce({ clearsAt: new Date(Date.now() + 30_000).toISOString() });
    await userEvent.click(screen.getByTestId("copy-once-copy"));
    expect(backend.copyTokenSecret).toHaveBeenCalledWith({ handle: "handle-1" });
    expect(await screen.findByTestId("copy-once-countdown")).toHaveTextContent("Clipboard clears in 30 s");
    await act(() => vi.advanceTimersByTime(5_000));
    expect(screen.getByTestId("copy-once-countdown")).toHaveTextContent("Clipboard clears in 25 s");
    await act(() => vi.advanceTimersByTime(26_000));
    expect(screen.getByTestId("copy-once-countdown")).toHaveTextContent("Clipboard cleared");

    await userEvent.keyboard("{Escape}");
    expect(backend.discardTokenSecret).toHaveBeenCalledWith({ handle: "handle-1" });
    expect(backend.discardTokenSecret).toHaveBeenCalledTimes(1);
    expect(onClose).toHaveBeenCalledTimes(1);
    // The revealed value is gone from the component.
    expect(container.textContent).not.toContain(SECRET);
  });

  it("the close button discards too, once", async () => {
    const onClose = vi.fn();
    const view = render(CopyOnceDialog, { created, onClose });
    await userEvent.click(screen.getByTestId("copy-once-reveal"));
    await screen.findByTestId("copy-once-secret");
    await userEvent.click(screen.getByTestId("copy-once-close"));
    expect(backend.discardTokenSecret).toHaveBeenCalledWith({ handle: "handle-1" });
    expect(onClose).toHaveBeenCalled();
    expect(screen.queryByTestId("copy-once-secret")).toBeNull();
    view.unmount();
    expect(backend.discardTokenSecret).toHaveBeenCalledTimes(1);
  });

  it("hiding again forgets the value", async () => {
    render(CopyOnceDialog, { created, onClose: vi.fn() });
    await userEvent.click(screen.getByTestId("copy-once-reveal"));
    await screen.findByTestId("copy-once-secret");
    await userEvent.click(screen.getByTestId("copy-once-reveal"));
    expect(screen.queryByTestId("copy-once-secret")).toBeNull();
    expect(screen.getByTestId("copy-once-masked")).toBeInTheDocument();
  });

  it("says so when the secret is already gone", async () => {
    render(CopyOnceDialog, { created, onClose: vi.fn() });
    vi.mocked(backend.revealTokenSecret).mockRejectedValueOnce(
      new BackendError({ code: ErrorCodes.secret_gone, connectivity: false, message: "The secret was discarded." }),
    );
    await userEvent.click(screen.getByTestId("copy-once-reveal"));
    expect(await screen.findByTestId("copy-once-error")).toHaveTextContent("The secret was discarded.");
  });
});

import { act, fireEvent, render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import BrowserTokenPanel from "./BrowserTokenPanel.svelte";
import { backend, BackendError, ErrorCodes } from "../../lib/backend";
import { fakeBackend, makeAccount, openWorkspace, resetStores } from "../../test/fakeBackend";


const key = makeAccount({
  id: "acc_key",
  kind: "api_key",
  identity: "…k3y9",
  apiKeyReach: { orgId: "org_1", projectId: null, scopes: ["kv:read", "kv:write", "channels:subscribe"] },
});

beforeEach(async () => {
  resetStores();
  Object.assign(backend, fakeBackend());
  await openWorkspace(key);
});
afterEach(() => vi.useRealTimers());

describe("Browser tokens", () => {
  it("mints with a subset of the key's scopes and a ttl, then counts down to expiry", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ["setInterval", "clearInterval", "Date"] });
    render(BrowserTokenPanel, { account: key });
    await userEvent.click(screen.getByTestId("browser-scope-kv:write"));
    await fireEvent.input(screen.getByTestId("browser-ttl"), { target: { value: "120" } });
    expect(screen.getByTestId("browser-ttl-value")).toHaveTextContent("2:00");
    await userEvent.click(screen.getByTestId("browser-mint"));
    expect(backend.mintBrowserToken).toHaveBeenCalledWith({
      accountId: "acc_key",
      request: { scopes: ["kv:read", "channels:subscribe"], ttl: 120 },
    });
    // Held like an API key's secret: masked until Reveal asks Rust for it.
    expect(await screen.findByTestId("browser-token-masked")).toBeInTheDocument();
    expect(screen.queryByTestId("browser-token-value")).toBeNull();
    await userEvent.click(screen.getByTestId("browser-token-reveal"));
    expect(await screen.findByTestId("browser-token-value")).toHaveValue("bt_eyJhbGciOi.test");
    expect(backend.revealTokenSecret).toHaveBeenCalledWith({ handle: "bt-handle-1" });
    expect(screen.getByTestId("browser-token-countdown")).toHaveTextContent("Expires in 2:00");
    await act(() => vi.advanceTimersByTime(61_000));
    expect(screen.getByTestId("browser-token-countdown")).toHaveTextContent("Expires in 59 s");
  });

  it("copies through the backend's clipboard path, never the webview's", async () => {
    const webviewCopy = vi.fn();
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: webviewCopy } });
    render(BrowserTokenPanel, { account: key });
    await userEvent.click(screen.getByTestId("browser-mint"));
    await userEvent.click(await screen.findByTestId("browser-token-copy"));
    expect(backend.copyTokenSecret).toHaveBeenCalledWith({ handle: "bt-handle-1" });
    expect(webviewCopy).not.toHaveBeenCalled();
    expect(await screen.findByTestId("browser-token-clipboard")).toHaveTextContent(/Clipboard clears in/);
  });

  it("sends no scopes (inherit all) when every scope is kept, and refuses none", async () => {
    render(BrowserTokenPanel, { account: key });
    await userEvent.click(screen.getByTestId("browser-mint"));
    expect(backend.mintBrowserToken).toHaveBeenCalledWith({ accountId: "acc_key", request: { ttl: 900 } });
    for (const scope of ["kv:read", "kv:write", "channels:subscribe"]) {
      await userEvent.click(screen.getByTestId(`browser-scope-${scope}`));
    }
    await userEvent.click(screen.getByTestId("browser-mint"));
    expect(screen.getByTestId("browser-scopes-error")).toBeInTheDocument();
    expect(backend.mintBrowserToken).toHaveBeenCalledTimes(1);
  });

  it("shows a 403 naming the scope", async () => {
    render(BrowserTokenPanel, { account: key });
    vi.mocked(backend.mintBrowserToken).mockRejectedValueOnce(
      new BackendError({
        code: ErrorCodes.forbidden,
        connectivity: false,
        message: "You need the kv:write scope to do this.",
        missingScope: "kv:write",
      }),
    );
    await userEvent.click(screen.getByTestId("browser-mint"));
    expect(await screen.findByTestId("browser-mint-error")).toHaveTextContent("kv:write");
  });

  it("explains that a session account needs an API key", () => {
    render(BrowserTokenPanel, { account: makeAccount() });
    expect(screen.getByTestId("browser-token-needs-key")).toBeInTheDocument();
    expect(screen.queryByTestId("browser-mint")).toBeNull();
  });
});

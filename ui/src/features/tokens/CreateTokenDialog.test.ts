import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import CreateTokenDialog from "./CreateTokenDialog.svelte";
import { backend } from "../../lib/backend";
import { fakeBackend, makeProject, openWorkspace, resetStores } from "../../test/fakeBackend";
import { nav } from "../../lib/stores/nav.svelte";


beforeEach(async () => {
  resetStores();
  Object.assign(backend, fakeBackend());
  await openWorkspace();
});

function setup() {
  render(CreateTokenDialog, {
    projects: [makeProject(), makeProject({ id: "proj_2", name: "Search" })],
    onClose: vi.fn(),
  });
}

async function fillBasics() {
  await userEvent.type(screen.getByTestId("create-token-name"), "Deploy key");
  await userEvent.click(screen.getByTestId("create-token-scopes-scope-kv:read"));
}

function sentToken() {
  const call = vi.mocked(backend.createToken).mock.calls.at(-1);
  if (!call) throw new Error("createToken not called");
  return call[0].token;
}

describe("Create token", () => {
  it("needs a name and at least one scope", async () => {
    setup();
    await userEvent.click(screen.getByTestId("create-token-submit"));
    expect(screen.getByTestId("create-token-name-error")).toBeInTheDocument();
    expect(screen.getByTestId("create-token-scopes-error")).toHaveTextContent(/at least one scope/);
    expect(backend.createToken).not.toHaveBeenCalled();
  });

  it("validates a custom expiry date with the contract's rule", async () => {
    setup();
    await fillBasics();
    await userEvent.click(screen.getByTestId("create-token-expiry-custom"));
    const date = screen.getByTestId("create-token-expiry-date");
    await userEvent.type(date, "2031-02-29");
    expect(screen.getByTestId("create-token-expiry-error")).toHaveTextContent(/real calendar date/);
    await userEvent.click(screen.getByTestId("create-token-submit"));
    expect(backend.createToken).not.toHaveBeenCalled();

    await userEvent.clear(date);
    await userEvent.type(date, "2020-01-01");
    expect(screen.getByTestId("create-token-expiry-error")).toHaveTextContent(/future/);

    await userEvent.clear(date);
    await userEvent.type(date, "2032-02-29");
    expect(screen.queryByTestId("create-token-expiry-error")).toBeNull();
    expect(screen.getByTestId("create-token-expiry-preview")).toHaveTextContent("2032-02-29T23:59:59Z");
    await userEvent.click(screen.getByTestId("create-token-submit"));
    await vi.waitFor(() => expect(backend.createToken).toHaveBeenCalled());
    expect(sentToken()).toEqual({ name: "Deploy key", scopes: ["kv:read"], projectId: "", expiresAt: "2032-02-29T23:59:59Z" });
  });

  it("sends a 7-day preset as an ISO date ending in Z, a project, and no expiry for None", async () => {
    setup();
    await fillBasics();
    await userEvent.selectOptions(screen.getByTestId("create-token-project"), "proj_2");
    await userEvent.click(screen.getByTestId("create-token-expiry-7"));
    const before = Date.now();
    await userEvent.click(screen.getByTestId("create-token-submit"));
    // The copy-once dialog opens on the reveal handle, never the secret.
    await vi.waitFor(() => expect(nav.minted?.secret).toBe("handle-1"));
    const sent = sentToken();
    expect(sent.projectId).toBe("proj_2");
    expect(sent.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const days = (Date.parse(sent.expiresAt ?? "") - before) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);

    await userEvent.click(screen.getByTestId("create-token-expiry-none"));
    await userEvent.click(screen.getByTestId("create-token-submit"));
    await vi.waitFor(() => expect(backend.createToken).toHaveBeenCalledTimes(2));
    expect(sentToken().expiresAt).toBeUndefined();
  });
});

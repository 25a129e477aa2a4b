import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import TokensView from "./TokensView.svelte";
import DialogHost from "../../app/DialogHost.svelte";
import { backend, BackendError, ErrorCodes } from "../../lib/backend";
import { nav } from "../../lib/stores/nav.svelte";
import { fakeBackend, makeToken, openWorkspace, resetStores, world } from "../../test/fakeBackend";

const old = makeToken({ id: "t_ci", name: "CI deploy", hint: "…ab12" });

beforeEach(() => {
  resetStores();
  Object.assign(backend, fakeBackend(world({ tokens: [old], myScopes: ["tokens:*"] })));
});

async function rollFromTheRow(): Promise<void> {
  await openWorkspace();
  render(TokensView);
  render(DialogHost, { onSwitch: () => undefined });
  const row = (await screen.findAllByTestId("token-row")).find((r) => r.dataset.key === "t_ci")!;
  await userEvent.click(within(row).getByTestId("token-roll"));
  await userEvent.click(screen.getByTestId("roll-token-dialog-confirm"));
  await screen.findByTestId("copy-once-dialog");
}

const refused = () =>
  new BackendError({ code: ErrorCodes.forbidden, message: "The server refused this (403).", connectivity: false });
const offline = () =>
  new BackendError({ code: ErrorCodes.offline, message: "Can't reach the server.", connectivity: true });

describe("Rolling a key", () => {
  it("shows the replacement once and revokes the old key only after the secret is confirmed saved", async () => {
    await rollFromTheRow();
    expect(backend.rollToken).toHaveBeenCalledWith({ accountId: "acc_1", orgId: "org_1", tokenId: "t_ci" });
    const dialog = screen.getByTestId("copy-once-dialog");
    expect(dialog).toHaveTextContent("CI deploy (rolled) was created to replace CI deploy");
    const revokeOld = screen.getByTestId("roll-revoke-old");
    expect(revokeOld).toBeDisabled();
    await userEvent.click(screen.getByTestId("roll-saved"));
    await userEvent.click(revokeOld);
    expect(backend.revokeToken).toHaveBeenCalledWith({ accountId: "acc_1", orgId: "org_1", tokenId: "t_ci" });
    await vi.waitFor(() => expect(screen.queryByTestId("copy-once-dialog")).toBeNull());
    expect(nav.notice).toBe("Rolled CI deploy: the old key is revoked");
    expect(backend.discardTokenSecret).toHaveBeenCalledWith({ handle: "handle-roll" });
    await vi.waitFor(() => expect(screen.queryByTestId("key-rolls")).toBeNull());
  });

  it("when the revoke fails, both keys stay with the roll listed and a Retry that finishes it", async () => {
    await rollFromTheRow();
    vi.mocked(backend.revokeToken).mockRejectedValueOnce(refused());
    await userEvent.click(screen.getByTestId("roll-saved"));
    await userEvent.click(screen.getByTestId("roll-revoke-old"));
    expect(await screen.findByTestId("roll-revoke-error")).toHaveTextContent("CI deploy is still active: The server refused this (403).");
    expect(screen.getByTestId("roll-revoke-old")).toHaveTextContent("Retry revoke");

    // Closed without finishing: the roll stays on the Tokens tab, the old key marked.
    await userEvent.click(screen.getByTestId("copy-once-close"));
    const roll = await screen.findByTestId("key-roll");
    expect(roll).toHaveTextContent("CI deploy was rolled into CI deploy (rolled)");
    const oldRow = screen.getAllByTestId("token-row").find((r) => r.dataset.key === "t_ci")!;
    expect(within(oldRow).getByTestId("token-rolled")).toBeInTheDocument();
    expect(screen.getAllByTestId("token-row").map((r) => r.dataset.key)).toEqual(expect.arrayContaining(["t_ci", "t_ci_rolled"]));

    vi.mocked(backend.revokeToken).mockRejectedValueOnce(refused());
    await userEvent.click(within(roll).getByTestId("key-roll-finish"));
    expect(await within(roll).findByTestId("key-roll-error")).toHaveTextContent("Revoking it failed: The server refused this (403).");
    expect(within(roll).getByTestId("key-roll-finish")).toHaveTextContent("Retry revoke");
    await userEvent.click(within(roll).getByTestId("key-roll-finish"));
    await vi.waitFor(() => expect(screen.queryByTestId("key-rolls")).toBeNull());
  });

  it("keeping both forgets the roll and leaves both keys; a failed create changes nothing", async () => {
    await rollFromTheRow();
    await userEvent.click(screen.getByTestId("copy-once-close"));
    await userEvent.click(await screen.findByTestId("key-roll-forget"));
    expect(backend.forgetRoll).toHaveBeenCalledWith({ accountId: "acc_1", orgId: "org_1", oldId: "t_ci" });
    await vi.waitFor(() => expect(screen.queryByTestId("key-rolls")).toBeNull());
    expect(backend.revokeToken).not.toHaveBeenCalled();

    vi.mocked(backend.rollToken).mockRejectedValueOnce(offline());
    const row = screen.getAllByTestId("token-row").find((r) => r.dataset.key === "t_ci")!;
    await userEvent.click(within(row).getByTestId("token-roll"));
    await userEvent.click(screen.getByTestId("roll-token-dialog-confirm"));
    expect(await screen.findByTestId("roll-token-dialog-error")).toHaveTextContent("Can't reach the server.");
    expect(screen.queryByTestId("copy-once-dialog")).toBeNull();
  });
});

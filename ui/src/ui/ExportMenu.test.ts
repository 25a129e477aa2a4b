import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import TokensView from "../features/tokens/TokensView.svelte";
import { backend, BackendError, ErrorCodes } from "../lib/backend";
import { nav } from "../lib/stores/nav.svelte";
import { fakeBackend, makeToken, openWorkspace, resetStores, world } from "../test/fakeBackend";

beforeEach(() => {
  resetStores();
  Object.assign(backend, fakeBackend(world({ tokens: [makeToken({ id: "t_1", name: "CI deploy" })] })));
});

describe("Export", () => {
  it("exports the keys as the Tokens tab filters and searches them, and says where", async () => {
    await openWorkspace();
    render(TokensView);
    await screen.findAllByTestId("token-row");
    await userEvent.selectOptions(screen.getByTestId("tokens-status-filter"), "active");
    await userEvent.type(screen.getByTestId("tokens-search"), "ci");
    await userEvent.click(screen.getByTestId("tokens-export"));
    await userEvent.click(screen.getByTestId("tokens-export-json"));
    expect(backend.exportList).toHaveBeenCalledWith({
      accountId: "acc_1",
      orgId: "org_1",
      request: {
        list: { kind: "tokens", filter: expect.objectContaining({ status: "active" }) },
        search: "ci",
        format: "json",
      },
    });
    await vi.waitFor(() => expect(nav.notice).toBe("Exported 1 key to /home/me/acme-export.json"));
  });

  it("a cancelled dialog says nothing; a failure is shown beside the button", async () => {
    await openWorkspace();
    render(TokensView);
    vi.mocked(backend.exportList).mockResolvedValueOnce(null);
    await userEvent.click(screen.getByTestId("tokens-export"));
    await userEvent.click(screen.getByTestId("tokens-export-csv"));
    expect(nav.notice).toBeNull();
    vi.mocked(backend.exportList).mockRejectedValueOnce(
      new BackendError({ code: ErrorCodes.export_failed, message: "Could not write /ro/keys.csv: read-only.", connectivity: false }),
    );
    await userEvent.click(screen.getByTestId("tokens-export"));
    await userEvent.click(screen.getByTestId("tokens-export-csv"));
    expect(await screen.findByTestId("tokens-export-error")).toHaveTextContent("Could not write /ro/keys.csv: read-only.");
  });
});

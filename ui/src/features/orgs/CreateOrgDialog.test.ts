import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import CreateOrgDialog from "./CreateOrgDialog.svelte";
import { backend, BackendError } from "../../lib/backend";
import { fakeBackend, makeAccount, resetStores } from "../../test/fakeBackend";
import { session } from "../../lib/stores/session.svelte";

vi.mock("../../lib/backend", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../lib/backend")>();
  return { ...original, backend: {} };
});

beforeEach(() => {
  resetStores();
  Object.assign(backend, fakeBackend());
  session.accounts = [makeAccount()];
});

function setup() {
  const onCreated = vi.fn();
  const onClose = vi.fn();
  render(CreateOrgDialog, { accountId: "acc_1", onCreated, onClose });
  return { onCreated, onClose };
}

describe("Create organization", () => {
  it("previews the generated slug from the name as you type", async () => {
    setup();
    await userEvent.type(screen.getByTestId("create-org-name"), "Acme Corp, Ltd.");
    expect(screen.getByTestId("create-org-slug-preview")).toHaveTextContent("acme-corp-ltd");
  });

  it("checks the slug as you type and refuses to submit a bad one", async () => {
    setup();
    await userEvent.type(screen.getByTestId("create-org-name"), "Acme");
    await userEvent.type(screen.getByTestId("create-org-slug"), "Acme Corp");
    expect(screen.getByTestId("create-org-slug-error")).toHaveTextContent(/lowercase letters, digits and hyphens/);
    expect(screen.getByTestId("create-org-slug")).toHaveAttribute("aria-invalid", "true");
    await userEvent.click(screen.getByTestId("create-org-submit"));
    expect(backend.createOrg).not.toHaveBeenCalled();

    await userEvent.clear(screen.getByTestId("create-org-slug"));
    await userEvent.type(screen.getByTestId("create-org-slug"), "acme-2");
    expect(screen.queryByTestId("create-org-slug-error")).toBeNull();
  });

  it("requires a name", async () => {
    setup();
    await userEvent.click(screen.getByTestId("create-org-submit"));
    expect(screen.getByTestId("create-org-name-error")).toHaveTextContent(/at least 1 character/);
    expect(backend.createOrg).not.toHaveBeenCalled();
  });

  it("shows a taken slug (409) at the slug field and keeps what was typed", async () => {
    const { onCreated } = setup();
    vi.mocked(backend.createOrg).mockRejectedValueOnce(
      new BackendError({ code: "conflict", message: "That slug is already taken", field: "slug" }),
    );
    await userEvent.type(screen.getByTestId("create-org-name"), "Acme");
    await userEvent.type(screen.getByTestId("create-org-slug"), "acme");
    await userEvent.click(screen.getByTestId("create-org-submit"));
    expect(await screen.findByTestId("create-org-slug-error")).toHaveTextContent("That slug is already taken");
    expect(screen.getByTestId("create-org-name")).toHaveValue("Acme");
    expect(screen.getByTestId("create-org-slug")).toHaveValue("acme");
    expect(onCreated).not.toHaveBeenCalled();
    expect(backend.createOrg).toHaveBeenCalledWith({ accountId: "acc_1", org: { name: "Acme", slug: "acme" } });

    // Changing the slug clears the server's message; a new one goes through.
    await userEvent.type(screen.getByTestId("create-org-slug"), "-2");
    expect(screen.queryByTestId("create-org-slug-error")).toBeNull();
    await userEvent.click(screen.getByTestId("create-org-submit"));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
  });

  it("omits the slug when left empty so the server generates it", async () => {
    const { onCreated } = setup();
    await userEvent.type(screen.getByTestId("create-org-name"), "Globex");
    await userEvent.click(screen.getByTestId("create-org-submit"));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(backend.createOrg).toHaveBeenCalledWith({ accountId: "acc_1", org: { name: "Globex" } });
  });

  it("closes on Escape", async () => {
    const { onClose } = setup();
    await userEvent.type(screen.getByTestId("create-org-name"), "x");
    await userEvent.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalled();
  });
});

import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import CreateOrgDialog from "./CreateOrgDialog.svelte";
import { backend, BackendError, ErrorCodes } from "../../lib/backend";
import { fakeBackend, openWorkspace, resetStores } from "../../test/fakeBackend";
import { nav } from "../../lib/stores/nav.svelte";
import { workspace } from "../../lib/stores/workspace.svelte";


beforeEach(async () => {
  resetStores();
  Object.assign(backend, fakeBackend());
  await openWorkspace();
});

function setup() {
  const onClose = vi.fn();
  render(CreateOrgDialog, { onClose });
  return { onClose };
}

/** The new org is listed (from the backend's event) and open, with a confirmation. */
async function created(name: string) {
  await vi.waitFor(() => expect(workspace.orgId).toBe("org_new"));
  expect(workspace.orgList.map((org) => org.name)).toContain(name);
  expect(nav.notice).toBe(`Created ${name}`);
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
    setup();
    vi.mocked(backend.createOrg).mockRejectedValueOnce(
      new BackendError({ code: ErrorCodes.conflict, connectivity: false, message: "That slug is already taken", field: "slug" }),
    );
    await userEvent.type(screen.getByTestId("create-org-name"), "Acme");
    await userEvent.type(screen.getByTestId("create-org-slug"), "acme");
    await userEvent.click(screen.getByTestId("create-org-submit"));
    expect(await screen.findByTestId("create-org-slug-error")).toHaveTextContent("That slug is already taken");
    expect(screen.getByTestId("create-org-name")).toHaveValue("Acme");
    expect(screen.getByTestId("create-org-slug")).toHaveValue("acme");
    expect(workspace.orgId).toBe("org_1");
    expect(backend.createOrg).toHaveBeenCalledWith({ accountId: "acc_1", org: { name: "Acme", slug: "acme" } });

    // Changing the slug clears the server's message; a new one goes through.
    await userEvent.type(screen.getByTestId("create-org-slug"), "-2");
    expect(screen.queryByTestId("create-org-slug-error")).toBeNull();
    await userEvent.click(screen.getByTestId("create-org-submit"));
    await created("Acme");
  });

  it("sends an empty slug as typed: Rust takes it as none, and the server generates one", async () => {
    setup();
    await userEvent.type(screen.getByTestId("create-org-name"), "Globex");
    await userEvent.click(screen.getByTestId("create-org-submit"));
    await created("Globex");
    expect(backend.createOrg).toHaveBeenCalledWith({ accountId: "acc_1", org: { name: "Globex", slug: "" } });
  });

  it("closes on Escape", async () => {
    const { onClose } = setup();
    await userEvent.type(screen.getByTestId("create-org-name"), "x");
    await userEvent.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalled();
  });
});

import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import ConfirmDelete from "./ConfirmDelete.svelte";
import { createRawSnippet } from "svelte";

const body = createRawSnippet(() => ({ render: () => "<p>Sure?</p>" }));

describe("Dialog", () => {
  it("moves focus in, traps Tab inside, and closes on Escape", async () => {
    const onClose = vi.fn();
    const outside = document.createElement("button");
    outside.textContent = "outside";
    document.body.append(outside);
    outside.focus();
    render(ConfirmDelete, {
      title: "Delete thing",
      confirmLabel: "Delete",
      testid: "d",
      typeToConfirm: "thing",
      onConfirm: vi.fn(async () => undefined),
      onClose,
      children: body,
    });
    const input = screen.getByTestId("d-input");
    expect(input).toHaveFocus();
    const dialog = screen.getByTestId("d");
    for (let i = 0; i < 6; i += 1) {
      await userEvent.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await userEvent.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
    await userEvent.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalled();
    outside.remove();
  });
});

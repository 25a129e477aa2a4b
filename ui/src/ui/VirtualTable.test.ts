import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { createRawSnippet, tick } from "svelte";
import { describe, expect, it, vi } from "vitest";
import VirtualTable from "./VirtualTable.svelte";
import { MemoryRows } from "../test/rowSource.svelte";

type Row = { id: string; name: string };
const rows: Row[] = Array.from({ length: 10_000 }, (_, i) => ({ id: `r${i}`, name: `Row ${i}` }));
const cells = createRawSnippet((row: () => Row) => ({
  render: () => `<div role="gridcell">${row().name}</div>`,
}));

/** The table over `source` (the first `count` of the rows), with `over`'s props on top. */
function renderTable(count: number, over: Record<string, unknown> = {}, source = new MemoryRows(rows.slice(0, count))) {
  return render(VirtualTable<Row>, {
    rows: source,
    columns: [{ id: "name", label: "Name" }],
    rowKey: (r: Row) => r.id,
    cells,
    label: "Rows",
    testid: "t",
    rowTestid: "t-row",
    ...over,
  });
}

describe("VirtualTable", () => {
  it("renders only the rows in view out of 10,000", () => {
    renderTable(rows.length);
    const table = screen.getByTestId("t");
    expect(table).toHaveAttribute("data-row-count", "10000");
    expect(table).toHaveAttribute("aria-rowcount", "10001");
    const rendered = screen.getAllByTestId("t-row");
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(60);
    expect(rendered[0]).toHaveTextContent("Row 0");
  });

  it("moves the active row with the keyboard and activates it with Enter", async () => {
    const onActivate = vi.fn();
    renderTable(20, { onActivate });
    screen.getByTestId("t").focus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(onActivate).toHaveBeenCalledWith(rows[2]);
    await userEvent.keyboard("{End}{Enter}");
    expect(onActivate).toHaveBeenLastCalledWith(rows[19]);
    // Space selects it as well where the table has no checks.
    await userEvent.keyboard("{Home} ");
    expect(onActivate).toHaveBeenLastCalledWith(rows[0]);
  });

  it("Space checks the active row where the table has checks (Shift: a range)", async () => {
    const onActivate = vi.fn();
    const onCheck = vi.fn();
    renderTable(20, { onActivate, onCheck, isChecked: (r: Row) => r.id === "r1" });
    expect(screen.getByTestId("t")).toHaveAttribute("aria-multiselectable", "true");
    expect(screen.getAllByTestId("t-row")[1]).toHaveAttribute("aria-selected", "true");
    screen.getByTestId("t").focus();
    await userEvent.keyboard("{ArrowDown} ");
    expect(onCheck).toHaveBeenLastCalledWith(rows[1], 1, false);
    await userEvent.keyboard("{ArrowDown}{Shift>} {/Shift}");
    expect(onCheck).toHaveBeenLastCalledWith(rows[2], 2, true);
    expect(onActivate).not.toHaveBeenCalled();
  });

  it("marks what shows a row's controls: the active row for the keyboard, every check while selecting", async () => {
    renderTable(20);
    const table = screen.getByTestId("t");
    expect(table).not.toHaveClass("checking");
    table.focus();
    await userEvent.keyboard("{ArrowDown}");
    const active = screen.getAllByTestId("t-row").filter((row) => row.classList.contains("active"));
    expect(active.map((row) => row.getAttribute("data-key"))).toEqual(["r1"]);
  });

  it("shows every row's check while a selection is being made", () => {
    renderTable(20, { checking: true });
    expect(screen.getByTestId("t")).toHaveClass("checking");
  });

  it("says which rows it shows, and that its list is being fetched", async () => {
    const source = new MemoryRows(rows);
    renderTable(rows.length, {}, source);
    const table = screen.getByTestId("t");
    const [first, last] = source.shown.at(-1) ?? [-1, -1];
    expect(first).toBe(0);
    expect(last).toBe(screen.getAllByTestId("t-row").length - 1);
    expect(table).toHaveAttribute("aria-busy", "false");
    source.loading = true;
    await tick();
    expect(table).toHaveAttribute("aria-busy", "true");
  });

  it("shows a new list (another search or filter) from its first row, in the render that brings it", async () => {
    const source = new MemoryRows(rows);
    renderTable(rows.length, {}, source);
    const table = screen.getByTestId("t");
    table.scrollTop = 4_000;
    const scrolled = vi.fn();
    table.addEventListener("scroll", scrolled);

    source.count = rows.length - 3; // the same list, changed
    await tick();
    expect(table.scrollTop).toBe(4_000);
    expect(scrolled).not.toHaveBeenCalled();

    source.count = rows.length - 5;
    source.listShown = 1;
    await tick();
    // The virtualizer is told at once: WebKit's own scroll event comes a frame later, jsdom's never.
    expect(table.scrollTop).toBe(0);
    expect(scrolled).toHaveBeenCalledTimes(1);
  });

  it("shows another list (another org's) from its first row", async () => {
    const view = renderTable(rows.length);
    const table = screen.getByTestId("t");
    table.scrollTop = 4_000;
    await view.rerender({ rows: new MemoryRows(rows.slice(0, 5_000)) });
    expect(table.scrollTop).toBe(0);
    expect(table).toHaveAttribute("data-row-count", "5000");
  });
});

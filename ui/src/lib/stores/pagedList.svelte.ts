// A long list on screen held as one window of it: the rows in view and a margin, never
// the whole list. The backend searches, orders and counts in SQLite (`RowWindow` in,
// `Page` out), so what crosses IPC and what the webview keeps stays the same size with
// 30 rows or 100,000. Read stale-while-revalidate like every list (LoadedList); any
// change to its rows (a write's `rows_changed`, a refresh's `cache_updated`) reads the
// window again from the cache, which the backend wrote first.
import { dequal } from "dequal/lite";
import type { CoreEvent, Loaded, Page, ReadMode, RowWindow } from "../backend";
import type { RowChange } from "../bindings/RowChange";
import { LoadedList, type ListKey } from "./loaded.svelte";

/** Rows per window: a few screens of 40 px rows. */
export const WINDOW_ROWS = 300;
/** Rows a new window holds past the view on the side it was read for. */
export const MARGIN = 60;
/**
 * The next window is read once fewer rows than this are held past the view (short of
 * the list's end), so while scrolling the rows arrive before they are needed: no blank
 * row, no second render.
 */
const READ_AHEAD = 40;

export type PageRead<Row> = (window: RowWindow, mode: ReadMode) => Promise<Loaded<Page<Row>>>;

export class PagedList<Row> extends LoadedList<Page<Row>> {
  /** The search the rows on screen answer (behind the one asked for while a read is out). */
  shownSearch = $state("");
  /**
   * Counts the new lists (another search or filter) the rows on screen answer: a table
   * shows each from its first row (`VirtualTable`, through `RowSource`). It moves with the rows
   * that answer the new list, not with the keystroke, so the old rows stay until then.
   */
  listShown = $state(0);
  /** The new lists asked for, counted; and for each page read, the count it answers. */
  private readonly asked: { lists: number; answeredBy: WeakMap<Page<Row>, number> };
  private readonly window: RowWindow;
  /** Whether the first read from the server is done (answered or failed). */
  syncedOnce = false;
  private markSynced: () => void = () => undefined;
  /** Settles when the first read from the server is done. */
  readonly synced: Promise<void> = new Promise((settle) => (this.markSynced = settle));

  constructor(
    key: ListKey,
    private readonly readPage: PageRead<Row>,
    private readonly idOf: (row: Row) => string,
    window: RowWindow = { search: "", offset: 0, limit: WINDOW_ROWS },
  ) {
    const asked = { lists: 0, answeredBy: new WeakMap<Page<Row>, number>() };
    super(key, async (mode) => {
      const list = asked.lists;
      const loaded = await readPage({ ...window }, mode);
      asked.answeredBy.set(loaded.data, list);
      return loaded;
    });
    this.window = window;
    this.asked = asked;
  }

  protected override async firstLoad(): Promise<void> {
    await super.firstLoad();
    this.syncedOnce = true;
    this.markSynced();
  }

  override async load(mode: ReadMode, moved = false): Promise<void> {
    const search = this.window.search;
    await super.load(mode, moved);
    if (this.window.search === search) this.shownSearch = search;
  }

  /** How many rows match the search. */
  get count(): number {
    return this.data?.matching ?? 0;
  }

  /** How many rows the list has. */
  get total(): number {
    return this.data?.total ?? 0;
  }

  /** The row at `index` among the matching rows, if the window holds it. */
  rowAt(index: number): Row | undefined {
    const page = this.data;
    if (page === null) return undefined;
    return page.rows[index - page.offset];
  }

  /** A row of the window by id. */
  find(id: string): Row | undefined {
    return this.data?.rows.find((row) => this.idOf(row) === id);
  }

  /** A row by id from the cache, wherever it is in the list (its id is searched). */
  async lookup(id: string): Promise<Row | undefined> {
    const found = await this.readPage({ search: id, offset: 0, limit: WINDOW_ROWS }, "cache");
    return found.data.rows.find((row) => this.idOf(row) === id);
  }

  /**
   * The table shows rows `first`…`last`: when fewer than `READ_AHEAD` rows are held
   * below them (or above), reads the window that puts them `MARGIN` rows from its top
   * (or its bottom), so scrolling on in that direction reads nothing for a while.
   */
  show(first: number, last: number): void {
    const page = this.data;
    if (page === null) return;
    const end = Math.min(page.matching, page.offset + page.rows.length);
    const below = end >= page.matching ? Infinity : end - (last + 1);
    const above = page.offset === 0 ? Infinity : first - page.offset;
    let offset: number;
    if (below < READ_AHEAD) offset = Math.max(0, first - MARGIN);
    else if (above < READ_AHEAD) offset = Math.max(0, last + 1 + MARGIN - this.window.limit);
    else return;
    if (offset === this.window.offset) return; // already asked for
    this.window.offset = offset;
    void this.load("cache", true);
  }

  /**
   * Keeps the rows that did not change as the same objects, so a moved window
   * re-renders only the rows it brings in. Compared value by value (`dequal`): comparing
   * each pair's JSON made two strings per row, 600 for a window, in a scrolled frame.
   */
  protected override adopt(next: Page<Row>, previous: Page<Row> | null): Page<Row> {
    // Set with the rows, so the table moves to the top in the render that shows them.
    const answers = this.asked.answeredBy.get(next) ?? 0;
    if (answers > this.listShown) this.listShown = answers;
    if (previous === null) return next;
    const held = new Map(previous.rows.map((row) => [this.idOf(row), row]));
    let kept = 0;
    const rows = next.rows.map((row) => {
      const old = held.get(this.idOf(row));
      if (old === undefined || !dequal(old, row)) return row;
      kept += 1;
      return old;
    });
    return kept === 0 ? next : { ...next, rows };
  }

  /** Shows the rows matching `text`, from the first. */
  searchFor(text: string): void {
    if (text === this.window.search) return;
    this.window.search = text;
    this.restart();
  }

  /** Reads the window again from the first row (its rows' selection changed). */
  protected restart(): void {
    this.window.offset = 0;
    this.asked.lists += 1;
    void this.load("cache", true);
  }

  /** Reads the same window again from the cache (e.g. when the clock moved the rows). */
  reread(): void {
    void this.load("cache", true);
  }

  protected override onEvent(event: CoreEvent): void {
    if (event.kind === "rows_changed" && event.rows.resource === this.key.resource && this.concerns(event)) {
      const change = event.rows as RowChange<unknown> as RowChange<Row>;
      if (!this.applyInPlace(change)) void this.load("cache", true);
      return;
    }
    super.onEvent(event);
  }

  /**
   * Whether `change` (rows of the window updated, none added or removed) leaves each
   * row where it is and in the window, so it can be applied without a read. No list's
   * change does, unless it says so.
   */
  protected changesInPlace(_change: RowChange<Row>): boolean {
    return false;
  }

  private applyInPlace(change: RowChange<Row>): boolean {
    const page = this.data;
    if (page === null || change.removed.length > 0 || !this.changesInPlace(change)) return false;
    const updated = new Map(change.upserted.map((row) => [this.idOf(row), row]));
    const shown = new Set(page.rows.map((row) => this.idOf(row)));
    if (![...updated.keys()].every((id) => shown.has(id))) return false;
    this.data = { ...page, rows: page.rows.map((row) => updated.get(this.idOf(row)) ?? row) };
    return true;
  }
}

/** A column of a VirtualTable: `width` is a CSS grid track (default: share the rest). */
export type Column = { id: string; label: string; width?: string };

/**
 * Where a VirtualTable's rows come from: a list held as a window of a longer one
 * (`PagedList`), which reads the rows the table says it shows.
 */
export interface RowSource<T> {
  /** How many rows the list has (loaded or not). */
  readonly count: number;
  /** The row at an index; `undefined` while it is not loaded (an empty line until it is). */
  rowAt(index: number): T | undefined;
  /** The first and last index in view (with the overscan), whenever they change. */
  show(first: number, last: number): void;
  /** Moves when the rows on screen become a new list (another search or filter): the
   *  table then shows it from its first row. */
  readonly listShown: number;
  /** Its rows are being fetched from the server (the table is `aria-busy`). */
  readonly loading: boolean;
}

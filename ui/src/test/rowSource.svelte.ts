// A table's rows held in memory, as a PagedList holds a window of them: what
// VirtualTable's tests render, and what they change between renders.
import type { RowSource } from "../ui/table";

export class MemoryRows<T> implements RowSource<T> {
  count = $state(0);
  listShown = $state(0);
  loading = $state(false);
  /** Every range the table said it shows, in order. */
  readonly shown: [number, number][] = [];

  constructor(private readonly rows: readonly T[]) {
    this.count = rows.length;
  }

  rowAt(index: number): T | undefined {
    return index < this.count ? this.rows[index] : undefined;
  }

  show(first: number, last: number): void {
    this.shown.push([first, last]);
  }
}

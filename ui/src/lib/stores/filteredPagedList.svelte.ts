// A PagedList whose reads also carry a filter of the screen's own (the Tokens table's
// project and status, the Activity tab's action and days): changing it shows the rows
// it selects from the first. The filter is read by every page read, so it is held in a
// box the read closes over.
import { dequal } from "dequal/lite";
import type { Loaded, Page, ReadMode, RowWindow } from "../backend";
import type { ListKey } from "./loaded.svelte";
import { PagedList } from "./pagedList.svelte";

export class FilteredPagedList<Row, Filter> extends PagedList<Row> {
  private readonly query: { filter: Filter };

  constructor(
    key: ListKey,
    read: (window: RowWindow, mode: ReadMode, filter: Filter) => Promise<Loaded<Page<Row>>>,
    idOf: (row: Row) => string,
    initial: Filter,
  ) {
    const query = { filter: initial };
    super(key, (window, mode) => read(window, mode, query.filter), idOf);
    this.query = query;
  }

  get filter(): Filter {
    return this.query.filter;
  }

  /** Shows the rows `filter` selects, from the first. */
  filterBy(filter: Filter): void {
    if (dequal(filter, this.query.filter)) return;
    this.query.filter = filter;
    this.restart();
  }
}

/**
 * The DataGrid model of a table read by row groups (a Parquet object read by ranges): the row
 * count comes from the footer, and `data()` answers from decoded row groups held in a bounded
 * cache. A cell of a row group not yet read shows a placeholder and asks for its group; the group
 * is read (one at a time, the most recently asked first, so the place scrolled to comes before
 * the places scrolled past), and its cells are repainted when it arrives.
 */
import { DataModel } from '@lumino/datagrid';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { GroupColumns, ParquetPages, ValueHints } from '../../service/table-pages';
import { GroupCache, groupOfRow, groupsForRows } from './table-paging';
import type { GroupCacheBounds } from './table-paging';
import { NULL_TEXT } from './table-grid-model';

/** Longest text drawn in a cell; the grid measures text to elide it, so huge values cost. */
const MAX_CELL_TEXT = 500;

/** Default bounds: decoded groups are estimated at their uncompressed size. */
export const DEFAULT_GROUP_BOUNDS: GroupCacheBounds = { maxGroups: 64, maxBytes: 96 * 1024 * 1024 };

/** What the model needs besides the pages. */
export interface IPagedGridOptions {
  /** How each column's values become text (engine functions, loaded with the pages). */
  valueText: (value: unknown, hints: ValueHints) => string | null;
  hintsFor: (typeName: string) => ValueHints;
  /** The text of a cell whose row group is being read. */
  loadingText: string;
  /** The text of a cell whose row group could not be read. */
  failedText: string;
  /** The cache's bounds. */
  bounds?: GroupCacheBounds;
}

/** The grid's model of a {@link ParquetPages}. */
export class PagedGridModel extends DataModel {
  constructor(
    readonly pages: ParquetPages,
    private readonly _options: IPagedGridOptions
  ) {
    super();
    this._cache = new GroupCache<GroupColumns>(_options.bounds ?? DEFAULT_GROUP_BOUNDS);
    this._hints = pages.fields.map(field => _options.hintsFor(field.typeName));
  }

  /** A row group was read (its index), or could not be (the error). */
  get groupLoaded(): ISignal<this, { group: number; error?: unknown }> {
    return this._groupLoaded;
  }

  /** The row groups held, least recently used first. */
  get heldGroups(): number[] {
    return this._cache.held;
  }

  /** How many row groups have been read so far (re-reads after eviction included). */
  get groupReads(): number {
    return this._reads;
  }

  rowCount(region: DataModel.RowRegion): number {
    return region === 'body' ? this.pages.numRows : 2;
  }

  columnCount(region: DataModel.ColumnRegion): number {
    return region === 'body' ? this.pages.fields.length : 1;
  }

  data(region: DataModel.CellRegion, row: number, column: number): string {
    switch (region) {
      case 'corner-header':
        return row === 0 ? 'row' : '';
      case 'column-header': {
        const field = this.pages.fields[column];
        return row === 0 ? field.name : field.typeName;
      }
      case 'row-header':
        return String(row + 1);
      default:
        return this.cell(row, column);
    }
  }

  /**
   * The text of a body cell, or the placeholder while its row group is read.
   * @param row - the row.
   * @param column - the column.
   * @returns the text.
   */
  cell(row: number, column: number): string {
    const group = groupOfRow(this.pages.groups, row);
    if (group < 0) {
      return '';
    }
    const columns = this._cache.get(group);
    this._scheduleEndFrame();
    if (!columns) {
      if (this._failed.has(group)) {
        return this._options.failedText;
      }
      this._want(group);
      return this._options.loadingText;
    }
    const text = this._options.valueText(columns[column][row - this.pages.groups[group].start], this._hints[column]);
    if (text === null) {
      return NULL_TEXT;
    }
    return text.length > MAX_CELL_TEXT ? `${text.slice(0, MAX_CELL_TEXT)}…` : text;
  }

  /**
   * Read the row groups of some rows, if not held (the first rows before the grid shows).
   * @param first - the first row.
   * @param last - the last row (inclusive).
   * @throws the read's error, if one fails.
   */
  async ensureRows(first: number, last: number): Promise<void> {
    for (const group of groupsForRows(this.pages.groups, first, last)) {
      if (!this._cache.get(group)) {
        await this._read(group);
        const error = this._failed.get(group);
        if (error !== undefined) {
          throw error;
        }
      }
    }
  }

  /**
   * The longest text of each column among its header and first rows (those already read), to
   * size the columns.
   * @param sampleRows - how many rows to look at.
   * @returns one count per column.
   */
  widestTexts(sampleRows = 50): number[] {
    const rows = Math.min(sampleRows, this.pages.groups[0]?.rows ?? 0);
    return this.pages.fields.map((field, column) => {
      let widest = Math.max(Math.ceil(field.name.length * 1.15), field.typeName.length);
      for (let row = 0; row < rows; row++) {
        widest = Math.max(widest, this.cell(row, column).length);
      }
      return widest;
    });
  }

  /** Stop reading: queued groups are forgotten and arriving ones dropped. */
  dispose(): void {
    this._disposed = true;
    this._queue.length = 0;
    this._cache.clear();
  }

  /** A paint of the grid asks for its cells in one task: the frame ends after it. */
  private _scheduleEndFrame(): void {
    if (!this._frameEnding) {
      this._frameEnding = true;
      setTimeout(() => {
        this._frameEnding = false;
        this._cache.endFrame();
      }, 0);
    }
  }

  /** Queue a group (most recent first) and start reading if idle. */
  private _want(group: number): void {
    if (this._disposed || this._pending.has(group)) {
      return;
    }
    const queued = this._queue.indexOf(group);
    if (queued >= 0) {
      this._queue.splice(queued, 1);
    }
    this._queue.push(group);
    if (!this._draining) {
      void this._drain();
    }
  }

  /** Read the queued groups one at a time, the most recently asked first. */
  private async _drain(): Promise<void> {
    this._draining = true;
    try {
      while (!this._disposed && this._queue.length) {
        const group = this._queue.pop()!;
        // Held already, or scrolled past before its turn came: not read.
        if (this._cache.held.includes(group) || !this._cache.inUse(group)) {
          continue;
        }
        await this._read(group);
      }
    } finally {
      this._draining = false;
    }
  }

  /** Read one group, hold it, and repaint its rows. */
  private async _read(group: number): Promise<void> {
    if (this._pending.has(group)) {
      return this._pending.get(group);
    }
    const run = (async () => {
      try {
        const columns = await this.pages.readGroup(group);
        this._reads++;
        if (this._disposed) {
          return;
        }
        this._failed.delete(group);
        this._cache.set(group, columns, this.pages.groups[group].bytes);
        this._groupLoaded.emit({ group });
      } catch (error) {
        if (this._disposed) {
          return;
        }
        this._failed.set(group, error);
        this._groupLoaded.emit({ group, error });
      } finally {
        this._pending.delete(group);
      }
      const { start, rows } = this.pages.groups[group];
      this.emitChanged({
        type: 'cells-changed',
        region: 'body',
        row: start,
        column: 0,
        rowSpan: rows,
        columnSpan: this.pages.fields.length
      });
    })();
    this._pending.set(group, run);
    return run;
  }

  private readonly _cache: GroupCache<GroupColumns>;
  private readonly _hints: ValueHints[];
  private readonly _queue: number[] = [];
  private readonly _pending = new Map<number, Promise<void>>();
  private readonly _failed = new Map<number, unknown>();
  private readonly _groupLoaded = new Signal<this, { group: number; error?: unknown }>(this);
  private _draining = false;
  private _reads = 0;
  private _disposed = false;
  private _frameEnding = false;
}

/**
 * The result of a table diff: compact typed arrays (one byte of status and two Int32 row numbers
 * per aligned row, one bitset per changed row) plus references to both tables, from which cell
 * text is read on demand. Nothing is materialised per row, so a million rows stay small.
 */
import type { Data, Table } from 'apache-arrow';
import type { Alignment, DuplicateKeys } from './table-align';
import { RowStatus } from './table-align';
import { batchStarts, chunkOf } from './table-chunks';
import type { ColumnDiff } from './table-columns';
import { formatValue } from './table-format';

/** Which table. */
export type Side = 'left' | 'right';

/** Rows per status. */
export interface RowCounts {
  same: number;
  changed: number;
  added: number;
  removed: number;
}

/** What {@link TableDiff} is built from (see diffTables). */
export interface TableDiffParts {
  left: Table;
  right: Table;
  keyColumns: string[];
  columns: ColumnDiff[];
  alignment: Alignment;
  changedRows: Int32Array;
  cellBits: Uint32Array;
  wordsPerRow: number;
  counts: RowCounts;
}

/** The difference between two tables. */
export class TableDiff {
  /** The left (older) table. */
  readonly left: Table;
  /** The right (newer) table. */
  readonly right: Table;
  /** The key columns rows were matched on; empty when matched by position. */
  readonly keyColumns: string[];
  /** Every column of either table: right's order, then removed ones. */
  readonly columns: ColumnDiff[];
  /** Number of aligned rows. */
  readonly rowCount: number;
  /** Per aligned row, a {@link RowStatus} code. */
  readonly status: Uint8Array;
  /** Left table row of each aligned row, -1 when none (added). */
  readonly leftRow: Int32Array;
  /** Right table row of each aligned row, -1 when none (removed). */
  readonly rightRow: Int32Array;
  /** The aligned rows whose status is not Same, ascending (the "changes only" view). */
  readonly changedRows: Int32Array;
  /** `wordsPerRow` words per entry of `changedRows`: bit c set when column c changed. */
  readonly cellBits: Uint32Array;
  /** Words of `cellBits` per changed row: ceil(columns / 32). */
  readonly wordsPerRow: number;
  /** Rows per status. */
  readonly counts: RowCounts;
  /** Key values occurring more than once per table (paired in order of occurrence). */
  readonly duplicateKeys: DuplicateKeys;
  /** Total changed cells. */
  readonly changedCells: number;

  private readonly _starts: Record<Side, number[]>;

  /**
   * Assemble a diff (diffTables does this).
   * @param parts - its parts.
   */
  constructor(parts: TableDiffParts) {
    this.left = parts.left;
    this.right = parts.right;
    this.keyColumns = parts.keyColumns;
    this.columns = parts.columns;
    this.rowCount = parts.alignment.rowCount;
    this.status = parts.alignment.status;
    this.leftRow = parts.alignment.leftRow;
    this.rightRow = parts.alignment.rightRow;
    this.duplicateKeys = parts.alignment.duplicates;
    this.changedRows = parts.changedRows;
    this.cellBits = parts.cellBits;
    this.wordsPerRow = parts.wordsPerRow;
    this.counts = parts.counts;
    this.changedCells = parts.columns.reduce((n, c) => n + c.changedCells, 0);
    this._starts = { left: batchStarts(parts.left), right: batchStarts(parts.right) };
  }

  /** Whether rows were matched by key columns (else by position). */
  get byKey(): boolean {
    return this.keyColumns.length > 0;
  }

  /** Whether any column was added, removed or changed type. */
  get schemaChanged(): boolean {
    return this.columns.some(c => c.status !== 'same');
  }

  /** Whether the tables are equal (same schema, no row added, removed or changed). */
  get identical(): boolean {
    return !this.schemaChanged && this.changedRows.length === 0;
  }

  /**
   * The index of an aligned row in `changedRows` (binary search), or -1.
   * @param row - an aligned row.
   * @returns its index, or -1 when the row is unchanged.
   */
  changedIndex(row: number): number {
    const rows = this.changedRows;
    let lo = 0;
    let hi = rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = rows[mid];
      if (v === row) {
        return mid;
      }
      if (v < row) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  /**
   * Whether a cell changed (only rows on both sides have changed cells).
   * @param row - an aligned row.
   * @param column - an index into `columns`.
   * @returns true when the two sides' values differ.
   */
  isCellChanged(row: number, column: number): boolean {
    if (this.status[row] !== RowStatus.Changed) {
      return false;
    }
    const at = this.changedIndex(row);
    return at >= 0 && (this.cellBits[at * this.wordsPerRow + (column >> 5)] & (1 << (column & 31))) !== 0;
  }

  /**
   * The columns that changed in a row.
   * @param row - an aligned row.
   * @returns indices into `columns`.
   */
  changedColumns(row: number): number[] {
    const out: number[] = [];
    for (let c = 0; c < this.columns.length; c++) {
      if (this.isCellChanged(row, c)) {
        out.push(c);
      }
    }
    return out;
  }

  /**
   * A table row's batch and index in it, for one column.
   * @param side - which table.
   * @param tableRow - the row in that table.
   * @param tableColumn - the column index in that table.
   * @returns the batch Data and local index.
   */
  private _locate(side: Side, tableRow: number, tableColumn: number): [Data, number] {
    const table = side === 'left' ? this.left : this.right;
    const starts = this._starts[side];
    const chunk = chunkOf(starts, tableRow);
    return [table.batches[chunk].data.children[tableColumn], tableRow - starts[chunk]];
  }

  /**
   * The display text of a cell on one side.
   * @param side - which table.
   * @param row - an aligned row.
   * @param column - an index into `columns`.
   * @returns the text; null for a null value; undefined when that side has no such row or column.
   */
  cellText(side: Side, row: number, column: number): string | null | undefined {
    const tableRow = side === 'left' ? this.leftRow[row] : this.rightRow[row];
    const col = this.columns[column];
    const tableColumn = side === 'left' ? col?.leftIndex : col?.rightIndex;
    if (tableRow === undefined || tableRow < 0 || tableColumn === undefined || tableColumn < 0) {
      return undefined;
    }
    return formatValue(...this._locate(side, tableRow, tableColumn));
  }

  /**
   * The key of a table row as text (`a, b` for a composite key), e.g. to show a duplicate.
   * @param side - which table.
   * @param tableRow - the row in that table.
   * @returns the key text, or '' when aligned by position.
   */
  keyText(side: Side, tableRow: number): string {
    const table = side === 'left' ? this.left : this.right;
    return this.keyColumns
      .map(name => {
        const index = table.schema.fields.findIndex(f => f.name === name);
        return formatValue(...this._locate(side, tableRow, index)) ?? 'null';
      })
      .join(', ');
  }
}

/**
 * The DataGrid model of a table diff: one grid row per aligned row (all of them, or only the
 * added, removed and changed ones), one grid column per column of either table. Cell text is
 * read from the Arrow tables when the grid paints a cell, so only visible cells cost anything.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { DataModel } from '@lumino/datagrid';
import { RowStatus } from '../../service/diff/table';
import type { TableDiff } from '../../service/diff/table';

/** What a body cell shows, for the renderer's colours. */
export type CellState = 'same' | 'changed-row' | 'changed-cell' | 'added' | 'removed';

/** How a null value is shown. */
export const NULL_TEXT = '∅';

/** Longest text drawn in a cell; the grid measures text to elide it, so huge values cost. */
const MAX_CELL_TEXT = 500;

/** Signs of the row header by status. */
const SIGNS: Record<number, string> = {
  [RowStatus.Same]: ' ',
  [RowStatus.Changed]: '~',
  [RowStatus.Added]: '+',
  [RowStatus.Removed]: '−'
};

/** A value for display: null as ∅, missing as empty, long text cut. */
function shown(text: string | null | undefined): string {
  if (text === undefined) {
    return '';
  }
  if (text === null) {
    return NULL_TEXT;
  }
  return text.length > MAX_CELL_TEXT ? `${text.slice(0, MAX_CELL_TEXT)}…` : text;
}

/** The grid's model of a {@link TableDiff}. */
export class TableDiffModel extends DataModel {
  /**
   * @param diff - the diff shown.
   * @param trans - translations.
   * @param changesOnly - show only added, removed and changed rows.
   */
  constructor(
    readonly diff: TableDiff,
    private readonly _trans: TranslationBundle,
    private _changesOnly = false
  ) {
    super();
  }

  /** Whether only added, removed and changed rows are shown. */
  get changesOnly(): boolean {
    return this._changesOnly;
  }

  set changesOnly(value: boolean) {
    if (value !== this._changesOnly) {
      this._changesOnly = value;
      this.emitChanged({ type: 'model-reset' });
    }
  }

  /**
   * The aligned row (index into the diff's arrays) of a grid row.
   * @param row - a body row of the grid.
   * @returns the aligned row.
   */
  alignedRow(row: number): number {
    return this._changesOnly ? this.diff.changedRows[row] : row;
  }

  rowCount(region: DataModel.RowRegion): number {
    if (region === 'column-header') {
      return 1;
    }
    return this._changesOnly ? this.diff.changedRows.length : this.diff.rowCount;
  }

  columnCount(region: DataModel.ColumnRegion): number {
    return region === 'row-header' ? 1 : this.diff.columns.length;
  }

  data(region: DataModel.CellRegion, row: number, column: number): string {
    switch (region) {
      case 'body':
        return this.cellText(row, column);
      case 'column-header':
        return this.columnTitle(column);
      case 'row-header':
        return this.rowTitle(row);
      default:
        return this._trans.__('row');
    }
  }

  /**
   * The text of a body cell: `old → new` for a changed cell, else the value of the side that
   * has it.
   * @param row - a body row of the grid.
   * @param column - a column index.
   * @returns the text.
   */
  cellText(row: number, column: number): string {
    const aligned = this.alignedRow(row);
    const right = this.diff.cellText('right', aligned, column);
    const left = this.diff.cellText('left', aligned, column);
    // A cell only one side has (an added column) is its value, never "→ value".
    if (this.diff.isCellChanged(aligned, column) && left !== undefined && right !== undefined) {
      return `${shown(left)} → ${shown(right)}`;
    }
    return shown(right !== undefined ? right : left);
  }

  /**
   * A column's header: its name, marked when added (+), removed (−), a key, or of another type.
   * @param column - a column index.
   * @returns the text.
   */
  columnTitle(column: number): string {
    const c = this.diff.columns[column];
    const name = c.isKey ? this._trans.__('%1 (key)', c.name) : c.name;
    switch (c.status) {
      case 'added':
        return `+ ${name}`;
      case 'removed':
        return `− ${name}`;
      case 'type-changed':
        return `${name}: ${c.leftType} → ${c.rightType}`;
      default:
        return name;
    }
  }

  /**
   * A row header: its sign (+ − ~) and its row numbers (1-based) on the left and right. A row
   * only one side has shows just its number on that side: an added row is a row of the new table,
   * a removed row one of the old (an arrow from or to nothing read as a value, "+ → 15").
   * @param row - a body row of the grid.
   * @returns e.g. `~ 12 → 14`, `+ 15`, `− 7`, or `8` for a same row in place.
   */
  rowTitle(row: number): string {
    const aligned = this.alignedRow(row);
    const status = this.diff.status[aligned];
    const l = this.diff.leftRow[aligned];
    const r = this.diff.rightRow[aligned];
    const sign = SIGNS[status];
    if (l >= 0 && l === r) {
      return `${sign} ${l + 1}`.trim();
    }
    if (l < 0 || r < 0) {
      return `${sign} ${Math.max(l, r) + 1}`.trim();
    }
    return `${sign} ${l >= 0 ? l + 1 : ''} → ${r >= 0 ? r + 1 : ''}`.replace(/ +/g, ' ').trim();
  }

  /**
   * How a body cell is painted.
   * @param row - a body row of the grid.
   * @param column - a column index.
   * @returns its state.
   */
  cellState(row: number, column: number): CellState {
    const aligned = this.alignedRow(row);
    switch (this.diff.status[aligned]) {
      case RowStatus.Added:
        return 'added';
      case RowStatus.Removed:
        return 'removed';
      case RowStatus.Changed:
        return this.diff.isCellChanged(aligned, column) ? 'changed-cell' : 'changed-row';
      default:
        return 'same';
    }
  }
}

/**
 * The DataGrid model of one Arrow table, for the table viewer: a row per table row, a column per
 * field, two header rows (the field's name, then its type as pyarrow names it). Cell text is formatted from the
 * Arrow buffers when the grid paints a cell, so a million rows cost nothing until seen.
 */
import type { Table } from 'apache-arrow';
import { DataModel } from '@lumino/datagrid';
import { batchStarts, chunkOf } from '../../service/diff/table-chunks';
import { formatValue } from '../../service/diff/table-format';
import { pyarrowTypeName } from '../../service/formats/arrow-type-name';

/** How a null value is shown. */
export const NULL_TEXT = '∅';

/** Longest text drawn in a cell; the grid measures text to elide it, so huge values cost. */
const MAX_CELL_TEXT = 500;

/** The grid's model of an Arrow {@link Table}. */
export class ArrowGridModel extends DataModel {
  /**
   * @param table - the table shown.
   */
  constructor(readonly table: Table) {
    super();
    this._starts = batchStarts(table);
  }

  rowCount(region: DataModel.RowRegion): number {
    return region === 'body' ? this.table.numRows : 2;
  }

  columnCount(region: DataModel.ColumnRegion): number {
    return region === 'body' ? this.table.numCols : 1;
  }

  data(region: DataModel.CellRegion, row: number, column: number): string {
    switch (region) {
      case 'corner-header':
        return row === 0 ? 'row' : '';
      case 'column-header': {
        const field = this.table.schema.fields[column];
        return row === 0 ? field.name : pyarrowTypeName(field.type);
      }
      case 'row-header':
        // 1-based, as JupyterLab's CSV viewer, spreadsheets and the table diff count rows.
        return String(row + 1);
      default:
        return this.cell(row, column);
    }
  }

  /**
   * The longest text (in characters) of each column among its header and first rows, to size
   * the columns: a timestamp column needs more room than an int column.
   * @param sampleRows - how many rows to look at.
   * @returns one count per column.
   */
  widestTexts(sampleRows = 50): number[] {
    const rows = Math.min(sampleRows, this.table.numRows);
    return this.table.schema.fields.map((field, column) => {
      // The name is drawn in the bold UI font, wider than the monospace values: count it a bit more.
      let widest = Math.max(Math.ceil(field.name.length * 1.15), this.data('column-header', 1, column).length);
      for (let row = 0; row < rows; row++) {
        widest = Math.max(widest, this.cell(row, column).length);
      }
      return widest;
    });
  }

  /**
   * The text of a body cell.
   * @param row - the table row.
   * @param column - the field's index.
   * @returns the value as text: ∅ for null, long text cut.
   */
  cell(row: number, column: number): string {
    const batch = chunkOf(this._starts, row);
    const data = this.table.batches[batch].data.children[column];
    const text = formatValue(data, row - this._starts[batch]);
    if (text === null) {
      return NULL_TEXT;
    }
    return text.length > MAX_CELL_TEXT ? `${text.slice(0, MAX_CELL_TEXT)}…` : text;
  }

  private readonly _starts: number[];
}

/**
 * The cell renderers of the table diff grid: added rows tinted green, removed rows red, changed
 * cells strongly highlighted (their text is `old → new`, see table-model.ts); column headers
 * coloured by what happened to the column. Canvas text: nothing is parsed as HTML.
 */
import { CellRenderer, RendererMap, TextRenderer } from '@lumino/datagrid';
import type { TableDiffModel } from '../../models/table/table-diff-grid-model';
import type { TableDiffColors } from './table-theme';

/**
 * Renderers for the grid of a table diff.
 * @param model - the current model (read at paint time, so the model can be swapped).
 * @param c - the colours.
 * @returns the renderer map to give the grid.
 */
export function diffRenderers(model: () => TableDiffModel | null, c: TableDiffColors): RendererMap {
  const body = new TextRenderer({
    font: c.font,
    textColor: c.text,
    elideDirection: 'right',
    backgroundColor: (config: CellRenderer.CellConfig) => {
      switch (model()?.cellState(config.row, config.column)) {
        case 'added':
          return c.addedRow;
        case 'removed':
          return c.removedRow;
        case 'changed-cell':
          return c.changedCell;
        case 'changed-row':
          return c.changedRow;
        default:
          return '';
      }
    }
  });
  const columnHeader = new TextRenderer({
    font: c.headerFont,
    elideDirection: 'right',
    textColor: (config: CellRenderer.CellConfig) => {
      switch (model()?.diff.columns[config.column]?.status) {
        case 'added':
          return c.addedColumnText;
        case 'removed':
          return c.removedColumnText;
        case 'type-changed':
          return c.typeChangedColumnText;
        default:
          return c.headerText;
      }
    }
  });
  const rowHeader = new TextRenderer({
    font: c.font,
    textColor: c.mutedText,
    horizontalAlignment: 'right',
    backgroundColor: (config: CellRenderer.CellConfig) => {
      switch (model()?.cellState(config.row, 0)) {
        case 'added':
          return c.addedRow;
        case 'removed':
          return c.removedRow;
        case 'changed-cell':
        case 'changed-row':
          return c.changedRow;
        default:
          return '';
      }
    }
  });
  return new RendererMap({ body, 'column-header': columnHeader, 'row-header': rowHeader, 'corner-header': columnHeader });
}

/**
 * Renderers for a plain table (the Parquet/Arrow viewer): theme text on the theme background;
 * two column-header rows, the field's name in bold, then its type muted.
 * @param c - the colours.
 * @returns the renderer map to give the grid.
 */
export function plainRenderers(c: TableDiffColors): RendererMap {
  const body = new TextRenderer({ font: c.font, textColor: c.text, elideDirection: 'right' });
  const columnHeader = new TextRenderer({
    font: (config: CellRenderer.CellConfig) => (config.row === 0 ? c.headerFont : c.font),
    textColor: (config: CellRenderer.CellConfig) => (config.row === 0 ? c.headerText : c.mutedText),
    elideDirection: 'right'
  });
  const rowHeader = new TextRenderer({ font: c.font, textColor: c.mutedText, horizontalAlignment: 'right' });
  return new RendererMap({ body, 'column-header': columnHeader, 'row-header': rowHeader, 'corner-header': columnHeader });
}

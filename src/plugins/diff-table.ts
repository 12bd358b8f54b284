/**
 * Plugin: the Table diff provider (CSV, TSV, Parquet, Arrow IPC/Feather): schema changes, row
 * counts, added / removed / changed rows by key (or position) and changed cells, in a
 * virtualized grid. The engine (apache-arrow, parquet-wasm) and the view load on first use.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IThemeManager } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { TABLE_MAX_BYTES, tableFormatFor } from '../service/diff/table-kind';
import { IDiffContext, IDiffProviders } from '../tokens';

/**
 * How well the table view handles a key: 50 for table extensions and content types, else 0.
 * @param key - the object key.
 * @param contentType - its Content-Type, if known.
 * @returns the rank.
 */
export function tableRank(key: string, contentType?: string): number {
  return tableFormatFor(key, contentType) ? 50 : 0;
}

export const diffTablePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:diff-table',
  description: 'Compares tables (CSV, TSV, Parquet, Arrow) row by row and cell by cell.',
  autoStart: true,
  requires: [IDiffProviders],
  optional: [ITranslator, IThemeManager],
  activate: (
    _app: JupyterFrontEnd,
    providers: IDiffProviders,
    translator: ITranslator | null,
    themeManager: IThemeManager | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    providers.register({
      id: 'table',
      label: trans.__('Table'),
      maxBytes: TABLE_MAX_BYTES,
      rank: tableRank,
      createView: async (context: IDiffContext) => {
        // The table engine (apache-arrow, parquet-wasm) and the view are chunks of their own.
        const [{ diffTableSides }, { TableDiffView }] = await Promise.all([
          import('../models/table/table-diff-run'),
          import('../widgets/diff/TableDiffView')
        ]);
        // Start with an id-like column both sides have, else by position; the view's picker
        // re-runs the diff with another key.
        const diff = await diffTableSides(context);
        return new TableDiffView({ diff, trans, themeChanged: themeManager?.themeChanged });
      }
    });
  }
};

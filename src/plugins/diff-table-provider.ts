/**
 * The Table diff provider (registered by `diff-table.ts`): CSV, TSV, Parquet, Arrow IPC/Feather,
 * compared by key (or position) in a virtualized grid. Reading and diffing is
 * `models/table/table-diff-run.ts`; this file only makes the provider, so tests use the one the
 * lab has.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ISignal } from '@lumino/signaling';
import { TABLE_MAX_BYTES, tableFormatFor } from '../service/diff/table-kind';
import type { IDiffContext, IDiffProvider } from '../tokens';

/**
 * How well the table view handles a key: 50 for table extensions and content types, else 0.
 * @param key - the object key.
 * @param contentType - its Content-Type, if known.
 * @returns the rank.
 */
export function tableRank(key: string, contentType?: string): number {
  return tableFormatFor(key, contentType) ? 50 : 0;
}

/**
 * The Table provider.
 * @param trans - translations.
 * @param themeChanged - JupyterLab's theme changes (the grid's colours are read again).
 * @returns the provider.
 */
export function tableProvider(trans: TranslationBundle, themeChanged?: ISignal<unknown, unknown>): IDiffProvider {
  return {
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
      return new TableDiffView({ diff, trans, themeChanged });
    }
  };
}

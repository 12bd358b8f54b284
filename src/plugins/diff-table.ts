/**
 * Plugin: the Table diff provider (CSV, TSV, Parquet, Arrow IPC/Feather): schema changes, row
 * counts, added / removed / changed rows by key (or position) and changed cells, in a
 * virtualized grid. The engine (apache-arrow, parquet-wasm) and the view load on first use.
 * The provider is `diff-table-provider.ts`.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IThemeManager } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IDiffProviders } from '../tokens';
import { tableProvider } from './diff-table-provider';

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
    providers.register(tableProvider(trans, themeManager?.themeChanged));
  }
};

/**
 * Plugin: the Notebook diff provider: cell by cell (matched by id or content), outputs as text.
 */
import { notebookRank } from '../models/diff-ranks';
import { loadNotebookDiff } from '../models/engine';
import { diffProviderPlugin } from './diff-provider-plugin';

/** Bytes per side the notebook view loads without asking (outputs with images are big). */
const NOTEBOOK_MAX_BYTES = 30 * 1024 * 1024;

export const diffNotebookPlugin = diffProviderPlugin({
  pluginId: 'jupyterlab-helium:diff-notebook',
  description: 'Compares Jupyter notebooks cell by cell.',
  providerId: 'notebook',
  label: trans => trans.__('Notebook'),
  maxBytes: NOTEBOOK_MAX_BYTES,
  rank: notebookRank,
  read: 'text',
  load: () => Promise.all([loadNotebookDiff(), import('../widgets/diff/NotebookDiffView')]),
  view: ([engine, { NotebookDiffView }], a, b, _context, trans) =>
    new NotebookDiffView(
      engine.diffNotebooks(engine.parseNotebookSide(a, trans.__('Version A')), engine.parseNotebookSide(b, trans.__('Version B'))),
      trans
    )
});

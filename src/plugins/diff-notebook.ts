/**
 * Plugin: the Notebook diff provider: cell by cell (matched by id or content), outputs as text.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IDiffContext, IDiffProviders } from '../tokens';
import { notebookRank } from '../widgets/diff/ranks';

/** Bytes per side the notebook view loads without asking (outputs with images are big). */
const NOTEBOOK_MAX_BYTES = 30 * 1024 * 1024;

export const diffNotebookPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:diff-notebook',
  description: 'Compares Jupyter notebooks cell by cell.',
  autoStart: true,
  requires: [IDiffProviders],
  optional: [ITranslator],
  activate: (_app: JupyterFrontEnd, providers: IDiffProviders, translator: ITranslator | null): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    providers.register({
      id: 'notebook',
      label: trans.__('Notebook'),
      maxBytes: NOTEBOOK_MAX_BYTES,
      rank: notebookRank,
      createView: async (context: IDiffContext) => {
        const { left, right } = context.request;
        const [a, b, engine, { NotebookDiffView }] = await Promise.all([
          context.readText(left),
          context.readText(right),
          import('../service/diff/notebook'),
          import('../widgets/diff/NotebookDiffView')
        ]);
        const diff = engine.diffNotebooks(
          engine.parseNotebookSide(a, trans.__('Version A')),
          engine.parseNotebookSide(b, trans.__('Version B'))
        );
        return new NotebookDiffView(diff, trans);
      }
    });
  }
};

/**
 * Plugin: the JSON diff provider: a structural diff listing changed paths with old and new values.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IDiffContext, IDiffProviders } from '../tokens';
import { jsonRank } from '../widgets/diff/ranks';

/** Bytes per side the JSON view loads without asking. */
const JSON_MAX_BYTES = 20 * 1024 * 1024;

export const diffJsonPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:diff-json',
  description: 'Compares JSON documents path by path.',
  autoStart: true,
  requires: [IDiffProviders],
  optional: [ITranslator],
  activate: (_app: JupyterFrontEnd, providers: IDiffProviders, translator: ITranslator | null): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    providers.register({
      id: 'json',
      label: trans.__('JSON'),
      maxBytes: JSON_MAX_BYTES,
      rank: jsonRank,
      createView: async (context: IDiffContext) => {
        const { left, right } = context.request;
        const [a, b, engine, { JsonDiffView }] = await Promise.all([
          context.readText(left),
          context.readText(right),
          import('../service/diff/json'),
          import('../widgets/diff/JsonDiffView')
        ]);
        const diff = engine.diffJsonValues(
          engine.parseJsonSide(a, trans.__('Version A')),
          engine.parseJsonSide(b, trans.__('Version B'))
        );
        return new JsonDiffView(diff, trans);
      }
    });
  }
};

/**
 * Plugin: the Summary diff provider, for every file: sizes, checksums, ETags and whether the
 * content is identical (by checksum, size, or SHA-256 of the bytes when nothing else decides).
 * What it reads and decides is in `models/diff-summary.ts`.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { FALLBACK_PROVIDER_ID } from '../models/diff-registry';
import { IDiffContext, IDiffProviders } from '../tokens';

export const diffFallbackPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:diff-fallback',
  description: 'Compares any two versions by size and checksum.',
  autoStart: true,
  requires: [IDiffProviders],
  optional: [ITranslator],
  activate: (_app: JupyterFrontEnd, providers: IDiffProviders, translator: ITranslator | null): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    providers.register({
      id: FALLBACK_PROVIDER_ID,
      label: trans.__('Summary'),
      // The summary reads nothing up front; it caps its own hashing (HASH_MAX_BYTES, "Load anyway").
      maxBytes: Number.POSITIVE_INFINITY,
      rank: () => 1,
      createView: async (context: IDiffContext) => {
        const [{ summarizeSides }, { SummaryDiffView }] = await Promise.all([
          import('../models/diff-summary'),
          import('../widgets/diff/SummaryDiffView')
        ]);
        const { request, decision, compareContent } = await summarizeSides(context);
        return new SummaryDiffView({ request, decision, compareContent, signal: context.signal, trans });
      }
    });
  }
};

/**
 * Plugin: the Summary diff provider, for every file: sizes, checksums, ETags and whether the
 * content is identical (by checksum, size, or SHA-256 of the bytes when nothing else decides).
 * The provider is `diff-summary-provider.ts`; what it reads and decides, `models/diff-summary.ts`.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IDiffProviders } from '../tokens';
import { summaryProvider } from './diff-summary-provider';

export const diffFallbackPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:diff-fallback',
  description: 'Compares any two versions by size and checksum.',
  autoStart: true,
  requires: [IDiffProviders],
  optional: [ITranslator],
  activate: (_app: JupyterFrontEnd, providers: IDiffProviders, translator: ITranslator | null): void => {
    providers.register(summaryProvider((translator ?? nullTranslator).load('jupyterlab_helium')));
  }
};

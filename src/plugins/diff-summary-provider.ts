/**
 * The Summary diff provider (registered by `diff-fallback.ts`), for every file: sizes, checksums,
 * ETags and whether the content is identical. What it reads and decides is in
 * `models/diff-summary.ts`; this file only makes the provider, so tests use the one the lab has.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { FALLBACK_PROVIDER_ID } from '../models/diff-registry';
import type { IDiffContext, IDiffProvider } from '../tokens';

/**
 * The Summary provider.
 * @param trans - translations.
 * @returns the provider (rank 1 for any key: the registry always lists it last).
 */
export function summaryProvider(trans: TranslationBundle): IDiffProvider {
  return {
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
  };
}

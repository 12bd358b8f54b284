/**
 * Plugin: the Summary diff provider, for every file: sizes, checksums, ETags and whether the
 * content is identical (by checksum, size, or SHA-256 of the bytes when nothing else decides).
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { FALLBACK_PROVIDER_ID } from '../models/diff-registry';
import { IDiffContext, IDiffProviders, IDiffSide } from '../tokens';
import { anySignal, describeSide } from '../widgets/diff/diff-context';
import type { IChunk, IChunkRange } from '../widgets/diff/summary-evidence';

/**
 * Bytes per side hashed without asking when only the content can decide. Hashing reads ranged
 * chunks, so memory is bounded whatever the size; this cap only spares the time and traffic of
 * reading big objects nobody asked to read ("Load anyway" hashes any size).
 */
const HASH_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Fill in the checksum, ETag and size a side lacks with a HEAD request (checksum mode on).
 * @param context - the comparison.
 * @param side - the side.
 * @returns the side with what HEAD told; unchanged when HEAD fails (the table shows less).
 */
async function describe(context: IDiffContext, side: IDiffSide): Promise<IDiffSide> {
  if (side.checksumSha256 !== undefined && side.etag !== undefined && side.size !== undefined) {
    return side;
  }
  try {
    // Both sides share the request's connection, which is the one context.client() serves.
    return await describeSide(side, { client: () => context.client() }, context.signal);
  } catch (error) {
    if (context.signal.aborted) {
      throw error;
    }
    return side;
  }
}

/**
 * Read one byte range of a side (for chunked hashing).
 * @param context - the comparison (its client and signal).
 * @param side - the side.
 * @param range - the bytes.
 * @param signal - cancels the read (besides the comparison's signal).
 * @returns the bytes and the whole object's size.
 */
async function readChunk(context: IDiffContext, side: IDiffSide, range: IChunkRange, signal: AbortSignal): Promise<IChunk> {
  const [{ getObjectBytes }, s3] = await Promise.all([import('../service'), context.client()]);
  const { bytes, info } = await getObjectBytes(s3, {
    bucket: side.bucket,
    key: side.key,
    versionId: side.versionId,
    range,
    signal: anySignal(context.signal, signal)
  });
  return { bytes, size: info.size };
}

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
        const [left, right, evidence, { SummaryDiffView }] = await Promise.all([
          describe(context, context.request.left),
          describe(context, context.request.right),
          import('../widgets/diff/summary-evidence'),
          import('../widgets/diff/SummaryDiffView')
        ]);
        const request = { left, right };
        const compareContent = (signal: AbortSignal) =>
          evidence.decideFromContent(left, right, (side, range) => readChunk(context, side, range, signal), { signal });
        let decision = evidence.decideFromFacts(left, right);
        if (decision.verdict === 'unknown') {
          const small = evidence.sidesToRead(left, right).every(name => {
            const size = request[name].size;
            return size !== undefined && size <= HASH_MAX_BYTES;
          });
          if (small) {
            decision = await compareContent(context.signal);
          }
        }
        return new SummaryDiffView({ request, decision, compareContent, signal: context.signal, trans });
      }
    });
  }
};

/**
 * What the Summary diff provider shows for any two versions: sizes, checksums and ETags (HEAD
 * fills in what a side does not say), and whether the content is identical, decided by the
 * cheapest evidence (checksums, sizes, else SHA-256 of the bytes, read in ranged chunks).
 */
import type { IDiffContext, IDiffRequest, IDiffSide } from '../tokens';
import { anySignal, describeSide, readSideRange } from './diff-content';
import { decideFromContent, decideFromFacts, IChunk, IChunkRange, IDecision, sidesToRead } from './diff-summary-evidence';

/**
 * Bytes per side hashed without asking when only the content can decide. Hashing reads ranged
 * chunks, so memory is bounded whatever the size; this cap only spares the time and traffic of
 * reading big objects nobody asked to read ("Load anyway" hashes any size).
 */
export const HASH_MAX_BYTES = 64 * 1024 * 1024;

/** What the summary view shows, and how it compares content on request. */
export interface ISideSummary {
  /** The sides, with what HEAD told about them. */
  request: IDiffRequest;
  /** The decision so far (`unknown` when only reading more than the cap could decide). */
  decision: IDecision;
  /** Hash both sides' content (any size) and decide. */
  compareContent: (signal: AbortSignal) => Promise<IDecision>;
}

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
function readChunk(context: IDiffContext, side: IDiffSide, range: IChunkRange, signal: AbortSignal): Promise<IChunk> {
  return readSideRange(side, range, { client: () => context.client() }, anySignal(context.signal, signal));
}

/**
 * Describe both sides and decide whether their content is the same, hashing the content when
 * nothing else decides and both sides are at most `hashMaxBytes`.
 * @param context - the comparison.
 * @param hashMaxBytes - the most bytes per side hashed without asking.
 * @returns the sides, the decision, and how to compare content later.
 */
export async function summarizeSides(context: IDiffContext, hashMaxBytes = HASH_MAX_BYTES): Promise<ISideSummary> {
  const [left, right] = await Promise.all([describe(context, context.request.left), describe(context, context.request.right)]);
  const request = { left, right };
  const compareContent = (signal: AbortSignal) =>
    decideFromContent(left, right, (side, range) => readChunk(context, side, range, signal), { signal, trans: context.trans });
  let decision = decideFromFacts(left, right);
  if (decision.verdict === 'unknown') {
    const small = sidesToRead(left, right).every(name => {
      const size = request[name].size;
      return size !== undefined && size <= hashMaxBytes;
    });
    if (small) {
      decision = await compareContent(context.signal);
    }
  }
  return { request, decision, compareContent };
}

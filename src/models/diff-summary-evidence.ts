/**
 * Deciding whether two versions have the same content, from the cheapest evidence that settles
 * it: S3 SHA-256 checksums of the same kind, then sizes, then SHA-256 of the bytes themselves.
 * ETags are shown but never decide (they depend on how an object was uploaded).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { fromBase64, toHex } from '../service/checksum';
import { HeliumError, throwIfAborted } from '../service/error-class';
import { Sha256 } from '../service/sha256';
import type { IDiffSide } from '../tokens';

/** Bytes read per request when hashing content: memory stays bounded whatever the object's size. */
export const HASH_CHUNK_BYTES = 8 * 1024 * 1024;

/** A byte range: `start` inclusive, `end` exclusive. */
export interface IChunkRange {
  start: number;
  end: number;
}

/** What a chunk read returns: the bytes, and the whole object's size as the server reported it. */
export interface IChunk {
  bytes: Uint8Array;
  /** The whole object's size (from the response), when known. */
  size?: number;
}

/** Reads one byte range of an object. */
export type ChunkReader = (range: IChunkRange) => Promise<IChunk>;

/** Options of {@link sha256OfChunks} and {@link decideFromContent}. */
export interface IHashOptions {
  /** Checked before every chunk; aborting stops the hashing with a `Cancelled` HeliumError. */
  signal?: AbortSignal;
  /** Bytes per read ({@link HASH_CHUNK_BYTES} by default). */
  chunkBytes?: number;
  /** Translations, for why the content could not be compared (the diff tab shows it). */
  trans: TranslationBundle;
}

/** Same content, different content, or not known yet. */
export type Verdict = 'identical' | 'different' | 'unknown';

/** What decided. */
export type Evidence = 'checksum' | 'size' | 'content' | 'none';

/** A verdict and what it rests on. */
export interface IDecision {
  verdict: Verdict;
  evidence: Evidence;
  /** SHA-256 (hex) per side, when computed or read off a whole-object checksum. */
  digests?: { left: string; right: string };
}

/** How S3 computed a side's SHA-256 checksum. */
export interface IChecksumKind {
  /** Of the whole object (single PUT), or of its parts' digests (multipart upload). */
  kind: 'full' | 'composite';
  /** Parts of a multipart upload, when known. */
  parts?: number;
  /** The checksum without a `-N` suffix. */
  value: string;
}

const PARTS = /-(\d+)$/;

/**
 * The kind of a side's checksum. A multipart upload shows in the checksum's `-N` suffix on AWS,
 * and in the ETag's on servers that omit it from the checksum (moto).
 * @param side - the side.
 * @returns the kind, or null when the side has no checksum.
 */
export function checksumKind(side: IDiffSide): IChecksumKind | null {
  const checksum = side.checksumSha256;
  if (!checksum) {
    return null;
  }
  const own = PARTS.exec(checksum);
  const etag = PARTS.exec(side.etag ?? '');
  const value = checksum.replace(PARTS, '');
  if (own || etag) {
    return { kind: 'composite', parts: Number((own ?? etag)![1]), value };
  }
  return { kind: 'full', value };
}

/**
 * Decide from what is known without reading: equal checksums of the same kind → identical;
 * different sizes → different; different checksums of the same kind → different.
 * @param left - the older side.
 * @param right - the newer side.
 * @returns the decision; `unknown` when the content must be read.
 */
export function decideFromFacts(left: IDiffSide, right: IDiffSide): IDecision {
  const a = checksumKind(left);
  const b = checksumKind(right);
  const sameKind = !!a && !!b && a.kind === b.kind && a.parts === b.parts;
  if (sameKind && a!.value === b!.value) {
    return { verdict: 'identical', evidence: 'checksum' };
  }
  if (left.size !== undefined && right.size !== undefined && left.size !== right.size) {
    return { verdict: 'different', evidence: 'size' };
  }
  if (sameKind) {
    return { verdict: 'different', evidence: 'checksum' };
  }
  return { verdict: 'unknown', evidence: 'none' };
}

/**
 * Which sides must be read to compare content: not those whose whole-object checksum is known.
 * @param left - the older side.
 * @param right - the newer side.
 * @returns the sides to read.
 */
export function sidesToRead(left: IDiffSide, right: IDiffSide): ('left' | 'right')[] {
  const known = (s: IDiffSide) => checksumKind(s)?.kind === 'full';
  if (known(left) && known(right)) {
    return []; // decided already by decideFromFacts
  }
  return (['left', 'right'] as const).filter(name => !known(name === 'left' ? left : right));
}

/**
 * SHA-256 (hex) of an object read range by range into an incremental hash, so that at most one
 * chunk is held at a time.
 * @param size - the object's size; when unknown, the first response's size is used.
 * @param readChunk - reads a byte range.
 * @param options - abort signal, chunk size and translations.
 * @returns the digest, as lowercase hex.
 * @throws HeliumError `Cancelled` when the signal aborts; `Conflict` when the object's size changes
 * or a read returns no bytes before the end.
 */
export async function sha256OfChunks(size: number | undefined, readChunk: ChunkReader, options: IHashOptions): Promise<string> {
  const { signal, chunkBytes = HASH_CHUNK_BYTES, trans } = options;
  const hash = new Sha256();
  let total = size;
  let offset = 0;
  while (total === undefined || offset < total) {
    throwIfAborted(signal, 'Hashing the content');
    const end = total === undefined ? offset + chunkBytes : Math.min(total, offset + chunkBytes);
    const chunk = await readChunk({ start: offset, end });
    throwIfAborted(signal, 'Hashing the content');
    if (chunk.size !== undefined) {
      if (total !== undefined && chunk.size !== total) {
        throw new HeliumError(
          'Conflict',
          trans.__('The object changed while it was read (%1 bytes, now %2); compare again.', total, chunk.size)
        );
      }
      total = chunk.size;
    }
    if (chunk.bytes.length === 0) {
      if (total === undefined) {
        break; // the server says neither the size nor more bytes: this is the end
      }
      throw new HeliumError('Conflict', trans.__('The object ended at byte %1 of %2; compare again.', offset, total));
    }
    hash.update(chunk.bytes.length > end - offset ? chunk.bytes.subarray(0, end - offset) : chunk.bytes);
    offset += Math.min(chunk.bytes.length, end - offset);
  }
  return toHex(hash.digest());
}

/**
 * Compare content by SHA-256, reading only the sides whose whole-object checksum is not known,
 * each in ranged chunks (see {@link sha256OfChunks}).
 * @param left - the older side.
 * @param right - the newer side.
 * @param readChunk - reads a byte range of a side.
 * @param options - abort signal, chunk size and translations.
 * @returns the decision, with both digests.
 */
export async function decideFromContent(
  left: IDiffSide,
  right: IDiffSide,
  readChunk: (side: IDiffSide, range: IChunkRange) => Promise<IChunk>,
  options: IHashOptions
): Promise<IDecision> {
  const digest = async (side: IDiffSide) => {
    const kind = checksumKind(side);
    return kind?.kind === 'full' ? toHex(fromBase64(kind.value)) : sha256OfChunks(side.size, range => readChunk(side, range), options);
  };
  const [l, r] = await Promise.all([digest(left), digest(right)]);
  return { verdict: l === r ? 'identical' : 'different', evidence: 'content', digests: { left: l, right: r } };
}

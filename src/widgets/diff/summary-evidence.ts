/**
 * Deciding whether two versions have the same content, from the cheapest evidence that settles
 * it: S3 SHA-256 checksums of the same kind, then sizes, then SHA-256 of the bytes themselves.
 * ETags are shown but never decide (they depend on how an object was uploaded).
 */
import { fromBase64, sha256Hex, toHex } from '../../service/checksum';
import type { IDiffSide } from '../../tokens';

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
 * Compare content by SHA-256, reading only the sides whose whole-object checksum is not known.
 * @param left - the older side.
 * @param right - the newer side.
 * @param readBytes - reads a side.
 * @returns the decision, with both digests.
 */
export async function decideFromContent(
  left: IDiffSide,
  right: IDiffSide,
  readBytes: (side: IDiffSide) => Promise<Uint8Array>
): Promise<IDecision> {
  const digest = async (side: IDiffSide) => {
    const kind = checksumKind(side);
    return kind?.kind === 'full' ? toHex(fromBase64(kind.value)) : sha256Hex(await readBytes(side));
  };
  const [l, r] = await Promise.all([digest(left), digest(right)]);
  return { verdict: l === r ? 'identical' : 'different', evidence: 'content', digests: { left: l, right: r } };
}

/**
 * The Quilt hash (`sha2-256-chunked`) and entry metadata of one object version, for a snapshot:
 * one HEAD, then the hash read off S3's SHA-256 checksum when it has the Quilt layout, else the
 * version streamed through the chunked hash (memory stays at one read chunk).
 *
 * When S3's checksum gives the hash (see `transfers/quilt-hash.ts`):
 * - a single PUT's full-object checksum, for objects of at most one 8 MiB part;
 * - a multipart upload's composite checksum when its part count is the layout's and its parts are
 *   the layout's: one part, or every part but the last of exactly the layout's part size
 *   (`part-layout.ts`: a HEAD per part, as S3 lets parts differ in size). The part count comes from
 *   the checksum's `-N`, or from the ETag's `-N` where the server omits it (moto does); without
 *   that, a composite checksum of one part would be mistaken for a full-object one.
 * Anything else is downloaded and hashed.
 */
import type { HeadObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { HeliumError } from '../error-class';
import { getObjectStream, headObjectOutput } from '../objects-read';
import { Sha256 } from '../sha256';
import { toBase64, toHex } from '../checksum';
import { partCount, partSizeFor } from '../transfers/part-size';
import { hasQuiltPartLayout } from './part-layout';
import { compositeSha256, parseS3Checksum, quiltHashFromS3Checksum } from '../transfers/quilt-hash';
import { HELIUM_METADATA_KEY } from '../values/header';
import { isJsonObject, parseLosslessJson, pythonTruthy } from './python-json';
import type { JsonValue } from './types';

/** One object version to hash. */
export interface VersionRef {
  bucket: string;
  key: string;
  /** The version; absent for the current one (for keys a snapshot did not pin). */
  versionId?: string;
  /** Its size, from the listing. */
  size: number;
}

/** What {@link hashVersion} found. */
export interface VersionHash {
  /** The base64 `sha2-256-chunked` value. */
  hash: string;
  /** The entry metadata: the `x-amz-meta-helium` object, or `{}`. */
  meta: JsonValue;
  /** Where the hash came from. */
  source: 'checksum' | 'stream';
  /** Bytes downloaded to hash it (0 from a checksum). */
  hashedBytes: number;
}

/**
 * The entry metadata of an object: its `x-amz-meta-helium` header (T4's `{"target", "user_meta"}`)
 * read losslessly, or `{}` when absent, not JSON or empty (quilt3 writes `meta or {}`).
 * @param header - the header's value, if any.
 * @returns the metadata.
 */
export function entryMetaFromHeader(header: string | undefined): JsonValue {
  if (!header) {
    return {};
  }
  try {
    const value = parseLosslessJson(header);
    return isJsonObject(value) && pythonTruthy(value) ? value : {};
  } catch {
    return {};
  }
}

/**
 * The part count of a multipart upload from its ETag (`"<md5>-N"`).
 * @param etag - the ETag.
 * @returns N, or undefined for a single PUT.
 */
export function etagPartCount(etag: string | undefined): number | undefined {
  const match = /-(\d+)"?$/.exec(etag ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * The Quilt hash of an object from the checksum S3 gave for it (HEAD or GET), when it can be
 * told without reading the bytes (see the module comment); for a multipart upload, one more HEAD
 * per part but the last checks the part layout.
 * @param s3 - the client.
 * @param ref - the version (and its size).
 * @param checksum - what S3 said: its `ChecksumSHA256` and ETag.
 * @param checksum.checksumSha256 - `ChecksumSHA256` (base64, maybe `-N`).
 * @param checksum.etag - the ETag (quotes optional).
 * @param signal - cancels the HEADs of parts.
 * @returns the hash, or undefined when the checksum cannot give it.
 */
export async function quiltHashFromChecksum(
  s3: S3Client,
  ref: VersionRef,
  checksum: { checksumSha256?: string; etag?: string },
  signal?: AbortSignal
): Promise<string | undefined> {
  if (!checksum.checksumSha256) {
    return undefined;
  }
  const parsed = parseS3Checksum(checksum.checksumSha256);
  const parts = parsed.parts ?? etagPartCount(checksum.etag);
  if (parts === undefined) {
    return quiltHashFromS3Checksum(parsed.digest, ref.size, 'FULL_OBJECT');
  }
  if (parts !== partCount(ref.size)) {
    return undefined;
  }
  if (parts > 1 && !(await hasQuiltPartLayout(s3, ref, parts, signal))) {
    return undefined;
  }
  return parsed.digest;
}

/**
 * The Quilt hash from a HEAD's checksum, when it can be told without reading the bytes.
 * @param s3 - the client.
 * @param ref - the version.
 * @param output - its HEAD.
 * @param signal - cancels the HEADs of parts (of a multipart upload).
 * @returns the hash, or undefined.
 */
function hashFromChecksum(
  s3: S3Client,
  ref: VersionRef,
  output: HeadObjectCommandOutput,
  signal?: AbortSignal
): Promise<string | undefined> {
  return quiltHashFromChecksum(s3, ref, { checksumSha256: output.ChecksumSHA256, etag: output.ETag }, signal);
}

/** What {@link ContentHasher} computed. */
export interface ContentHashes {
  /** Quilt's `sha2-256-chunked` value (base64). */
  chunked: string;
  /** The plain SHA-256 (hex), which older quilt3 manifests record as `{"type": "SHA256"}`; when asked for. */
  sha256Hex?: string;
  /** The bytes hashed. */
  bytes: number;
}

/**
 * Hashes of an object's bytes as they are read, in order, one chunk at a time (memory stays at
 * what is passed in): Quilt's chunked hash in the layout of the expected size, and on request the
 * plain SHA-256.
 */
export class ContentHasher {
  private readonly partSize: number;
  private part = new Sha256();
  private inPart = 0;
  private readonly digests: Uint8Array[] = [];
  private readonly whole: Sha256 | undefined;
  private total = 0;

  /**
   * @param size - the size the bytes should have (it sets the chunk layout).
   * @param options - `sha256`: also compute the plain SHA-256.
   * @param options.sha256 - whether to.
   */
  constructor(size: number, options: { sha256?: boolean } = {}) {
    this.partSize = partSizeFor(size);
    this.whole = options.sha256 ? new Sha256() : undefined;
  }

  /** The bytes hashed so far. */
  get bytes(): number {
    return this.total;
  }

  /**
   * Add the next bytes.
   * @param value - the bytes.
   */
  update(value: Uint8Array): void {
    this.total += value.length;
    this.whole?.update(value);
    let chunk = value;
    while (chunk.length > 0) {
      const take = Math.min(chunk.length, this.partSize - this.inPart);
      this.part.update(chunk.subarray(0, take));
      this.inPart += take;
      chunk = chunk.subarray(take);
      if (this.inPart === this.partSize) {
        this.digests.push(this.part.digest());
        this.part = new Sha256();
        this.inPart = 0;
      }
    }
  }

  /**
   * Finish (call once).
   * @returns the hashes.
   */
  async digest(): Promise<ContentHashes> {
    if (this.inPart > 0) {
      this.digests.push(this.part.digest());
      this.inPart = 0;
    }
    const result: ContentHashes = { chunked: await compositeSha256(this.digests), bytes: this.total };
    if (this.whole) {
      result.sha256Hex = toHex(this.whole.digest());
    }
    return result;
  }
}

/**
 * Whether computed hashes match a manifest entry's hash, of either type quilt3 writes for SHA-256
 * (`sha2-256-chunked`, or `SHA256` hex in older manifests).
 * @param expected - the entry's `hash`.
 * @param actual - what was computed (`sha256Hex` needed for a `SHA256` entry).
 * @returns true or false; undefined when the type cannot be checked with what was computed.
 */
export function hashMatches(expected: { type?: unknown; value?: unknown } | undefined, actual: ContentHashes): boolean | undefined {
  if (expected?.type === 'sha2-256-chunked' && typeof expected.value === 'string') {
    return expected.value === actual.chunked;
  }
  if (expected?.type === 'SHA256' && typeof expected.value === 'string' && actual.sha256Hex !== undefined) {
    return expected.value.toLowerCase() === actual.sha256Hex;
  }
  return undefined;
}

/**
 * Stream one object (a version, or the current one) through {@link ContentHasher}.
 * @param s3 - the client.
 * @param ref - the object and the size it should have.
 * @param options - signal; `onBytes` told of each chunk; `sha256` to get the plain SHA-256 too.
 * @returns the hashes.
 * @throws HeliumError `Network` (code `IncompleteBody`) when fewer or more bytes came than
 *   `ref.size`, `NotFound`, `Cancelled`…
 */
export async function streamContentHashes(
  s3: S3Client,
  ref: VersionRef,
  options: { signal?: AbortSignal; onBytes?: (bytes: number) => void; sha256?: boolean } = {}
): Promise<ContentHashes> {
  const { stream } = await getObjectStream(s3, { bucket: ref.bucket, key: ref.key, versionId: ref.versionId, signal: options.signal });
  const reader = stream.getReader();
  const hasher = new ContentHasher(ref.size, { sha256: options.sha256 });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      hasher.update(value);
      options.onBytes?.(value.length);
    }
  } catch (err) {
    await reader.cancel().catch(() => undefined);
    throw err;
  }
  if (hasher.bytes !== ref.size) {
    throw new HeliumError(
      'Network',
      `Reading s3://${ref.bucket}/${ref.key}${ref.versionId ? ` (version ${ref.versionId})` : ''} gave ${hasher.bytes} bytes instead of ${ref.size}: the download was cut short. Try again.`,
      { code: 'IncompleteBody' }
    );
  }
  return hasher.digest();
}

/**
 * Stream a version through the chunked hash: SHA-256 of each part of the layout, then SHA-256
 * of their concatenation.
 * @param s3 - the client.
 * @param ref - the version.
 * @param signal - cancels the download.
 * @param onBytes - told of each chunk's length as it is hashed.
 * @returns the base64 hash.
 */
export async function streamQuiltHash(
  s3: S3Client,
  ref: VersionRef,
  signal?: AbortSignal,
  onBytes?: (bytes: number) => void
): Promise<string> {
  return (await streamContentHashes(s3, ref, { signal, onBytes })).chunked;
}

/**
 * The Quilt hash and entry metadata of one version (one HEAD; HEADs of its parts for a
 * multipart upload; a download when the checksum cannot give the hash).
 * @param s3 - the client.
 * @param ref - the version and its size.
 * @param options - signal, and `onBytes` for download progress.
 * @returns hash, metadata, where the hash came from and the bytes downloaded.
 * @throws HeliumError `NotFound` (the version is gone), `AccessDenied`, `Network`, `Cancelled`…
 */
export async function hashVersion(
  s3: S3Client,
  ref: VersionRef,
  options: { signal?: AbortSignal; onBytes?: (bytes: number) => void } = {}
): Promise<VersionHash> {
  const output = await headObjectOutput(s3, ref, { signal: options.signal });
  return hashFromHead(s3, ref, output, options);
}

/**
 * The Quilt hash and entry metadata of one version whose HEAD was already sent: from the HEAD's
 * checksum when it gives the hash (HEADs of its parts for a multipart upload), else by
 * downloading that version.
 * @param s3 - the client.
 * @param ref - the version the HEAD answered for (its version id and size, as the HEAD gave them).
 * @param output - the HEAD.
 * @param options - signal, and `onBytes` for download progress.
 * @returns as {@link hashVersion}.
 */
export async function hashFromHead(
  s3: S3Client,
  ref: VersionRef,
  output: HeadObjectCommandOutput,
  options: { signal?: AbortSignal; onBytes?: (bytes: number) => void } = {}
): Promise<VersionHash> {
  const meta = entryMetaFromHeader(output.Metadata?.[HELIUM_METADATA_KEY]);
  const fromChecksum = await hashFromChecksum(s3, ref, output, options.signal);
  if (fromChecksum !== undefined) {
    return { hash: fromChecksum, meta, source: 'checksum', hashedBytes: 0 };
  }
  const hash = await streamQuiltHash(s3, ref, options.signal, options.onBytes);
  return { hash, meta, source: 'stream', hashedBytes: ref.size };
}

/** Quilt's hash of the empty object: `base64(sha256(""))`. */
export const EMPTY_QUILT_HASH = toBase64(new Sha256().digest());

/**
 * Saving unchanged content writes nothing (DESIGN: history is the product): before the `s3:`
 * drive writes a version, it asks whether the object's current version already holds exactly
 * these bytes.
 *
 * How it knows, cheaply and safely:
 * - one HEAD (checksums enabled) gives the current version's size, SHA-256 checksum and version
 *   id together, so they describe the same version; a different size means changed;
 * - a full-object SHA-256 (what a single PUT stores) is compared with the SHA-256 of the bytes to
 *   save;
 * - a multipart upload's checksum is a composite of its parts' digests (`…-N`; moto omits the
 *   suffix but its ETag keeps `-N`), which cannot be compared with one digest, and objects
 *   written by other tools may have no SHA-256 at all (CRC32, or nothing): then that version's
 *   bytes are read (pinned by its version id) and compared. It is no bigger than what is saved.
 * Races: the answer is about the version the HEAD named. If someone writes after it, skipping
 * is the same as a save that happened just before their write; the model returned describes the
 * version that holds these bytes, never a newer one.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectInfo } from '../service';
import { sameBytes } from '../service/formats/bytes';
import type { Engine } from '../models/engine';
import { notebookText } from './notebook-text';

type Service = Engine;

/** A multipart upload's ETag: `<md5 of the part md5s>-<parts>`. */
const MULTIPART_ETAG = /-\d+$/;

/**
 * The current version of an object, from one HEAD (checksums enabled).
 * @param lib - the S3 engine.
 * @param s3 - the client.
 * @param target - the object.
 * @param target.bucket - its bucket.
 * @param target.key - its key.
 * @returns the version, none (no such key), or `denied` when HEAD is not allowed (then whether
 *   the key exists is unknown).
 * @throws what S3 answered other than "not found" or "access denied".
 */
export async function currentVersion(
  lib: Service,
  s3: S3Client,
  target: { bucket: string; key: string }
): Promise<{ version?: ObjectInfo; denied?: boolean }> {
  try {
    return { version: await lib.headObject(s3, target) };
  } catch (err) {
    if (lib.isHeliumError(err, 'NotFound')) {
      return {};
    }
    if (lib.isHeliumError(err, 'AccessDenied')) {
      return { denied: true };
    }
    throw err;
  }
}

/**
 * Whether a version (from {@link currentVersion}) holds exactly `bytes`.
 * @param lib - the S3 engine.
 * @param s3 - the client.
 * @param target - the object.
 * @param target.bucket - its bucket.
 * @param target.key - its key.
 * @param current - the version.
 * @param bytes - what would be saved.
 * @returns the version when it holds these bytes, else undefined.
 */
export async function holdsBytes(
  lib: Service,
  s3: S3Client,
  target: { bucket: string; key: string },
  current: ObjectInfo,
  bytes: Uint8Array
): Promise<ObjectInfo | undefined> {
  if (current.size !== bytes.byteLength) {
    return undefined;
  }
  const checksum = current.checksumSha256 ? lib.parseS3Checksum(current.checksumSha256) : undefined;
  if (checksum && checksum.parts === undefined && !MULTIPART_ETAG.test(current.etag)) {
    return checksum.digest === (await lib.sha256Base64(bytes)) ? current : undefined;
  }
  const read = await readVersion(lib, s3, target, current);
  return read && sameBytes(read.bytes, bytes) ? read.info : undefined;
}

/**
 * Read the version HEAD named (pinned by its id; an unversioned bucket has none: then whatever is
 * current).
 * @param lib - the S3 engine.
 * @param s3 - the client.
 * @param target - the object.
 * @param target.bucket - its bucket.
 * @param target.key - its key.
 * @param current - the version from HEAD.
 * @returns its bytes and details, or undefined when it is gone or cannot be read.
 */
async function readVersion(
  lib: Service,
  s3: S3Client,
  target: { bucket: string; key: string },
  current: ObjectInfo
): Promise<{ bytes: Uint8Array; info: ObjectInfo } | undefined> {
  try {
    return await lib.getObjectBytes(s3, { ...target, versionId: current.versionId });
  } catch (err) {
    if (lib.isHeliumError(err, 'NotFound') || lib.isHeliumError(err, 'AccessDenied')) {
      return undefined;
    }
    throw err;
  }
}

/**
 * Whether a version holds the same notebook as `text` (from {@link notebookText}) though not the
 * same bytes: written by another tool (`1.0` where JavaScript writes `1`, keys or line breaks
 * laid out otherwise). The version is read, parsed and written out as the drive would write it.
 * @param lib - the S3 engine.
 * @param s3 - the client.
 * @param target - the object.
 * @param target.bucket - its bucket.
 * @param target.key - its key.
 * @param current - the version from HEAD.
 * @param text - the notebook text the drive would save.
 * @returns the version read when it holds the same notebook, else undefined.
 */
export async function holdsNotebook(
  lib: Service,
  s3: S3Client,
  target: { bucket: string; key: string },
  current: ObjectInfo,
  text: string
): Promise<ObjectInfo | undefined> {
  // A version much bigger than the notebook saved cannot be the same notebook: do not read it.
  if (current.size > 2 * text.length + 64 * 1024) {
    return undefined;
  }
  const read = await readVersion(lib, s3, target, current);
  if (!read) {
    return undefined;
  }
  try {
    return notebookText(JSON.parse(new TextDecoder().decode(read.bytes))) === text ? read.info : undefined;
  } catch {
    return undefined; // not JSON: not the same notebook
  }
}

/**
 * Tags: human names for snapshots ("q3-release") that pins can follow instead of `latest`.
 *
 * One object per tag, `.quilt/helium/tags/<ns>/<name>/<tag>` (why not beside quilt3's pointers:
 * tag-keys.ts), holding JSON: the snapshot it names now and its whole history
 * (`{"tag", "package", "top_hash", "tagged_at", "message", "history": [{top_hash, tagged_at,
 * message}, …]}`, oldest first, the current one last). A tag is created with
 * `If-None-Match: *` and moved only by an explicit call (`move: true`), with `If-Match` on the
 * ETag just read, retried on conflict: two writers racing never lose each other's step, and each
 * step stays in the history (and, in a versioned bucket, in the object's versions).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { mapWithConcurrency } from '../concurrency';
import { HeliumError, isHeliumError } from '../error-class';
import { listPrefixPages } from '../listing';
import { headObject, getObjectText } from '../objects-read';
import { putObject } from '../objects-write';
import { assertValidBucketName } from '../uri';
import { assertValidPackageName } from '../snapshots/names';
import { manifestKey, resolveTopHash } from '../snapshots/registry';
import { tagKey, tagsPrefix, validateTagName } from './tag-keys';

/** One step of a tag's history. */
export interface TagStep {
  top_hash: string;
  /** ISO 8601. */
  tagged_at: string;
  message: string | null;
}

/** A tag as stored. */
export interface TagRecord extends TagStep {
  tag: string;
  package: string;
  /** Every step, oldest first; the last one is the current. */
  history: TagStep[];
}

/** Options of {@link setTag}. */
export interface SetTagOptions {
  bucket: string;
  /** The package, `namespace/name`. */
  package: string;
  tag: string;
  /** A full top hash or a unique prefix (6+ hex). */
  topHash: string;
  /** Why (kept in the history). */
  message?: string | null;
  /** Allow moving an existing tag to another snapshot (default false: refused). */
  move?: boolean;
  /** The clock (default `Date.now`). */
  now?: () => number;
  signal?: AbortSignal;
}

/** What {@link setTag} did. */
export interface SetTagResult {
  record: TagRecord;
  /** `created`, `moved`, or `unchanged` (it named that snapshot already: nothing written). */
  action: 'created' | 'moved' | 'unchanged';
  /** The snapshot it named before a move. */
  previous?: string;
}

/**
 * Throw unless a tag name is valid.
 * @param tag - the name.
 * @throws HeliumError `InvalidInput` (code `InvalidTagName`).
 */
export function assertValidTagName(tag: string): void {
  const problem = validateTagName(tag);
  if (problem) {
    throw new HeliumError('InvalidInput', problem, { code: 'InvalidTagName' });
  }
}

/**
 * Parse a tag object.
 * @param text - its content.
 * @param where - its address, for the message.
 * @returns the record.
 * @throws HeliumError `InvalidInput` (code `InvalidTag`) when it is not a tag helium wrote.
 */
function parseTag(text: string, where: string): TagRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const record = value as TagRecord | undefined;
  if (!record || typeof record !== 'object' || typeof record.top_hash !== 'string' || !Array.isArray(record.history)) {
    throw new HeliumError('InvalidInput', `${where} is not a helium tag (JSON with top_hash and history); fix or remove it by hand.`, {
      code: 'InvalidTag'
    });
  }
  return record;
}

/**
 * Read a tag with its ETag.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param pkg - the package.
 * @param tag - the tag name.
 * @param signal - cancels the read.
 * @returns the record and ETag, or undefined when there is no such tag.
 */
async function readTagObject(
  s3: S3Client,
  bucket: string,
  pkg: string,
  tag: string,
  signal?: AbortSignal
): Promise<{ record: TagRecord; etag: string } | undefined> {
  const key = tagKey(pkg, tag);
  try {
    const { text, info } = await getObjectText(s3, { bucket, key, signal });
    return { record: parseTag(text, `s3://${bucket}/${key}`), etag: info.etag };
  } catch (err) {
    if (isHeliumError(err, 'NotFound')) {
      return undefined;
    }
    throw err;
  }
}

/**
 * Read a tag.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param pkg - the package, `namespace/name`.
 * @param tag - the tag name.
 * @param signal - cancels the read.
 * @returns the tag, or undefined when the package has no such tag.
 * @throws HeliumError `InvalidInput` (bad names, or a tag object helium did not write), `AccessDenied`…
 */
export async function readTag(
  s3: S3Client,
  bucket: string,
  pkg: string,
  tag: string,
  signal?: AbortSignal
): Promise<TagRecord | undefined> {
  assertValidBucketName(bucket);
  assertValidPackageName(pkg);
  assertValidTagName(tag);
  return (await readTagObject(s3, bucket, pkg, tag, signal))?.record;
}

/**
 * Every tag of a package, by name.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param pkg - the package.
 * @param signal - cancels the reads.
 * @returns the tags, sorted by name (objects under the prefix that are not tags are skipped).
 */
export async function listTags(s3: S3Client, bucket: string, pkg: string, signal?: AbortSignal): Promise<TagRecord[]> {
  assertValidBucketName(bucket);
  assertValidPackageName(pkg);
  const prefix = tagsPrefix(pkg);
  const names: string[] = [];
  for await (const page of listPrefixPages(s3, { bucket, prefix, delimiter: '/', signal })) {
    for (const object of page.objects) {
      const name = object.key.slice(prefix.length);
      if (validateTagName(name) === null) {
        names.push(name);
      }
    }
  }
  const records = await mapWithConcurrency(names, 8, async name => {
    try {
      return (await readTagObject(s3, bucket, pkg, name, signal))?.record;
    } catch (err) {
      if (isHeliumError(err, 'InvalidInput')) {
        return undefined;
      }
      throw err;
    }
  });
  return records.filter((r): r is TagRecord => r !== undefined).sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/**
 * Check that a snapshot exists before a tag names it.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param topHash - a full hash or a unique prefix.
 * @param signal - cancels the requests.
 * @returns the full hash.
 * @throws HeliumError `InvalidInput` (code `SnapshotNotFound`) when it does not.
 */
async function existingSnapshot(s3: S3Client, bucket: string, topHash: string, signal?: AbortSignal): Promise<string> {
  const hash = await resolveTopHash(s3, bucket, topHash, signal);
  try {
    await headObject(s3, { bucket, key: manifestKey(hash), signal });
  } catch (err) {
    if (isHeliumError(err, 'NotFound')) {
      throw new HeliumError('InvalidInput', `No snapshot in s3://${bucket} has the top hash ${hash}: nothing to tag.`, {
        code: 'SnapshotNotFound'
      });
    }
    throw err;
  }
  return hash;
}

/**
 * Create a tag, or move it with `move: true` (see the module comment for the conditional writes).
 * @param s3 - the client.
 * @param options - bucket, package, tag, top hash, message, move, clock, signal.
 * @returns the record written and what was done.
 * @throws HeliumError `InvalidInput` (bad names; no such snapshot), `Conflict` (code `TagExists`:
 *   the tag names another snapshot and `move` was not given; `TagConflict`: it kept changing),
 *   `AccessDenied`…
 */
export async function setTag(s3: S3Client, options: SetTagOptions): Promise<SetTagResult> {
  const { bucket, package: pkg, tag, signal } = options;
  assertValidBucketName(bucket);
  assertValidPackageName(pkg);
  assertValidTagName(tag);
  const hash = await existingSnapshot(s3, bucket, options.topHash, signal);
  const step: TagStep = {
    top_hash: hash,
    tagged_at: new Date((options.now ?? Date.now)()).toISOString(),
    message: options.message ?? null
  };
  const key = tagKey(pkg, tag);
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await readTagObject(s3, bucket, pkg, tag, signal);
    if (current?.record.top_hash === hash) {
      return { record: current.record, action: 'unchanged' };
    }
    if (current && !options.move) {
      throw new HeliumError(
        'Conflict',
        `Tag "${tag}" of ${pkg} names ${current.record.top_hash.slice(0, 12)} already; a tag moves only when asked (move it explicitly, e.g. helium tag … --move).`,
        { code: 'TagExists' }
      );
    }
    const record: TagRecord = { tag, package: pkg, ...step, history: [...(current?.record.history ?? []), step] };
    try {
      await putObject(s3, {
        bucket,
        key,
        body: `${JSON.stringify(record, null, 1)}\n`,
        contentType: 'application/json',
        ...(current ? { ifMatch: current.etag } : { ifNoneMatch: '*' as const }),
        signal
      });
      return current ? { record, action: 'moved', previous: current.record.top_hash } : { record, action: 'created' };
    } catch (err) {
      if (!isHeliumError(err, 'Conflict')) {
        throw err;
      }
      // Another writer changed the tag meanwhile: read it again and re-apply our step on top.
      await new Promise(resolve => setTimeout(resolve, Math.min(500, 20 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }
  throw new HeliumError('Conflict', `Tag "${tag}" of ${pkg} in s3://${bucket} kept changing; it was not set. Try again.`, {
    code: 'TagConflict'
  });
}

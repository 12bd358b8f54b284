/**
 * Archived objects: S3 Glacier Flexible Retrieval (`GLACIER`), Glacier Deep Archive
 * (`DEEP_ARCHIVE`) and the archive tiers of S3 Intelligent-Tiering. S3 lists them and answers
 * their HEAD, but serves their bytes only from a restored copy, which a RestoreObject request
 * makes in minutes to hours and keeps for the days asked (Intelligent-Tiering moves the object
 * back to its frequent tier instead, with no days). Glacier Instant Retrieval (`GLACIER_IR`) is
 * read as usual and is not archived here.
 */
import { RestoreObjectCommand, S3Client, Tier } from '@aws-sdk/client-s3';
import { archiveName, isArchiveClass } from './archive-names';
import { mapWithConcurrency } from './concurrency';
import { isHeliumError } from './error-class';
import { listPrefixPages } from './listing';
import type { ObjectInfo, ObjectRef } from './object-info';
import { headObject } from './objects-read';
import { guard } from './request';

export { archiveName, DEFAULT_RESTORE_DAYS, isArchiveClass } from './archive-names';

/** The retrieval tiers a restore can ask for (fastest and dearest first). */
export const RESTORE_TIERS: readonly Tier[] = ['Expedited', 'Standard', 'Bulk'];

/** Where an archived object's restored copy stands, from its HEAD's `x-amz-restore`. */
export type RestoreState = { state: 'none' } | { state: 'in-progress' } | { state: 'restored'; until?: Date };

/**
 * Read the `x-amz-restore` header (`ongoing-request="true"`, or `ongoing-request="false",
 * expiry-date="Fri, 23 Dec 2012 00:00:00 GMT"`).
 * @param header - the header's value, if any.
 * @returns the state.
 */
export function parseRestoreHeader(header: string | undefined): RestoreState {
  if (!header) {
    return { state: 'none' };
  }
  if (/ongoing-request\s*=\s*"true"/i.test(header)) {
    return { state: 'in-progress' };
  }
  const expiry = /expiry-date\s*=\s*"([^"]+)"/i.exec(header);
  const until = expiry ? new Date(expiry[1]) : undefined;
  return until && !Number.isNaN(until.getTime()) ? { state: 'restored', until } : { state: 'restored' };
}

/** An archived object's archive and restored copy, from its HEAD. */
export interface ArchiveState {
  /** The archive's name for a person ("S3 Glacier Deep Archive"). */
  archive: string;
  restore: RestoreState;
}

/**
 * Whether an object (from its HEAD) is archived, where, and how its restored copy stands.
 * @param info - the HEAD's storage class, Intelligent-Tiering archive tier and `x-amz-restore`.
 * @returns the state, or undefined when the object is not archived.
 */
export function archiveStateOf(info: Pick<ObjectInfo, 'storageClass' | 'archiveStatus' | 'restore'>): ArchiveState | undefined {
  if (!isArchiveClass(info.storageClass) && !info.archiveStatus) {
    return undefined;
  }
  return { archive: archiveName(info.storageClass, info.archiveStatus) ?? '', restore: parseRestoreHeader(info.restore) };
}

/** What a restore request found. */
export type RestoreRequestResult =
  /** S3 started making a restored copy (202). */
  | 'started'
  /** A restored copy was there: its days were set anew (200). */
  | 'extended'
  /** A restore of it is already under way (409 RestoreAlreadyInProgress). */
  | 'in-progress'
  /** The object is not archived: there is nothing to restore. */
  | 'not-archived';

/** How to restore. */
export interface RestoreRequestOptions {
  /** Days to keep the restored copy (ignored for Intelligent-Tiering, which takes none). */
  days: number;
  /** The retrieval tier (default `Standard`). */
  tier?: Tier;
  /** The object is in Intelligent-Tiering (send no days). */
  intelligentTiering?: boolean;
  signal?: AbortSignal;
}

/**
 * Ask S3 for a restored copy of an archived object (version). Nothing is written: the archived
 * object stays as it is, and the copy goes away after `days`.
 * @param s3 - the client.
 * @param ref - the object (and version).
 * @param options - days, tier, whether it is Intelligent-Tiering, signal.
 * @returns what S3 answered (see {@link RestoreRequestResult}).
 * @throws HeliumError `AccessDenied` (needs s3:RestoreObject), `NotFound`, `InvalidInput` (a tier
 *   the archive does not offer, e.g. Expedited from Deep Archive), `Network`…
 */
export async function requestRestore(s3: S3Client, ref: ObjectRef, options: RestoreRequestOptions): Promise<RestoreRequestResult> {
  const tier = options.tier ?? 'Standard';
  const context = { action: 'RestoreObject', bucket: ref.bucket, key: ref.key, versionId: ref.versionId };
  try {
    const output = await guard(
      s3,
      context,
      () =>
        s3.send(
          new RestoreObjectCommand({
            Bucket: ref.bucket,
            Key: ref.key,
            ...(ref.versionId ? { VersionId: ref.versionId } : {}),
            RestoreRequest: options.intelligentTiering ? {} : { Days: options.days, GlacierJobParameters: { Tier: tier } }
          }),
          { abortSignal: options.signal }
        ),
      options.signal
    );
    return output.$metadata.httpStatusCode === 200 ? 'extended' : 'started';
  } catch (err) {
    if (isHeliumError(err) && err.code === 'RestoreAlreadyInProgress') {
      return 'in-progress';
    }
    // To a restore, InvalidObjectState means the object is NOT in an archive.
    if (isHeliumError(err) && err.code === 'InvalidObjectState') {
      return 'not-archived';
    }
    throw err;
  }
}

/** What {@link restoreArchivedObject} found. */
export interface ObjectRestore {
  /** The object's archive and restore state; undefined when it is not archived. */
  state?: ArchiveState;
  /** Its storage class (`STANDARD` when S3 names none). */
  storageClass: string;
  result: RestoreRequestResult;
}

/**
 * Ask for a restored copy of one object (version), when its HEAD says it is archived: whether it
 * is, and in an Intelligent-Tiering archive tier (restored without days), is only known that way.
 * @param s3 - the client.
 * @param ref - the object (and version).
 * @param options - days, tier, signal.
 * @returns its state, storage class and what S3 answered (`not-archived` without a request).
 * @throws HeliumError from the HEAD or the request (see {@link requestRestore}).
 */
export async function restoreArchivedObject(
  s3: S3Client,
  ref: ObjectRef,
  options: Omit<RestoreRequestOptions, 'intelligentTiering'>
): Promise<ObjectRestore> {
  const info = await headObject(s3, { ...ref, signal: options.signal });
  const state = archiveStateOf(info);
  const storageClass = info.storageClass ?? 'STANDARD';
  if (!state) {
    return { storageClass, result: 'not-archived' };
  }
  return { state, storageClass, result: await requestRestore(s3, ref, { ...options, intelligentTiering: Boolean(info.archiveStatus) }) };
}

/** One object a folder restore looked at, and what came of it. */
export interface RestoreOutcome {
  key: string;
  /** The archive it is in. */
  archive: string;
  result: RestoreRequestResult;
}

/** Options of {@link restoreArchivedUnder}. */
export interface RestoreUnderOptions extends Omit<RestoreRequestOptions, 'intelligentTiering'> {
  /** Restore requests (and Intelligent-Tiering HEADs) in flight (default 8). */
  concurrency?: number;
  /** Told of each archived object as its request is answered. */
  onOutcome?: (outcome: RestoreOutcome) => void;
}

/**
 * Ask for a restored copy of every archived object under a prefix (all depths), page by page:
 * Glacier and Deep Archive objects are known from the listing; an Intelligent-Tiering object
 * needs a HEAD to tell whether it is in an archive tier. The others are counted, not touched.
 * @param s3 - the client.
 * @param location - the bucket and the prefix (`''` for the whole bucket).
 * @param location.bucket - the bucket.
 * @param location.prefix - the prefix.
 * @param options - days, tier, concurrency, signal, and a callback per archived object.
 * @returns each archived object's outcome (in key order) and how many objects were not archived.
 * @throws HeliumError from the listing or a request (the first one stops the rest).
 */
export async function restoreArchivedUnder(
  s3: S3Client,
  location: { bucket: string; prefix: string },
  options: RestoreUnderOptions
): Promise<{ outcomes: RestoreOutcome[]; notArchived: number }> {
  const { bucket, prefix } = location;
  const outcomes: RestoreOutcome[] = [];
  let notArchived = 0;
  const record = (key: string, archive: string, result: RestoreRequestResult): void => {
    if (result === 'not-archived') {
      notArchived += 1;
      return;
    }
    const outcome = { key, archive, result };
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  };
  for await (const page of listPrefixPages(s3, { bucket, prefix, delimiter: '', signal: options.signal, keepPrefixObject: true })) {
    await mapWithConcurrency(page.objects, Math.max(1, options.concurrency ?? 8), async object => {
      if (isArchiveClass(object.storageClass)) {
        // Archived by the listing's own word: no HEAD needed.
        record(object.key, archiveName(object.storageClass) ?? '', await requestRestore(s3, { bucket, key: object.key }, options));
      } else if (object.storageClass === 'INTELLIGENT_TIERING') {
        const found = await restoreArchivedObject(s3, { bucket, key: object.key }, options);
        record(object.key, found.state?.archive ?? '', found.result);
      } else {
        notArchived += 1;
      }
    });
  }
  outcomes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { outcomes, notArchived };
}

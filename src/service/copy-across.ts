/**
 * Copy (or move) objects and whole folders from one connection to another. No server-side copy
 * can reach across two endpoints or two sets of credentials, so each object is streamed: its
 * pinned source version is read in byte ranges, one part at a time, by the upload engine
 * (`uploadObject`), which writes it in parts when it is big. Memory stays bounded by
 * objects in flight × parts in flight × part size (2 × 4 × 8 MiB by default), whatever the size.
 *
 * What is carried over: the bytes, Content-Type and user metadata. Other content headers, the
 * storage class and tags are not (the upload engine writes what it is given).
 *
 * A move deletes the sources only once EVERY object was copied, so a failure or a cancel part-way
 * leaves all sources in place (and the copies made so far at the destination).
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mapWithConcurrency } from './concurrency';
import { CopySourceVersion, readCopySource } from './copy-multipart';
import { throwIfAborted } from './error-class';
import { assertNoConflict, MoveObjectsOptions, MoveProgress, MoveResult, moveHistoryNote } from './move';
import { planMove } from './move-plan';
import { deleteObject } from './objects-write';
import { guard, quotedEtag } from './request';
import { uploadObject } from './transfers/upload';
import type { ByteSource } from './transfers/types';
import { formatS3Uri } from './uri';
import { getBucketVersioning, VersioningState } from './versioning';

/** Options of {@link copyAcrossConnections}. */
export interface CopyAcrossOptions extends Omit<MoveObjectsOptions, 'multipartThreshold'> {
  /** Delete the sources once every object was copied. */
  move?: boolean;
  /** Parts of one object read and written at once (default 4). */
  partsInFlight?: number;
}

/**
 * A byte source over one pinned version of an object: each read is a ranged GET of that version
 * (or, in a bucket without versions, of that ETag, so a replaced object fails instead of mixing).
 * @param s3 - the source's client.
 * @param source - the version, from {@link readCopySource}.
 * @param signal - cancels the reads.
 * @returns the source.
 */
export function s3VersionSource(s3: S3Client, source: CopySourceVersion, signal?: AbortSignal): ByteSource {
  const { bucket, key, versionId } = source;
  return {
    size: source.info.size,
    read: async (start, end) => {
      if (end <= start) {
        return new Uint8Array(0);
      }
      const output = await guard(
        s3,
        { action: 'GetObject', bucket, key, versionId },
        () =>
          s3.send(
            new GetObjectCommand({
              Bucket: bucket,
              Key: key,
              VersionId: versionId,
              IfMatch: versionId ? undefined : quotedEtag(source.info.etag),
              Range: `bytes=${start}-${end - 1}`
            }),
            { abortSignal: signal }
          ),
        signal
      );
      const bytes = await guard(
        s3,
        { action: 'GetObject', bucket, key, versionId },
        async () => (output.Body ? await output.Body.transformToByteArray() : new Uint8Array(0)),
        signal
      );
      // A server that ignores Range answers the whole object: cut the range out.
      return output.ContentRange ? bytes : bytes.subarray(start, end);
    }
  };
}

/**
 * Copy (or move) an object or a folder to another connection, streaming each object.
 * @param fromS3 - the source connection's client.
 * @param toS3 - the destination connection's client.
 * @param options - source, destination, overwrite, move, progress and abort signal.
 * @returns the keys written (for a move, what happened to the old keys' history).
 * @throws HeliumError `Conflict` (code `DestinationExists`, nothing written) when a destination
 *   key exists and `overwrite` was not asked, `NotFound`, `AccessDenied`, `Cancelled` (the copies
 *   made so far stay; a move deletes no source)…
 */
export async function copyAcrossConnections(fromS3: S3Client, toS3: S3Client, options: CopyAcrossOptions): Promise<MoveResult> {
  const { from, to, overwrite = false, onProgress, signal, move = false } = options;
  const plan = await planMove(fromS3, from, to, signal, toS3);
  assertNoConflict(plan, to, overwrite);
  const sourceVersioning: VersioningState = move ? await getBucketVersioning(fromS3, from.bucket) : 'Off';
  const progress: MoveProgress = { objectsDone: 0, objectsTotal: plan.items.length, bytesDone: 0, bytesTotal: plan.bytes };
  onProgress?.({ ...progress });
  const moved: MoveResult['moved'] = [];
  const what = `Copying ${formatS3Uri(from)}`;
  await mapWithConcurrency(plan.items, options.concurrency ?? 2, async item => {
    throwIfAborted(signal, what);
    const source = await readCopySource(fromS3, { bucket: from.bucket, key: item.from, signal });
    let before = 0;
    const written = await uploadObject(toS3, {
      bucket: to.bucket,
      key: item.to,
      source: s3VersionSource(fromS3, source, signal),
      contentType: source.headers.contentType,
      userMetadata: source.info.userMetadata,
      concurrency: options.partsInFlight ?? 4,
      signal,
      onProgress: ({ transferredBytes }) => {
        progress.bytesDone += transferredBytes - before;
        before = transferredBytes;
        onProgress?.({ ...progress });
      }
    });
    progress.bytesDone += source.info.size - before;
    progress.objectsDone += 1;
    moved.push(written.versionId ? { from: item.from, to: item.to, versionId: written.versionId } : { from: item.from, to: item.to });
    onProgress?.({ ...progress });
  });
  if (move) {
    // Only now that every copy exists: no signal, so a cancel never stops half-way through.
    await mapWithConcurrency(plan.items, 4, item => deleteObject(fromS3, { bucket: from.bucket, key: item.from }));
  }
  return {
    moved,
    bytes: progress.bytesDone,
    sourceVersioning,
    historyNote: move ? moveHistoryNote(sourceVersioning) : null
  };
}

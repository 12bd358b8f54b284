/**
 * `helium rm s3://bucket/key [--recursive] [--yes]`, `helium rm s3://bucket/key --version ID --yes`
 * (one version, for good) and `helium cp s3://a/k s3://b/k2`.
 */
import { HeliumError } from '../service/error-class';
import { mapWithConcurrency } from '../service/concurrency';
import { listPrefixPages } from '../service/listing';
import { copyObject, deleteObject, DeleteResult, headObject } from '../service/objects';
import { basename, formatS3Uri, writeKeyProblem } from '../service/uri';
import { deleteVersion, isDeleteMarkerError } from '../service/versions';
import { getBucketVersioning } from '../service/versioning';
import type { CliContext } from './context';
import { indexAfterWrites } from './index-after-writes';
import { UsageError } from './errors';
import { safeText } from './output';
import { parseUriArgument, withVersionOption } from './uri-args';

/** Options of `helium rm`. */
export interface RmOptions {
  recursive?: boolean;
  yes?: boolean;
  /** `--version ID`: delete that one version for good (needs `--yes`). */
  version?: string;
}

/** One deleted object, as reported. */
interface Deleted {
  uri: string;
  key: string;
  /** The version removed for good (with `--version` or `?versionId=`), if any. */
  versionId?: string;
  /** The id of the delete marker now hiding the object (versioned buckets). */
  deleteMarkerVersionId?: string;
  deleteMarker: boolean;
  /** Whether it is gone for good: a version removed, or an object of a bucket that keeps no versions. */
  permanent: boolean;
}

/** What an unversioned bucket's deletion means, said after each one (as the S3 console warns). */
const PERMANENT = 'deleted permanently: the bucket keeps no versions, so it cannot be brought back';

/**
 * Ask before deleting, on a terminal, unless `--yes`.
 * @param ctx - the context.
 * @param question - what will be deleted.
 * @param yes - `--yes`.
 * @throws HeliumError `Cancelled` when the answer is not yes.
 */
async function confirmOrStop(ctx: CliContext, question: string, yes: boolean | undefined, bucket: string): Promise<void> {
  if (yes || !ctx.canAsk) {
    return;
  }
  // Warn before, as the S3 console does, when nothing will be left to restore (unknown: no warning).
  const state = await getBucketVersioning(ctx.s3, bucket).catch(() => undefined);
  const warning = state === 'Off' ? ` It will be deleted permanently: bucket "${safeText(bucket)}" keeps no versions.` : '';
  const answer = await ctx.confirm(`${question}${warning}`);
  if (answer === false) {
    throw new HeliumError('Cancelled', 'Nothing was deleted.', { code: 'Declined' });
  }
}

/**
 * Delete one version for good, only with `--yes` (it cannot be undone), after checking it exists
 * (S3 would silently accept a version id that is not there).
 * @param ctx - the context.
 * @param ref - bucket, key and version id.
 * @param yes - `--yes`.
 * @returns what S3 removed (`deleteMarker: true` when it was a delete marker).
 * @throws UsageError without `--yes`; HeliumError `NotFound` when the version does not exist.
 */
async function removeVersion(
  ctx: CliContext,
  ref: { bucket: string; key: string; versionId: string },
  yes: boolean | undefined
): Promise<DeleteResult> {
  if (!yes) {
    throw new UsageError(
      `Deleting version ${safeText(ref.versionId)} of ${safeText(formatS3Uri({ ...ref, versionId: undefined }))} is permanent: that version cannot be brought back. Add --yes to delete it for good (or drop --version to hide the object behind a delete marker instead). Nothing was deleted.`,
      'ConfirmPermanent'
    );
  }
  try {
    await headObject(ctx.s3, { ...ref, signal: ctx.signal });
  } catch (err) {
    // A delete marker has no content to HEAD, but removing it is fine (it undeletes the object).
    if (!isDeleteMarkerError(err)) {
      throw err;
    }
  }
  return deleteVersion(ctx.s3, { ...ref, permanently: true });
}

/**
 * Run `helium rm`.
 * @param ctx - the context.
 * @param uri - the object, or the prefix with `--recursive`.
 * @param options - `--recursive`, `--yes`, `--version`.
 */
export async function rm(ctx: CliContext, uri: string, options: RmOptions): Promise<void> {
  const location = withVersionOption(parseUriArgument(uri, 'rm'), options.version);
  const { bucket, versionId } = location;
  const deleted: Deleted[] = [];
  const report = async (key: string, result: { versionId?: string; deleteMarker: boolean }, removedVersion?: string) => {
    // S3 answers a delete in a bucket that keeps versions (or has kept them) with a delete marker.
    const permanent = Boolean(removedVersion) || !result.deleteMarker;
    const item: Deleted = { uri: formatS3Uri({ bucket, key }), key, deleteMarker: result.deleteMarker, permanent };
    if (removedVersion) {
      item.versionId = removedVersion;
    } else if (result.deleteMarker && result.versionId) {
      item.deleteMarkerVersionId = result.versionId;
    }
    deleted.push(item);
    if (!ctx.json) {
      const where = safeText(formatS3Uri({ bucket, key, versionId: removedVersion }));
      const how = removedVersion
        ? ' (that version is gone for good)'
        : result.deleteMarker && !options.recursive
          ? ' (versioned bucket: a delete marker now hides it; its earlier versions are kept and can be restored)'
          : permanent
            ? ` (${PERMANENT})`
            : '';
      await ctx.out.line(`delete: ${where}${how}`);
    }
  };

  try {
    if (!options.recursive) {
      if (location.key === '' || location.key.endsWith('/')) {
        throw new UsageError(
          `${safeText(formatS3Uri({ bucket, key: location.key }))} is a folder: add --recursive to delete everything under it.`,
          'IsFolder'
        );
      }
      if (versionId) {
        const result = await removeVersion(ctx, { bucket, key: location.key, versionId }, options.yes);
        await report(location.key, result, versionId);
      } else {
        // Deleting a key that is not there would succeed silently (and add a delete marker).
        const info = await headObject(ctx.s3, { bucket, key: location.key, signal: ctx.signal });
        const what = safeText(formatS3Uri({ bucket, key: location.key }));
        await confirmOrStop(ctx, `Delete ${what} (${info.size} bytes)?`, options.yes, bucket);
        const result = await deleteObject(ctx.s3, { bucket, key: location.key });
        await report(location.key, result);
      }
    } else {
      if (versionId) {
        throw new UsageError('--recursive deletes the current objects under a prefix; it cannot take a version.', 'Usage');
      }
      // `rm s3://b/data --recursive` means the folder data/, never also data2/.
      const prefix = location.key === '' || location.key.endsWith('/') ? location.key : `${location.key}/`;
      const keys: string[] = [];
      for await (const page of listPrefixPages(ctx.s3, { bucket, prefix, delimiter: '', signal: ctx.signal })) {
        keys.push(...page.objects.map(o => o.key));
      }
      if (prefix !== '') {
        // The folder's own marker object, which listings leave out.
        const marker = await headObject(ctx.s3, { bucket, key: prefix, signal: ctx.signal }).catch(() => undefined);
        if (marker) {
          keys.push(prefix);
        }
      }
      const where = safeText(formatS3Uri({ bucket, key: prefix }));
      if (keys.length === 0) {
        throw new HeliumError('NotFound', `Nothing to delete: there are no objects under ${where}.`, { code: 'NoSuchKey' });
      }
      await confirmOrStop(ctx, `Delete ${keys.length} object${keys.length === 1 ? '' : 's'} under ${where}?`, options.yes, bucket);
      await mapWithConcurrency(keys, 8, async key => {
        if (ctx.signal.aborted) {
          throw new HeliumError('Cancelled', `Deleting under ${where} was cancelled.`, { code: 'AbortError' });
        }
        const result = await deleteObject(ctx.s3, { bucket, key });
        await report(key, result);
      });
    }
  } finally {
    // Also after a partial failure: what was deleted is gone. A recursive delete syncs its prefix
    // (one listing) rather than HEADing every key.
    const prefix = location.key === '' || location.key.endsWith('/') ? location.key : `${location.key}/`;
    const writes = options.recursive
      ? deleted.length > 0
        ? [{ key: prefix, type: 'folder' as const }]
        : []
      : deleted.map(d => ({ key: d.key, type: 'delete' as const }));
    await indexAfterWrites(ctx, bucket, writes);
  }
  if (ctx.json) {
    await ctx.out.result({ deleted });
  } else if (options.recursive) {
    const markers = deleted.filter(d => d.deleteMarker).length;
    ctx.out.note(
      markers > 0
        ? `${deleted.length} deleted. Versioned bucket: delete markers now hide ${markers === deleted.length ? 'them' : `${markers} of them`}; their earlier versions are kept and can be restored.`
        : `${deleted.length} ${PERMANENT.replace(': the bucket', `: bucket "${safeText(bucket)}"`).replace('so it cannot', 'so they cannot')}.`
    );
  }
}

/**
 * Run `helium cp`: a server-side copy (of an object or one of its versions).
 * @param ctx - the context.
 * @param from - the source object (optionally `?versionId=`).
 * @param to - the target key, or a prefix ending in `/`.
 */
export async function cp(ctx: CliContext, from: string, to: string): Promise<void> {
  const source = parseUriArgument(from, 'cp');
  const target = parseUriArgument(to, 'cp');
  if (source.key === '' || source.key.endsWith('/')) {
    throw new UsageError(
      `${safeText(formatS3Uri(source))} is a folder; helium cp copies one object. Name an object, e.g. s3://bucket/data/file.csv.`,
      'IsFolder'
    );
  }
  if (target.versionId) {
    throw new UsageError('The target of cp cannot have a ?versionId=: a copy always makes a new version.', 'Usage');
  }
  const key = target.key === '' || target.key.endsWith('/') ? `${target.key}${basename(source.key)}` : target.key;
  // A new object's key is one a person names: the source may have any key S3 holds, the copy not.
  const problem = writeKeyProblem(key);
  if (problem) {
    throw new HeliumError(
      'InvalidInput',
      `Cannot copy to ${safeText(formatS3Uri({ bucket: target.bucket, key }))}: ${problem} Nothing was copied.`,
      {
        code: 'InvalidKey'
      }
    );
  }
  if (!source.versionId && source.bucket === target.bucket && source.key === key) {
    // S3 refuses it ("This copy request is illegal…"): a copy onto itself changes nothing. (A
    // version copied on top of its own key is a restore, which S3 allows.)
    const self = safeText(formatS3Uri(source));
    throw new UsageError(
      `Copying ${self} onto itself changes nothing (S3 refuses it). To give it new metadata: helium meta ${self} --set '{"key": "value"}' (a new version); to bring back an older version: helium restore ${self} --version ID. Nothing was copied.`,
      'CopyToItself'
    );
  }
  // S3 names neither side when the source is missing: check it first, for a clear message.
  await headObject(ctx.s3, { ...source, signal: ctx.signal });
  const result = await copyObject(ctx.s3, {
    from: source,
    to: { bucket: target.bucket, key },
    signal: ctx.signal
  });
  await indexAfterWrites(ctx, target.bucket, [{ key, type: 'put' }]);
  const toUri = formatS3Uri({ bucket: target.bucket, key });
  if (ctx.json) {
    await ctx.out.result({
      copied: {
        from: formatS3Uri(source),
        to: toUri,
        versionId: result.versionId ?? null,
        sourceVersionId: result.sourceVersionId ?? null,
        etag: result.etag,
        checksumSha256: result.checksumSha256 ?? null
      }
    });
  } else {
    const version = result.versionId ? ` (version ${safeText(result.versionId)})` : '';
    await ctx.out.line(`copy: ${safeText(formatS3Uri(source))} to ${safeText(toUri)}${version}`);
  }
}

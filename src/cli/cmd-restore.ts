/**
 * `helium restore s3://bucket/key --version ID` (copy that version on top: a new version, history
 * kept) and `helium undelete s3://bucket/key` (remove the delete marker hiding the object).
 */
import { formatS3Uri } from '../service/uri';
import { restoreVersion, undeleteObject } from '../service/versions';
import type { CliContext } from './context';
import { indexAfterWrites } from './index-after-writes';
import { UsageError } from './errors';
import { formatBytes, safeText } from './output';
import { parseObjectArgument } from './uri-args';

/** Options of `helium restore`. */
export interface RestoreOptions {
  version?: string;
}

/**
 * Run `helium restore`.
 * @param ctx - the context.
 * @param uri - the object (optionally `?versionId=`).
 * @param options - `--version`.
 */
export async function restore(ctx: CliContext, uri: string, options: RestoreOptions): Promise<void> {
  const { bucket, key, versionId } = parseObjectArgument(uri, 'restore', options.version);
  if (!versionId) {
    throw new UsageError(
      `Which version? Add --version ID (helium versions ${safeText(formatS3Uri({ bucket, key }))} lists them).`,
      'Usage'
    );
  }
  const result = await restoreVersion(ctx.s3, { bucket, key, versionId, signal: ctx.signal });
  await indexAfterWrites(ctx, bucket, [{ key, type: 'put' }]);
  const target = formatS3Uri({ bucket, key });
  if (ctx.json) {
    await ctx.out.result({
      restored: {
        uri: target,
        written: result.written,
        versionId: result.versionId ?? null,
        sourceVersionId: result.sourceVersionId,
        size: result.size,
        etag: result.etag ?? null,
        checksumSha256: result.checksumSha256 ?? null,
        multipart: result.multipart
      }
    });
  } else if (result.written) {
    await ctx.out.line(
      `restore: ${safeText(formatS3Uri({ bucket, key, versionId }))} to ${safeText(target)} (new version ${safeText(result.versionId ?? '?')}, ${formatBytes(result.size)})`
    );
    ctx.out.note('Every earlier version is kept.');
  } else {
    await ctx.out.line(`restore: ${safeText(target)} already is version ${safeText(versionId)}; nothing written.`);
  }
}

/**
 * Run `helium undelete`.
 * @param ctx - the context.
 * @param uri - the object.
 */
export async function undelete(ctx: CliContext, uri: string): Promise<void> {
  const location = parseObjectArgument(uri, 'undelete');
  if (location.versionId) {
    throw new UsageError('undelete takes the object without a version: it removes the delete marker on top.', 'Usage');
  }
  const { bucket, key } = location;
  const result = await undeleteObject(ctx.s3, { bucket, key, signal: ctx.signal });
  await indexAfterWrites(ctx, bucket, [{ key, type: 'put' }]);
  const target = formatS3Uri({ bucket, key });
  if (ctx.json) {
    await ctx.out.result({
      undeleted: {
        uri: target,
        removedDeleteMarkers: result.removedDeleteMarkers,
        versionId: result.current.versionId,
        size: result.current.size
      }
    });
    return;
  }
  const markers = result.removedDeleteMarkers.map(safeText).join(', ');
  await ctx.out.line(
    `undelete: ${safeText(target)} is back (current version ${safeText(result.current.versionId)}, ${formatBytes(result.current.size)}); removed delete marker${result.removedDeleteMarkers.length > 1 ? 's' : ''} ${markers}`
  );
}

/**
 * `helium restore s3://bucket/key --version ID` (copy that version on top: a new version, history
 * kept), `helium restore s3://bucket/folder/ --snapshot REF` (the whole folder, see
 * cmd-restore-folder.ts) and `helium undelete s3://bucket/key` (remove the delete marker hiding
 * the object).
 */
import { formatS3Uri } from '../service/uri';
import { restoreFolderToSnapshot } from './cmd-restore-folder';
import { restoreVersion, undeleteObject } from '../service/versions';
import type { CliContext } from './context';
import { indexAfterWrites } from './index-after-writes';
import { UsageError } from './errors';
import { formatBytes, safeText } from './output';
import { parseObjectArgument, parseUriArgument } from './uri-args';

/** Options of `helium restore`. */
export interface RestoreOptions {
  /** One object's version to bring back. */
  version?: string;
  /** The snapshot to bring a folder back to (a top hash, a tag name or `latest`). */
  snapshot?: string;
  /** With `--snapshot`: the package whose tag or `latest` is meant. */
  package?: string;
  /** With `--snapshot`: do not ask. */
  yes?: boolean;
  /** With `--snapshot`: print the plan, write nothing. */
  dryRun?: boolean;
}

/**
 * Run the folder form, after refusing mixed forms before any request.
 * @param ctx - the context.
 * @param uri - the folder.
 * @param options - the options (`snapshot` set).
 * @param snapshot - `--snapshot`.
 */
async function restoreFolderForm(ctx: CliContext, uri: string, options: RestoreOptions, snapshot: string): Promise<void> {
  const location = parseUriArgument(uri, 'restore');
  if (options.version !== undefined || location.versionId !== undefined) {
    throw new UsageError('--snapshot restores a whole folder and --version (or ?versionId=) one object: give one of them.', 'Usage');
  }
  if (location.key !== '' && !location.key.endsWith('/')) {
    throw new UsageError(
      `--snapshot restores a folder: give it ending in "/" (s3://${safeText(location.bucket)}/${safeText(location.key)}/). For this one object, restore a version (--version ID), or get its copy as of the snapshot: helium get ${safeText(uri)} --snapshot ${safeText(snapshot)} FILE.`,
      'NotAFolder'
    );
  }
  await restoreFolderToSnapshot(ctx, { bucket: location.bucket, folder: location.key }, { ...options, snapshot });
}

/**
 * Run `helium restore`: one object to a version, or a folder to a snapshot.
 * @param ctx - the context.
 * @param uri - the object (optionally `?versionId=`), or the folder (with `--snapshot`).
 * @param options - `--version`, or `--snapshot` (with `--package`, `--yes`, `--dry-run`).
 */
export async function restore(ctx: CliContext, uri: string, options: RestoreOptions): Promise<void> {
  if (options.snapshot !== undefined) {
    return restoreFolderForm(ctx, uri, options, options.snapshot);
  }
  const folderOnly = (['package', 'yes', 'dryRun'] as const).filter(o => options[o] !== undefined);
  if (folderOnly.length > 0) {
    const names = { package: '--package', yes: '--yes', dryRun: '--dry-run' };
    throw new UsageError(
      `${folderOnly.map(o => names[o]).join(', ')} go${folderOnly.length === 1 ? 'es' : ''} with --snapshot (a folder's restore); restoring one object's version writes one new version without asking.`,
      'Usage'
    );
  }
  const given = parseUriArgument(uri, 'restore');
  if (given.key === '' || given.key.endsWith('/')) {
    throw new UsageError(
      `"${safeText(uri)}" is a bucket or folder: restore it to a snapshot with --snapshot HASH|TAG|latest (helium snapshots ${safeText(uri)} lists them); --version restores one object.`,
      'IsFolder'
    );
  }
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

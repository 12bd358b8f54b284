/**
 * `helium get … --snapshot HASH`: download a file, or a folder, exactly as a snapshot pinned it.
 * The URI is the file's (or folder's) address in the snapshotted folder as it is listed today; files
 * not pinned to a version of their own are checked before anything is written, and hashed as they are.
 */
import { withCreatedFolders } from './created-folders';
import { promises as fs } from 'fs';
import * as path from 'path';
import { HeliumError } from '../service/error-class';
import { mapWithConcurrency } from '../service/concurrency';
import { checkUnpinned, entriesUnder, findPinned, PinnedObject, readSnapshotByRef, snapshotFolder } from '../service/snapshots/as-of';
import { isImmutableVersionId } from '../service/snapshots/reuse';
import { basename, formatS3Uri } from '../service/uri';
import type { CliContext } from './context';
import { parseRefArgument } from './cmd-diff';
import { foldersAbove, isTagRef, tagTopHash } from './snapshot-tag';
import { UsageError } from './errors';
import type { GetOptions } from './cmd-get';
import {
  assertPlanSafe,
  downloadFiles,
  isDirectory,
  noteSkipped,
  PlannedDownload,
  SkippedKey,
  skippedError,
  skippedJson
} from './get-files';
import { safeText } from './output';
import { localPathForKey, unsafeKey } from './paths';
import { DEFAULT_FILE_WORKERS } from './transfer-queue';
import { parseUriArgument } from './uri-args';
import { notDownloadedError, notInS3Json, noteNotInS3 } from './snapshot-local-entries';

/**
 * Plan the download of a snapshot's files under a logical prefix into a folder. Files whose
 * logical keys are not paths inside the folder (a manifest not written by helium or quilt3 may
 * hold `..` ones) are set aside; two names that clash refuse the whole plan, before anything is
 * written.
 * @param pinned - the files, pinned.
 * @param prefix - the logical prefix they are under (`''` or ending in `/`).
 * @param root - the target folder (absolute).
 * @returns the files to download (and which of `pinned` each is), and those set aside.
 */
function planPinned(
  pinned: PinnedObject[],
  prefix: string,
  root: string
): { files: PlannedDownload[]; sources: PinnedObject[]; skipped: SkippedKey[] } {
  const files: PlannedDownload[] = [];
  const sources: PinnedObject[] = [];
  const skipped: SkippedKey[] = [];
  for (const p of pinned) {
    const local = localPathForKey(root, p.logicalKey.slice(prefix.length));
    if ('problem' in local) {
      skipped.push({
        location: { bucket: p.bucket, key: p.key, ...(p.versionId ? { versionId: p.versionId } : {}) },
        reason: local.problem
      });
      continue;
    }
    const file: PlannedDownload = { bucket: p.bucket, key: p.key, size: p.size, path: local.path };
    if (p.versionId) {
      file.versionId = p.versionId;
    }
    files.push(file);
    sources.push(p);
  }
  assertPlanSafe(files, [], root);
  return { files, sources, skipped };
}

/**
 * Check the snapshot's files that are not pinned to a version of their own (no version id, as
 * quilt3 writes when it pushes to a bucket that does not keep versions, or version "null") before
 * anything is downloaded: a HEAD each; refused when size or S3's checksum show other content.
 * When the checksum matches and the object has a version id of its own, that version is
 * downloaded; otherwise the bytes are hashed as they are written ({@link verifyingSink}).
 * @param ctx - the context.
 * @param pinned - the files, as the snapshot pins them.
 * @param files - their planned downloads, in the same order (changed in place).
 * @param concurrency - HEADs in flight.
 */
async function checkUnpinnedFiles(ctx: CliContext, pinned: PinnedObject[], files: PlannedDownload[], concurrency: number): Promise<void> {
  const unpinned = pinned.map((p, i) => ({ p, file: files[i] })).filter(({ p }) => !p.pinned);
  await mapWithConcurrency(unpinned, concurrency, async ({ p, file }) => {
    const { verified, info } = await checkUnpinned(ctx.s3, p, { signal: ctx.signal, consequence: 'Nothing was downloaded.' });
    if (verified && isImmutableVersionId(info.versionId)) {
      file.versionId = info.versionId;
    } else {
      file.verify = p;
    }
  });
}

/**
 * `helium get … --snapshot HASH`: download a file (or a folder) exactly as a snapshot pinned it.
 * @param ctx - the context.
 * @param uri - the file's or folder's address in the snapshotted folder.
 * @param target - the local file or folder.
 * @param snapshot - the snapshot's top hash (full, or ≥ 6 hex characters), or a tag of the
 *   package of the URI's folder (or of the nearest folder above it with one).
 * @param concurrency - ranges in flight.
 * @param options - the other options (`--version` is refused with `--snapshot`).
 */
export async function getAsOf(
  ctx: CliContext,
  uri: string,
  target: string,
  snapshot: string,
  concurrency: number,
  options: GetOptions
): Promise<void> {
  const source = parseUriArgument(uri, 'get');
  if (options.version !== undefined || source.versionId !== undefined) {
    throw new UsageError('--snapshot picks the version of each file; do not also give --version or ?versionId=.', 'Usage');
  }
  const ref = isTagRef(snapshot)
    ? await tagTopHash(
        ctx,
        {
          bucket: source.bucket,
          folders: foldersAbove(source.key),
          uri: formatS3Uri({ bucket: source.bucket, key: source.key }),
          package: options.package
        },
        snapshot
      )
    : parseRefArgument(snapshot, '--snapshot value');
  if (ref === 'latest') {
    throw new UsageError('--snapshot latest is the live folder: leave out --snapshot to download the current versions.', 'Usage');
  }
  const { bucket } = source;
  const manifest = await readSnapshotByRef(ctx.s3, bucket, ref);
  const folder = snapshotFolder(manifest, bucket);
  const short = manifest.topHash.slice(0, 12);
  if (folder !== null && !source.key.startsWith(folder)) {
    throw new HeliumError(
      'NotFound',
      `${safeText(uri)} is not in the folder snapshot ${short} was taken of (${safeText(formatS3Uri({ bucket, key: folder }))}). Give the file's address in that folder.`,
      { code: 'NoSuchEntry' }
    );
  }
  const logical = folder === null ? source.key : source.key.slice(folder.length);
  const extra = { snapshot: manifest.topHash };
  const targetAbs = path.resolve(target);
  const targetIsDir = (await isDirectory(targetAbs)) || /[/\\]$/.test(target);
  const single = logical !== '' && !logical.endsWith('/') ? findPinned(manifest, logical) : undefined;
  if (single) {
    let file = targetAbs;
    if (targetIsDir) {
      const local = localPathForKey(targetAbs, basename(logical));
      if ('problem' in local) {
        throw unsafeKey(
          { bucket: single.bucket, key: single.key, ...(single.versionId ? { versionId: single.versionId } : {}) },
          local.problem
        );
      }
      file = local.path;
    }
    const plan: PlannedDownload = { key: single.key, size: single.size, path: file };
    if (single.versionId) {
      plan.versionId = single.versionId;
    }
    await checkUnpinnedFiles(ctx, [single], [plan], concurrency);
    await withCreatedFolders(1, async folders => {
      await downloadFiles(ctx, single.bucket, [plan], concurrency, concurrency, undefined, extra, folders);
    });
    return;
  }
  const prefix = logical === '' || logical.endsWith('/') ? logical : `${logical}/`;
  // Files whose bytes are not in S3 (file:// keys) are named and left out; the others are downloaded.
  const { pinned, unreadable } = entriesUnder(manifest, prefix);
  if (pinned.length === 0 && unreadable.length === 0) {
    throw new HeliumError(
      'NotFound',
      `Snapshot ${short} has no file ${logical === '' ? '' : `"${safeText(logical)}" `}${logical === '' ? 'at all' : 'or folder by that name'} (logical keys are relative to ${safeText(formatS3Uri({ bucket, key: folder ?? '' }))}).`,
      { code: 'NoSuchEntry' }
    );
  }
  if (!targetIsDir && (await fs.stat(targetAbs).catch(() => null))) {
    throw new UsageError(
      `"${safeText(target)}" is a file; a folder of a snapshot is downloaded into a folder. Give a folder name.`,
      'Usage'
    );
  }
  const plan = planPinned(pinned, prefix, targetAbs);
  await checkUnpinnedFiles(ctx, plan.sources, plan.files, concurrency);
  noteSkipped(ctx, plan.skipped);
  noteNotInS3(ctx, unreadable);
  if (plan.files.length === 0 && unreadable.length > 0) {
    // Nothing to download: no folder is made.
    if (ctx.json) {
      await ctx.out.result({ ...extra, downloaded: [], skipped: [...skippedJson(plan.skipped), ...notInS3Json(unreadable)] });
    }
    throw notDownloadedError(unreadable, plan.skipped, 0);
  }
  await withCreatedFolders(plan.files.length, async folders => {
    await folders.make(targetAbs);
    const root = await fs.realpath(targetAbs);
    const workers = options.concurrency === undefined ? DEFAULT_FILE_WORKERS : concurrency;
    const more = { ...extra, skipped: [...skippedJson(plan.skipped), ...notInS3Json(unreadable)] };
    const archived = await downloadFiles(ctx, pinned[0].bucket, plan.files, concurrency, workers, root, more, folders);
    const skipped = [...plan.skipped, ...archived];
    const downloaded = plan.files.length - archived.length;
    if (unreadable.length > 0) {
      throw notDownloadedError(unreadable, skipped, downloaded);
    }
    if (skipped.length > 0) {
      throw skippedError(skipped, downloaded);
    }
  });
}

/**
 * `helium get s3://bucket/key[?versionId=…] [--version ID] <file|dir>` and `helium get s3://bucket/prefix/ <dir>`:
 * download an object to a file (or into a folder), or everything under a prefix into a folder.
 * With `--snapshot HASH`, the versions a snapshot pinned: the URI is the file's (or folder's)
 * address in the snapshotted folder, `s3://bucket/<folder><logical key>`, as it is listed today
 * (for a snapshot whose files come from several places, the key is the logical key itself).
 * Files are written through a temporary file renamed into place, and never outside the folder.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { HeliumError, isHeliumError } from '../service/errors';
import { listPrefixPages } from '../service/listing';
import { headObject } from '../service/objects';
import { DownloadResult, downloadObject } from '../service/transfers';
import { openFileSink } from '../service/transfers/node-fs';
import { basename, formatS3Uri } from '../service/uri';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { safeText } from './output';
import { assertInside, localPathForKey, relativeKeyProblem, unsafeKey } from './paths';
import { parseConcurrency } from './cmd-put';
import { DEFAULT_FILE_WORKERS, Job, runJobs } from './transfer-queue';
import { parseUriArgument, withVersionOption } from './uri-args';
import {
  checkUnpinned,
  PinnedObject,
  pinnedUnder,
  findPinned,
  readSnapshotByRef,
  snapshotFolder,
  verifyingSink
} from '../service/snapshots/as-of';
import { isImmutableVersionId } from '../service/snapshots/reuse';
import { mapWithConcurrency } from '../service/concurrency';
import { parseRefArgument } from './cmd-diff';

/** Options of `helium get`. */
export interface GetOptions {
  concurrency?: string;
  /** `--version ID`: the version to download (same as `?versionId=` in the URI). */
  version?: string;
  /** `--snapshot HASH`: download the versions this snapshot pinned. */
  snapshot?: string;
}

/** One planned download. */
interface PlannedDownload {
  key: string;
  versionId?: string;
  size: number;
  /** The final local path. */
  path: string;
  /**
   * A snapshot's file that is not pinned to a version of its own: its bytes are hashed as they
   * are written and the file is kept only when they have the snapshot's hash.
   */
  verify?: PinnedObject;
}

/**
 * Whether a local path is an existing folder.
 * @param p - the path.
 * @returns true when it is a folder.
 */
async function isDirectory(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => null))?.isDirectory() ?? false;
}

/**
 * Whether a prefix has any object under it.
 * @param ctx - the context.
 * @param bucket - the bucket.
 * @param prefix - the prefix (ends in `/`).
 * @returns true when something is there.
 */
async function prefixExists(ctx: CliContext, bucket: string, prefix: string): Promise<boolean> {
  for await (const page of listPrefixPages(ctx.s3, { bucket, prefix, delimiter: '/', pageSize: 1, signal: ctx.signal })) {
    return page.objects.length > 0 || page.folders.length > 0;
  }
  return false;
}

/**
 * Two keys that would land on the same local path (`a//b` and `a/b`), or a file where a folder
 * must be (`a` and `a/b`).
 * @param files - the planned files.
 * @param folders - the folders to create.
 * @param root - the target folder.
 * @returns a message about the first clash, or undefined.
 */
function findClash(files: PlannedDownload[], folders: string[], root: string): string | undefined {
  const fileKeys = new Map<string, string>();
  for (const file of files) {
    const other = fileKeys.get(file.path);
    if (other !== undefined) {
      return `Keys "${safeText(other)}" and "${safeText(file.key)}" would both be saved as "${safeText(file.path)}". Download them one by one, to names you choose. Nothing was downloaded.`;
    }
    fileKeys.set(file.path, file.key);
  }
  const dirs = new Set(folders);
  for (const file of files) {
    for (let dir = path.dirname(file.path); dir.length > root.length; dir = path.dirname(dir)) {
      dirs.add(dir);
    }
  }
  for (const [file, key] of fileKeys) {
    if (dirs.has(file)) {
      return `"${safeText(key)}" is both an object and a folder in S3, so it cannot be saved as both a file and a folder "${safeText(file)}". Download the object alone, to a name you choose. Nothing was downloaded.`;
    }
  }
  return undefined;
}

/**
 * Plan the download of everything under a prefix into a folder; refuse up front (nothing
 * written) when a key's name would lead outside the folder.
 * @param ctx - the context.
 * @param bucket - the bucket.
 * @param prefix - the prefix, ending in `/` (or empty for the whole bucket).
 * @param root - the target folder (absolute).
 * @returns the files to download and the folders to create (from folder marker objects).
 */
async function planPrefix(
  ctx: CliContext,
  bucket: string,
  prefix: string,
  root: string
): Promise<{ files: PlannedDownload[]; folders: string[] }> {
  const files: PlannedDownload[] = [];
  const folders: string[] = [];
  const unsafe: HeliumError[] = [];
  for await (const page of listPrefixPages(ctx.s3, { bucket, prefix, delimiter: '', signal: ctx.signal })) {
    for (const object of page.objects) {
      const relative = object.key.slice(prefix.length);
      try {
        if (relative.endsWith('/')) {
          // A folder marker: create the folder (if its name is safe), write no file.
          const problem = relativeKeyProblem(relative.slice(0, -1));
          if (problem) {
            throw unsafeKey(bucket, object.key, problem);
          }
          folders.push(localPathForKey(root, relative.slice(0, -1), bucket, object.key));
        } else {
          files.push({ key: object.key, size: object.size, path: localPathForKey(root, relative, bucket, object.key) });
        }
      } catch (err) {
        if (isHeliumError(err)) {
          unsafe.push(err);
        } else {
          throw err;
        }
      }
    }
  }
  if (unsafe.length > 0) {
    const more = unsafe.length > 1 ? ` (and ${unsafe.length - 1} more such key${unsafe.length > 2 ? 's' : ''})` : '';
    throw new HeliumError('InvalidInput', `${unsafe[0].message}${more} Nothing was downloaded.`, { code: 'UnsafeKey' });
  }
  const clash = findClash(files, folders, root);
  if (clash) {
    throw new HeliumError('InvalidInput', clash, { code: 'NameClash' });
  }
  return { files, folders };
}

/**
 * Download planned files.
 * @param ctx - the context.
 * @param bucket - the bucket.
 * @param files - what to download, and where.
 * @param concurrency - ranges of a large file in flight.
 * @param fileWorkers - small files in flight.
 * @param rootReal - the target folder's real path, when downloading into one.
 */
async function downloadFiles(
  ctx: CliContext,
  bucket: string,
  files: PlannedDownload[],
  concurrency: number,
  fileWorkers: number,
  rootReal?: string,
  extra: Record<string, unknown> = {}
): Promise<void> {
  const total = files.reduce((sum, f) => sum + f.size, 0);
  const progress = ctx.progress(total, files.length);
  const results: Record<string, unknown>[] = [];
  const byPath = new Map(files.map(f => [f.path, f]));
  const jobs: Job<DownloadResult>[] = files.map(file => ({
    id: file.path,
    size: file.size,
    run: async (signal, onBytes) => {
      const dir = path.dirname(file.path);
      await fs.mkdir(dir, { recursive: true });
      if (rootReal) {
        await assertInside(rootReal, dir, formatS3Uri({ bucket, key: file.key }));
      }
      const fileSink = await openFileSink(file.path);
      const sink = file.verify ? verifyingSink(fileSink, file.verify, 'Nothing was saved.') : fileSink;
      return downloadObject(ctx.s3, {
        bucket,
        key: file.key,
        ...(file.versionId ? { versionId: file.versionId } : {}),
        sink,
        concurrency,
        signal,
        onProgress: p => onBytes(p.transferredBytes)
      });
    }
  }));
  try {
    await runJobs(jobs, concurrency, ctx.signal, progress, async (job, result) => {
      const file = byPath.get(job.id) as PlannedDownload;
      const from = formatS3Uri({ bucket, key: file.key, versionId: file.versionId });
      results.push({
        uri: from,
        key: file.key,
        file: file.path,
        size: result.size,
        versionId: result.versionId ?? null,
        etag: result.etag ?? null
      });
      if (!ctx.json) {
        const shown = safeText(path.relative(process.cwd(), file.path) || file.path);
        progress.above(() => void ctx.out.line(`download: ${safeText(from)} to ${shown}`));
      }
    }, fileWorkers);
  } finally {
    progress.stop();
  }
  if (ctx.json) {
    await ctx.out.result({ ...extra, downloaded: results });
  } else if (files.length > 1) {
    ctx.out.note(`${files.length} files downloaded.`);
  }
}

/**
 * Run `helium get`.
 * @param ctx - the context.
 * @param uri - the object (optionally `?versionId=`), or a prefix ending in `/`.
 * @param target - the local file or folder.
 * @param options - `--concurrency`, `--version`.
 */
export async function get(ctx: CliContext, uri: string, target: string, options: GetOptions): Promise<void> {
  const concurrency = parseConcurrency(options.concurrency);
  if (options.snapshot !== undefined) {
    await getAsOf(ctx, uri, target, options.snapshot, concurrency, options);
    return;
  }
  const source = withVersionOption(parseUriArgument(uri, 'get'), options.version);
  const { bucket, versionId } = source;
  const targetAbs = path.resolve(target);
  const targetIsDir = (await isDirectory(targetAbs)) || /[/\\]$/.test(target);

  let prefix = source.key;
  if (source.key !== '' && !source.key.endsWith('/')) {
    let size: number | undefined;
    try {
      // HEAD first: the size, and a clear message when it is not there.
      size = (await headObject(ctx.s3, { bucket, key: source.key, versionId, signal: ctx.signal })).size;
    } catch (err) {
      // `get s3://b/data dir` where data/ is a folder: download the folder.
      if (!(isHeliumError(err, 'NotFound') && !versionId && (await prefixExists(ctx, bucket, `${source.key}/`)))) {
        throw err;
      }
      prefix = `${source.key}/`;
    }
    if (size !== undefined) {
      let file = targetAbs;
      if (targetIsDir) {
        const problem = relativeKeyProblem(source.key);
        if (problem) {
          throw unsafeKey(bucket, source.key, problem);
        }
        file = path.join(targetAbs, basename(source.key));
      }
      const plan: PlannedDownload = { key: source.key, size, path: file };
      if (versionId) {
        plan.versionId = versionId;
      }
      await downloadFiles(ctx, bucket, [plan], concurrency, concurrency);
      return;
    }
  }

  if (versionId) {
    throw new UsageError('A version (--version or ?versionId=) names one object version; it cannot be used to download a folder.', 'Usage');
  }
  if (!targetIsDir && (await fs.stat(targetAbs).catch(() => null))) {
    throw new UsageError(
      `"${safeText(target)}" is a file; a folder (s3://…/) is downloaded into a folder. Give a folder name.`,
      'Usage'
    );
  }
  // Plan (and refuse unsafe keys) before anything is created.
  const plan = await planPrefix(ctx, bucket, prefix, targetAbs);
  if (plan.files.length === 0 && plan.folders.length === 0) {
    throw new HeliumError('NotFound', `There is nothing under ${safeText(formatS3Uri({ bucket, key: prefix }))}.`, {
      code: 'NoSuchKey'
    });
  }
  await fs.mkdir(targetAbs, { recursive: true });
  const root = await fs.realpath(targetAbs);
  for (const folder of plan.folders) {
    await fs.mkdir(folder, { recursive: true });
    await assertInside(root, folder, folder);
  }
  await downloadFiles(ctx, bucket, plan.files, concurrency, options.concurrency === undefined ? DEFAULT_FILE_WORKERS : concurrency, root);
}

/**
 * Plan the download of a snapshot's files under a logical prefix into a folder; refuse up front
 * (nothing written) when a name would lead outside the folder or two names clash.
 * @param pinned - the files, pinned.
 * @param prefix - the logical prefix they are under (`''` or ending in `/`).
 * @param root - the target folder (absolute).
 * @returns the downloads.
 */
function planPinned(pinned: PinnedObject[], prefix: string, root: string): PlannedDownload[] {
  const files: PlannedDownload[] = [];
  const unsafe: HeliumError[] = [];
  for (const p of pinned) {
    try {
      const file: PlannedDownload = { key: p.key, size: p.size, path: localPathForKey(root, p.logicalKey.slice(prefix.length), p.bucket, p.key) };
      if (p.versionId) {
        file.versionId = p.versionId;
      }
      files.push(file);
    } catch (err) {
      if (!isHeliumError(err)) {
        throw err;
      }
      unsafe.push(err);
    }
  }
  if (unsafe.length > 0) {
    const more = unsafe.length > 1 ? ` (and ${unsafe.length - 1} more such key${unsafe.length > 2 ? 's' : ''})` : '';
    throw new HeliumError('InvalidInput', `${unsafe[0].message}${more} Nothing was downloaded.`, { code: 'UnsafeKey' });
  }
  const clash = findClash(files, [], root);
  if (clash) {
    throw new HeliumError('InvalidInput', clash, { code: 'NameClash' });
  }
  return files;
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
 * @param snapshot - the snapshot's top hash (full, or ≥ 6 hex characters).
 * @param concurrency - ranges in flight.
 * @param options - the other options (`--version` is refused with `--snapshot`).
 */
async function getAsOf(
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
  const ref = parseRefArgument(snapshot, '--snapshot value');
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
      const problem = relativeKeyProblem(basename(logical));
      if (problem) {
        throw unsafeKey(single.bucket, single.key, problem);
      }
      file = path.join(targetAbs, basename(logical));
    }
    const plan: PlannedDownload = { key: single.key, size: single.size, path: file };
    if (single.versionId) {
      plan.versionId = single.versionId;
    }
    await checkUnpinnedFiles(ctx, [single], [plan], concurrency);
    await downloadFiles(ctx, single.bucket, [plan], concurrency, concurrency, undefined, extra);
    return;
  }
  const prefix = logical === '' || logical.endsWith('/') ? logical : `${logical}/`;
  const pinned = pinnedUnder(manifest, prefix);
  if (pinned.length === 0) {
    throw new HeliumError(
      'NotFound',
      `Snapshot ${short} has no file ${logical === '' ? '' : `"${safeText(logical)}" `}${logical === '' ? 'at all' : 'or folder by that name'} (logical keys are relative to ${safeText(formatS3Uri({ bucket, key: folder ?? '' }))}).`,
      { code: 'NoSuchEntry' }
    );
  }
  const buckets = new Set(pinned.map(p => p.bucket));
  if (buckets.size > 1) {
    throw new HeliumError('InvalidInput', `The files of snapshot ${short} under "${safeText(prefix)}" are in several buckets; download them one by one.`, {
      code: 'SeveralBuckets'
    });
  }
  if (!targetIsDir && (await fs.stat(targetAbs).catch(() => null))) {
    throw new UsageError(`"${safeText(target)}" is a file; a folder of a snapshot is downloaded into a folder. Give a folder name.`, 'Usage');
  }
  const files = planPinned(pinned, prefix, targetAbs);
  await checkUnpinnedFiles(ctx, pinned, files, concurrency);
  await fs.mkdir(targetAbs, { recursive: true });
  const root = await fs.realpath(targetAbs);
  const workers = options.concurrency === undefined ? DEFAULT_FILE_WORKERS : concurrency;
  await downloadFiles(ctx, pinned[0].bucket, files, concurrency, workers, root, extra);
}

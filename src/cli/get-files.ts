/**
 * What `helium get` does once it knows what to download, with or without `--snapshot`: the plan
 * of one download, the check that a plan is safe (no two keys land on one path), the objects
 * skipped because their names are not paths inside the folder or because they are archived
 * (reported, the others downloaded, and the command fails at the end), and running the downloads
 * with progress and results.
 */
import { CreatedFolders } from './created-folders';
import { promises as fs } from 'fs';
import * as path from 'path';
import { HeliumError, isHeliumError } from '../service/error-class';
import type { PinnedObject } from '../service/snapshots/as-of';
import { verifyingSink } from '../service/snapshots/as-of';
import { DownloadResult, downloadObject } from '../service/transfers';
import { openFileSink } from '../service/transfers/node-fs';
import { formatS3Uri, S3Location } from '../service/uri';
import type { CliContext } from './context';
import { errorMessage } from './errors';
import { safeText } from './output';
import { assertInside, getAloneCommand } from './paths';
import { Job, runJobs } from './transfer-queue';

/** One planned download. */
export interface PlannedDownload {
  /** Its bucket, when not the one {@link downloadFiles} is given (a snapshot's files may be in several). */
  bucket?: string;
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
export async function isDirectory(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => null))?.isDirectory() ?? false;
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
 * Refuse a plan, before anything is written, when two keys clash.
 * @param files - the planned files.
 * @param folders - the folders to create.
 * @param root - the target folder (absolute).
 * @throws HeliumError `InvalidInput` (`NameClash`), saying nothing was downloaded.
 */
export function assertPlanSafe(files: PlannedDownload[], folders: string[], root: string): void {
  const clash = findClash(files, folders, root);
  if (clash) {
    throw new HeliumError('InvalidInput', clash, { code: 'NameClash' });
  }
}

/**
 * An object of a downloaded folder that is not saved: its name is not a path in the folder, or
 * (with `archived`) S3 would not serve its bytes.
 */
export interface SkippedKey {
  /** The object (and the version, for a snapshot's file). */
  location: S3Location;
  /** Why its name is not a path inside the folder; `archived` for an archived object. */
  reason: string;
  /** For an archived object: the engine's sentence, what it is and how to restore it. */
  message?: string;
}

/**
 * Say, before the downloads start, which objects will not be saved and how to get each alone.
 * @param ctx - the context (nothing is printed with `--json`: the result lists them).
 * @param skipped - the objects.
 */
export function noteSkipped(ctx: CliContext, skipped: readonly SkippedKey[]): void {
  for (const { location, reason } of skipped) {
    ctx.out.note(
      `skip: ${safeText(formatS3Uri(location))}: ${reason}, so it is not a path inside the folder. Download it alone: ${getAloneCommand(location)}`
    );
  }
}

/**
 * The skipped objects for the `--json` result.
 * @param skipped - the objects.
 * @returns `{uri, key, versionId, reason}` each.
 */
export function skippedJson(skipped: readonly SkippedKey[]): Record<string, unknown>[] {
  return skipped.map(({ location, reason }) => ({
    uri: formatS3Uri(location),
    key: location.key,
    versionId: location.versionId ?? null,
    reason
  }));
}

/**
 * The error a folder download ends with when objects were skipped (the others were downloaded).
 * @param skipped - the objects (at least one).
 * @param downloaded - how many files were downloaded.
 * @returns a HeliumError `InvalidInput` (code `SkippedKeys`).
 */
export function skippedError(skipped: readonly SkippedKey[], downloaded: number): HeliumError {
  const n = skipped.length;
  const objects = `${n.toLocaleString('en-US')} object${n === 1 ? '' : 's'}`;
  const counts = `${objects} of the folder ${n === 1 ? 'was' : 'were'} not downloaded (${downloaded.toLocaleString('en-US')} ${downloaded === 1 ? 'was' : 'were'})`;
  // Archived objects' skip lines each say what to do; for names alone, it is said here.
  const why = skipped.some(s => s.message !== undefined)
    ? 'see "skip:" above for why, and what to do.'
    : `${n === 1 ? 'its name is' : 'their names are'} not a path inside the folder (see "skip:" above). Download ${n === 1 ? 'it' : 'each'} alone, to a file name you choose.`;
  return new HeliumError('InvalidInput', `${counts}: ${why}`, { code: 'SkippedKeys' });
}

/**
 * Download planned files.
 * @param ctx - the context.
 * @param defaultBucket - the bucket of files that do not name their own.
 * @param files - what to download, and where.
 * @param concurrency - ranges of a large file in flight.
 * @param fileWorkers - small files in flight.
 * @param rootReal - the target folder's real path, when downloading into one.
 * @param extra - more fields for the `--json` result (e.g. the snapshot, the skipped objects).
 * @param folders - records the local folders this run makes (see created-folders.ts).
 * @returns the archived objects of a folder download, skipped (the others were downloaded); the
 *   caller ends the command with {@link skippedError}. A single file's error is thrown instead.
 */
export async function downloadFiles(
  ctx: CliContext,
  defaultBucket: string,
  files: PlannedDownload[],
  concurrency: number,
  fileWorkers: number,
  rootReal?: string,
  extra: Record<string, unknown> = {},
  folders = new CreatedFolders()
): Promise<SkippedKey[]> {
  const total = files.reduce((sum, f) => sum + f.size, 0);
  const progress = ctx.progress(total, files.length);
  const results: Record<string, unknown>[] = [];
  const byPath = new Map(files.map(f => [f.path, f]));
  // Folders made for earlier files of this run: made once (each file still checks where it lands).
  const made = new Set<string>();
  // Folders already found inside the target folder (one realpath per folder, not per file).
  const inside = new Set<string>();
  const archived: SkippedKey[] = [];
  const jobs: Job<DownloadResult | { archived: SkippedKey }>[] = files.map(file => ({
    id: file.path,
    size: file.size,
    run: async (signal, onBytes) => {
      const bucket = file.bucket ?? defaultBucket;
      const dir = path.dirname(file.path);
      if (!made.has(dir)) {
        await folders.make(dir).catch(async (err: NodeJS.ErrnoException) => {
          // mkdir says only EEXIST when the folder itself is a file.
          if (err.code === 'EEXIST' && !(await isDirectory(dir))) {
            throw new HeliumError(
              'InvalidInput',
              `Cannot save ${safeText(formatS3Uri({ bucket, key: file.key, versionId: file.versionId }))} in "${safeText(dir)}": that is a file, not a folder.`,
              { code: 'ENOTDIR', cause: err }
            );
          }
          throw err;
        });
        made.add(dir);
      }
      if (rootReal && !inside.has(dir)) {
        await assertInside(rootReal, dir, formatS3Uri({ bucket, key: file.key }));
        inside.add(dir);
      }
      const existing = await fs.stat(file.path).catch(() => null);
      if (existing?.isDirectory()) {
        // Checked before reading: the rename at the end would fail, after the whole object.
        throw new HeliumError(
          'InvalidInput',
          `Cannot save ${safeText(formatS3Uri({ bucket, key: file.key, versionId: file.versionId }))} as "${safeText(file.path)}": that is a folder. Move it away, or download to another name.`,
          { code: 'EISDIR' }
        );
      }
      // Flushed before the rename only when it replaces a file (see FileSinkOptions).
      const fileSink = await openFileSink(file.path, { syncBeforeRename: existing !== null });
      const sink = file.verify ? verifyingSink(fileSink, file.verify, 'Nothing was saved.') : fileSink;
      try {
        return await downloadObject(ctx.s3, {
          bucket,
          key: file.key,
          ...(file.versionId ? { versionId: file.versionId } : {}),
          sink,
          concurrency,
          signal,
          onProgress: p => onBytes(p.transferredBytes)
        });
      } catch (err) {
        // An archived object (Glacier) is a fact about that object: the rest of the folder goes on.
        if (files.length > 1 && isHeliumError(err, 'Archived')) {
          const location = { bucket, key: file.key, ...(file.versionId ? { versionId: file.versionId } : {}) };
          return { archived: { location, reason: 'archived', message: errorMessage(err) } };
        }
        throw err;
      }
    }
  }));
  try {
    await runJobs(
      jobs,
      concurrency,
      ctx.signal,
      progress,
      async (job, result) => {
        if ('archived' in result) {
          archived.push(result.archived);
          progress.above(() => void ctx.out.note(`skip: ${safeText(result.archived.message ?? '')}`));
          return;
        }
        const file = byPath.get(job.id) as PlannedDownload;
        const from = formatS3Uri({ bucket: file.bucket ?? defaultBucket, key: file.key, versionId: file.versionId });
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
      },
      fileWorkers
    );
  } finally {
    progress.stop();
  }
  if (ctx.json) {
    const skipped = [...(Array.isArray(extra.skipped) ? extra.skipped : []), ...skippedJson(archived)];
    await ctx.out.result({ ...extra, downloaded: results, ...(skipped.length > 0 ? { skipped } : {}) });
  } else if (files.length > 1) {
    ctx.out.note(`${results.length.toLocaleString('en-US')} file${results.length === 1 ? '' : 's'} downloaded.`);
  }
  return archived;
}

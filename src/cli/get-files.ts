/**
 * What `helium get` does once it knows what to download, with or without `--snapshot`: the plan
 * of one download, the checks that a plan is safe (no name leads outside the target folder, no two
 * keys land on one path), and running the downloads with progress and results.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { HeliumError } from '../service/errors';
import type { PinnedObject } from '../service/snapshots/as-of';
import { verifyingSink } from '../service/snapshots/as-of';
import { DownloadResult, downloadObject } from '../service/transfers';
import { openFileSink } from '../service/transfers/node-fs';
import { formatS3Uri } from '../service/uri';
import type { CliContext } from './context';
import { safeText } from './output';
import { assertInside } from './paths';
import { Job, runJobs } from './transfer-queue';

/** One planned download. */
export interface PlannedDownload {
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
 * Refuse a plan, before anything is written, when keys had unsafe names or two keys clash.
 * @param unsafe - the errors of keys whose names would lead outside the folder.
 * @param files - the planned files.
 * @param folders - the folders to create.
 * @param root - the target folder (absolute).
 * @throws HeliumError `InvalidInput` (`UnsafeKey` or `NameClash`), saying nothing was downloaded.
 */
export function assertPlanSafe(unsafe: HeliumError[], files: PlannedDownload[], folders: string[], root: string): void {
  if (unsafe.length > 0) {
    const more = unsafe.length > 1 ? ` (and ${unsafe.length - 1} more such key${unsafe.length > 2 ? 's' : ''})` : '';
    throw new HeliumError('InvalidInput', `${unsafe[0].message}${more} Nothing was downloaded.`, { code: 'UnsafeKey' });
  }
  const clash = findClash(files, folders, root);
  if (clash) {
    throw new HeliumError('InvalidInput', clash, { code: 'NameClash' });
  }
}

/**
 * Download planned files.
 * @param ctx - the context.
 * @param bucket - the bucket.
 * @param files - what to download, and where.
 * @param concurrency - ranges of a large file in flight.
 * @param fileWorkers - small files in flight.
 * @param rootReal - the target folder's real path, when downloading into one.
 * @param extra - more fields for the `--json` result (e.g. the snapshot).
 */
export async function downloadFiles(
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

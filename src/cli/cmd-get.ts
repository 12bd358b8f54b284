/**
 * `helium get s3://bucket/key[?versionId=…] [--version ID] <file|dir>` and `helium get s3://bucket/prefix/ <dir>`:
 * download an object to a file (or into a folder), or everything under a prefix into a folder.
 * With `--snapshot HASH`, the versions a snapshot pinned: the URI is the file's (or folder's)
 * address in the snapshotted folder, `s3://bucket/<folder><logical key>`, as it is listed today
 * (for a snapshot whose files come from several places, the key is the logical key itself).
 * Files are written through a temporary file renamed into place, and never outside the folder:
 * objects whose names are not paths inside it (`.`, `..` or empty segments) are skipped with a
 * note saying how to download each alone, the others downloaded, and the command then fails.
 */
import { withCreatedFolders } from './created-folders';
import { promises as fs } from 'fs';
import * as path from 'path';
import { HeliumError, isHeliumError } from '../service/error-class';
import { listPrefixPages } from '../service/listing';
import { headObject } from '../service/objects';
import { basename, formatS3Uri } from '../service/uri';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { safeText } from './output';
import { assertInside, localPathForKey, unsafeKey } from './paths';
import { parseConcurrency } from './cmd-put';
import { getAsOf } from './cmd-get-snapshot';
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
import { DEFAULT_FILE_WORKERS } from './transfer-queue';
import { parseUriArgument, withVersionOption } from './uri-args';

/** Options of `helium get`. */
export interface GetOptions {
  concurrency?: string;
  /** `--version ID`: the version to download (same as `?versionId=` in the URI). */
  version?: string;
  /** `--snapshot REF`: download the versions this snapshot (a top hash or a tag) pinned. */
  snapshot?: string;
  /** `--package NAME`: whose tag `--snapshot` names, when the folder has several packages. */
  package?: string;
}

/**
 * Whether a prefix has any object under it.
 * @param ctx - the context.
 * @param bucket - the bucket.
 * @param prefix - the prefix (ends in `/`).
 * @returns true when something is there.
 */
async function prefixExists(ctx: CliContext, bucket: string, prefix: string): Promise<boolean> {
  // The folder's own key counts: an empty folder exists.
  const pages = listPrefixPages(ctx.s3, { bucket, prefix, delimiter: '/', pageSize: 1, keepPrefixObject: true, signal: ctx.signal });
  for await (const page of pages) {
    return page.objects.length > 0 || page.folders.length > 0;
  }
  return false;
}

/** What a folder download will do. */
interface PrefixPlan {
  /** The files to download. */
  files: PlannedDownload[];
  /** The folders to create (from folder marker objects). */
  folders: string[];
  /** Objects whose names are not paths inside the folder: not downloaded, reported. */
  skipped: SkippedKey[];
  /** Whether the folder is an object of its own (`prefix/`, e.g. an empty folder made in the console). */
  ownKey: boolean;
}

/**
 * Why an object whose key ends in `/` is not saved by a folder download: it holds bytes, and such
 * a key is a folder here (S3 allows it; a folder marker is empty).
 * @param size - its size.
 * @returns the reason, for the skip line.
 */
function bytesInFolderName(size: number): string {
  return `its name ends in "/" but it holds ${size.toLocaleString('en-US')} byte${size === 1 ? '' : 's'} (a folder marker is empty)`;
}

/**
 * Plan the download of everything under a prefix into a folder. Objects whose names are not
 * paths inside the folder are set aside (see `relativeKeyProblem`), and so are objects with
 * bytes whose key ends in `/` (the prefix's own included): they are reported with the version
 * to download them by, never dropped in silence. Two keys that would land on one path refuse the
 * whole plan, before anything is written.
 * @param ctx - the context.
 * @param bucket - the bucket.
 * @param prefix - the prefix, ending in `/` (or empty for the whole bucket).
 * @param root - the target folder (absolute).
 * @returns the plan.
 */
async function planPrefix(ctx: CliContext, bucket: string, prefix: string, root: string): Promise<PrefixPlan> {
  const plan: PrefixPlan = { files: [], folders: [], skipped: [], ownKey: false };
  const withBytes: SkippedKey[] = [];
  const pages = listPrefixPages(ctx.s3, { bucket, prefix, delimiter: '', keepPrefixObject: true, signal: ctx.signal });
  for await (const page of pages) {
    for (const object of page.objects) {
      const relative = object.key.slice(prefix.length);
      if (object.size > 0 && (relative === '' || relative.endsWith('/'))) {
        withBytes.push({ location: { bucket, key: object.key }, reason: bytesInFolderName(object.size) });
      }
      if (relative === '') {
        plan.ownKey = true;
        continue; // the folder itself
      }
      // A folder marker (`a/b/`) makes a folder and writes no file.
      const marker = relative.endsWith('/');
      const local = localPathForKey(root, marker ? relative.slice(0, -1) : relative);
      if ('problem' in local) {
        plan.skipped.push({ location: { bucket, key: object.key }, reason: local.problem });
      } else if (marker) {
        plan.folders.push(local.path);
      } else {
        plan.files.push({ key: object.key, size: object.size, path: local.path });
      }
    }
  }
  assertPlanSafe(plan.files, plan.folders, root);
  // Rare: one HEAD each, for the version that downloads it alone ("null" in an unversioned bucket).
  for (const skipped of withBytes) {
    const head = await headObject(ctx.s3, { ...skipped.location, signal: ctx.signal });
    plan.skipped.push({ ...skipped, location: { ...skipped.location, versionId: head.versionId ?? 'null' } });
  }
  return plan;
}

/**
 * Run `helium get`.
 * @param ctx - the context.
 * @param uri - the object (optionally `?versionId=`), or a prefix ending in `/`.
 * @param target - the local file or folder.
 * @param options - `--concurrency`, `--version`.
 */
export async function get(ctx: CliContext, uri: string, target: string, options: GetOptions): Promise<void> {
  if (target === '-') {
    // `aws s3 cp s3://… -` streams to stdout; here it would make a file named "-".
    throw new UsageError(
      'helium get does not write to standard output ("-"): give a file or folder name (a file named "-" is ./-).',
      'Usage'
    );
  }
  if (options.package !== undefined && options.snapshot === undefined) {
    throw new UsageError('--package names whose tag --snapshot gives: use it with --snapshot TAG.', 'Usage');
  }
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
  // A key ending in "/" is a folder, unless a version names one object (one with bytes, which a
  // folder download reports and skips, is downloaded that way).
  if (source.key !== '' && (!source.key.endsWith('/') || versionId)) {
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
        // Into a folder, under the last segment of its key (any key works to a file name given).
        const local = localPathForKey(targetAbs, basename(source.key));
        if ('problem' in local) {
          throw unsafeKey(source, local.problem);
        }
        file = local.path;
      }
      const plan: PlannedDownload = { key: source.key, size, path: file };
      if (versionId) {
        plan.versionId = versionId;
      }
      // The folders made for the file go again if it is not saved (Ctrl-C, an error).
      await withCreatedFolders(1, async folders => {
        await downloadFiles(ctx, bucket, [plan], concurrency, concurrency, undefined, {}, folders);
      });
      return;
    }
  }

  if (versionId) {
    throw new UsageError('A version (--version or ?versionId=) names one object version; it cannot be used to download a folder.', 'Usage');
  }
  if (!targetIsDir && (await fs.stat(targetAbs).catch(() => null))) {
    throw new UsageError(`"${safeText(target)}" is a file; a folder (s3://…/) is downloaded into a folder. Give a folder name.`, 'Usage');
  }
  // Plan (and refuse clashing names) before anything is created.
  const plan = await planPrefix(ctx, bucket, prefix, targetAbs);
  if (plan.files.length === 0 && plan.folders.length === 0 && plan.skipped.length === 0 && plan.ownKey) {
    // An empty folder downloads as an empty folder (it said "There is nothing under …").
    await fs.mkdir(targetAbs, { recursive: true });
    ctx.out.note(`${safeText(formatS3Uri({ bucket, key: prefix }))} is an empty folder: made "${safeText(target)}".`);
    if (ctx.json) {
      await ctx.out.result({ downloaded: [], skipped: [] });
    }
    return;
  }
  if (plan.files.length === 0 && plan.folders.length === 0 && plan.skipped.length === 0) {
    throw new HeliumError('NotFound', `There is nothing under ${safeText(formatS3Uri({ bucket, key: prefix }))}.`, {
      code: 'NoSuchKey'
    });
  }
  noteSkipped(ctx, plan.skipped);
  await withCreatedFolders(plan.files.length, async folders => {
    await folders.make(targetAbs);
    const root = await fs.realpath(targetAbs);
    for (const folder of plan.folders) {
      await folders.make(folder);
      await assertInside(root, folder, folder);
    }
    const workers = options.concurrency === undefined ? DEFAULT_FILE_WORKERS : concurrency;
    const more = { skipped: skippedJson(plan.skipped) };
    const archived = await downloadFiles(ctx, bucket, plan.files, concurrency, workers, root, more, folders);
    const skipped = [...plan.skipped, ...archived];
    if (skipped.length > 0) {
      throw skippedError(skipped, plan.files.length - archived.length);
    }
  });
}

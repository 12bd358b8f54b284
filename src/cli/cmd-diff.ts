/**
 * `helium diff s3://bucket[/folder/] A B|latest [--folder prefix/] [--same]`: what changed between
 * two snapshots, or a snapshot and the live folder (`latest`), by content hash and metadata (never
 * ETags): a summary per folder (like lakeFS's change summary), then one line per changed file.
 * The exit code is 0 whether or not anything changed.
 */
import { changedCount, ENTRY_STATUSES } from '../service/snapshots/statuses';
import { describeSide, diffSnapshots, DiffSide, normalizeRef, SnapshotComparison } from '../service/snapshots/compare';
import { isHeliumError } from '../service/error-class';
import type { EntryStatus, ManifestEntry, StatusCounts } from '../service/snapshots/types';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { safeText } from './output';
import { StatusLine, describeLiveProgress } from './cmd-snapshot-progress';
import { jsonOutput, noteLeftOut } from './cmd-snapshot';
import { foldersAbove, isTagRef, tagTopHash } from './snapshot-tag';
import { parseUriArgument } from './uri-args';
import { formatS3Uri } from '../service/uri';

/** Options of `helium diff`. */
export interface DiffOptions {
  /** `--folder prefix/`: the live folder for `latest`. */
  folder?: string;
  /** `--same`: list unchanged files too. */
  same?: boolean;
  /** `--package`: whose tag a side names, when the folder has snapshots of several packages. */
  package?: string;
}

/** Column titles of the summary, per status. */
const COLUMNS: Record<EntryStatus, string> = {
  added: 'ADDED',
  deleted: 'DELETED',
  modified: 'MODIFIED',
  'metadata-changed': 'METADATA',
  'same-content-new-version': 'NEW VERSION',
  same: 'SAME'
};

/**
 * Check a snapshot argument: a top hash (6 to 64 hex characters) or `latest`.
 * @param ref - the argument.
 * @param what - which argument, for the message.
 * @returns the ref in lower case.
 * @throws UsageError when it is neither.
 */
export function parseRefArgument(ref: string, what: string): string {
  try {
    return normalizeRef(ref, what);
  } catch (err) {
    if (isHeliumError(err)) {
      // The CLI also takes tags there (snapshot-tag.ts), which the engine's ref does not.
      throw new UsageError(
        `The ${what} "${safeText(ref)}" is neither a snapshot's top hash (6 to 64 hex characters, e.g. 9adfc26d4d85), a tag (helium tags lists them), nor "latest" (the live folder).`,
        err.code ?? 'InvalidTopHash'
      );
    }
    throw err;
  }
}

/**
 * The summary table: one row per folder with a change (and the whole diff as `(all)`).
 * @param folders - the per-folder counts.
 * @returns the lines.
 */
export function summaryLines(folders: Map<string, StatusCounts>): string[] {
  const rows = [...folders.entries()]
    .filter(([folder, counts]) => folder === '' || changedCount(counts) > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const names = rows.map(([folder]) => (folder === '' ? '(all)' : safeText(folder)));
  const width = Math.max('FOLDER'.length, ...names.map(n => n.length));
  const header = ['FOLDER'.padEnd(width), ...ENTRY_STATUSES.map(s => COLUMNS[s])].join('  ');
  return [
    header,
    ...rows.map(([, counts], i) =>
      [names[i].padEnd(width), ...ENTRY_STATUSES.map(s => String(counts[s]).padStart(COLUMNS[s].length))].join('  ')
    )
  ];
}

/**
 * One changed file: its status (padded) and logical key.
 * @param status - the status.
 * @param logicalKey - the file.
 * @returns the line.
 */
export function changeLine(status: EntryStatus, logicalKey: string): string {
  return `${status.padEnd(24)}  ${safeText(logicalKey)}`;
}

/**
 * An entry as JSON.
 * @param entry - the entry, if any.
 * @returns its physical key, size, hash and metadata, or null.
 */
function entryJson(entry: ManifestEntry | undefined): Record<string, unknown> | null {
  if (!entry) {
    return null;
  }
  return { physicalKey: entry.physical_keys[0] ?? null, size: entry.size, hash: entry.hash, meta: jsonOutput(entry.meta ?? {}) };
}

/**
 * A side as JSON.
 * @param side - the side.
 * @returns a plain object.
 */
function sideJson(side: DiffSide): Record<string, unknown> {
  const json: Record<string, unknown> = { ref: side.ref, folder: side.folder, message: side.message, entries: side.entries };
  if (side.leftOut) {
    json.leftOut = side.leftOut;
  }
  return json;
}

/**
 * The `--json` document of a diff.
 * @param diff - the comparison.
 * @returns a plain object.
 */
export function diffJson(diff: SnapshotComparison): Record<string, unknown> {
  const folders: Record<string, StatusCounts> = {};
  for (const [folder, counts] of [...diff.folders.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    folders[folder] = counts;
  }
  return {
    bucket: diff.bucket,
    left: sideJson(diff.left),
    right: sideJson(diff.right),
    summary: diff.folders.get('') ?? null,
    folders,
    changes: diff.changes.map(c => ({ logicalKey: c.logicalKey, status: c.status, left: entryJson(c.left), right: entryJson(c.right) }))
  };
}

/**
 * Whether `helium diff`'s arguments compare objects (versions of one, or two objects) rather than
 * snapshots: a `--version`, a second `s3://` URI, or one object URI alone.
 * @param uri - the first argument.
 * @param left - the second, if any.
 * @param versions - the `--version` options.
 * @returns true for an object diff.
 */
export function isObjectDiff(uri: string, left: string | undefined, versions: string[] | undefined): boolean {
  if ((versions ?? []).length > 0 || (left !== undefined && /^s3:\/\//i.test(left))) {
    return true;
  }
  if (left !== undefined) {
    return false;
  }
  try {
    const { key } = parseUriArgument(uri, 'diff');
    return key !== '' && !key.endsWith('/');
  } catch {
    return false;
  }
}

/**
 * Run `helium diff` on snapshots.
 * @param ctx - the context.
 * @param uri - `s3://bucket` or `s3://bucket/folder/` (the folder is the same as `--folder`).
 * @param left - the older side: a top hash (≥ 6 hex), a tag or `latest`.
 * @param right - the newer side.
 * @param options - `--folder`, `--same`.
 */
export async function diff(
  ctx: CliContext,
  uri: string,
  left: string | undefined,
  right: string | undefined,
  options: DiffOptions
): Promise<void> {
  const location = parseUriArgument(uri, 'diff');
  if (left === undefined || right === undefined) {
    throw new UsageError(
      `A folder's diff takes two sides, snapshots (top hashes or tags) or latest: helium diff ${safeText(uri)} 3f2a9c latest (see helium snapshots). To compare versions of one object, name the object: helium diff s3://${location.bucket}/data/file.csv.`,
      'Usage'
    );
  }
  const leftRef = left;
  const rightRef = right;
  if (!isTagRef(leftRef)) {
    left = parseRefArgument(leftRef, 'left side');
  }
  if (!isTagRef(rightRef)) {
    right = parseRefArgument(rightRef, 'right side');
  }
  if (left === 'latest' && right === 'latest') {
    throw new UsageError('Both sides are "latest": name at least one snapshot (see helium snapshots).', 'NothingToCompare');
  }
  if (location.versionId) {
    throw new UsageError('helium diff compares snapshots, not versions: remove ?versionId= from the URI.', 'Usage');
  }
  if (location.key !== '' && !location.key.endsWith('/')) {
    throw new UsageError(
      `"${safeText(uri)}" is not a folder: give s3://${location.bucket} or a folder ending in "/", e.g. s3://${location.bucket}/data/.`,
      'NotAFolder'
    );
  }
  // `--folder /` is the bucket's root, as for the engine (no key starts a folder "/" here).
  let folder = options.folder === '/' ? '' : options.folder;
  if (folder !== undefined && folder !== '' && !folder.endsWith('/')) {
    folder = `${folder}/`;
  }
  if (location.key !== '') {
    if (folder !== undefined && folder !== location.key) {
      throw new UsageError(
        `The URI names folder "${safeText(location.key)}" but --folder says "${safeText(folder)}". Give the folder once.`,
        'FolderMismatch'
      );
    }
    folder = location.key;
  }
  // Tags last: their package is the folder's (or the nearest folder's above it).
  const tagged = {
    bucket: location.bucket,
    folders: foldersAbove(folder ?? ''),
    uri: formatS3Uri({ bucket: location.bucket, key: folder ?? '' })
  };
  if (isTagRef(leftRef)) {
    left = await tagTopHash(ctx, tagged, leftRef);
  }
  if (isTagRef(rightRef)) {
    right = await tagTopHash(ctx, tagged, rightRef);
  }
  const status = new StatusLine(ctx);
  let result: SnapshotComparison;
  try {
    result = await diffSnapshots(ctx.s3, {
      bucket: location.bucket,
      ...(folder !== undefined ? { folder } : {}),
      left,
      right,
      includeSame: Boolean(options.same),
      signal: ctx.signal,
      onProgress: p => status.show(describeLiveProgress(p))
    });
  } finally {
    status.stop();
  }
  if (ctx.json) {
    await ctx.out.result(diffJson(result));
    return;
  }
  const lines = [
    `--- ${safeText(describeSide(result.bucket, result.left))}`,
    `+++ ${safeText(describeSide(result.bucket, result.right))}`,
    '',
    ...summaryLines(result.folders)
  ];
  if (result.changes.length > 0) {
    lines.push('');
  }
  await ctx.out.write(`${lines.join('\n')}\n`);
  // Changed files in batches, so that a 100,000-line diff streams into a pipe.
  let text = '';
  for (const change of result.changes) {
    text += `${changeLine(change.status, change.logicalKey)}\n`;
    if (text.length > 64 * 1024) {
      await ctx.out.write(text);
      text = '';
    }
  }
  if (text) {
    await ctx.out.write(text);
  }
  const total = result.folders.get('');
  if (total && changedCount(total) === 0) {
    ctx.out.note('No differences.');
  }
  const leftOut = [...(result.left.leftOut ?? []), ...(result.right.leftOut ?? [])];
  if (leftOut.length > 0) {
    ctx.out.note(
      `${leftOut.length.toLocaleString('en-US')} object${leftOut.length === 1 ? '' : 's'} of the live folder ${leftOut.length === 1 ? 'was' : 'were'} not compared: no snapshot can hold ${leftOut.length === 1 ? 'its name' : 'their names'} (quilt3 refuses ".", ".." and empty path segments in a logical key).`
    );
    noteLeftOut(ctx, result.bucket, leftOut, 'not compared');
  }
}

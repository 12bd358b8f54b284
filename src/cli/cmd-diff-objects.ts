/**
 * `helium diff s3://bucket/key [--version A [--version B]]` and `helium diff s3://b/k1 s3://b/k2`:
 * two versions of an object, or two objects, compared. Text gets a unified diff (`diff -u`),
 * notebooks a cell-by-cell diff, JSON a path-by-path one (notebook-diff-text.ts, json-diff-text.ts);
 * Parquet and Arrow tables (and CSV/TSV with `--table` or `--key`) a table diff, rows matched by key
 * (table-diff-text.ts, with the diff tab's engine); other content, or objects over 8 MiB (tables:
 * 64 MiB, the diff tab's limit), are compared by their bytes. With one URI and no version,
 * the current version is compared with the one before it (what the last write changed).
 * The exit code is 0 whether or not they differ, as for snapshots.
 */
import { TABLE_MAX_BYTES, tableFormatFor } from '../service/diff/table-kind';
import { HeliumError } from '../service/error-class';
import { sameBytes } from '../service/formats/bytes';
import type { ObjectInfo } from '../service/object-info';
import { getObjectBytes, headObject } from '../service/objects-read';
import { formatS3Uri } from '../service/uri';
import type { S3Location } from '../service/uri';
import { extensionOf } from '../service/search/schema';
import { listVersions } from '../service/versions-list';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { formatBytes, formatDate, safeText } from './output';
import { jsonDiffText } from './json-diff-text';
import { notebookDiffText } from './notebook-diff-text';
import { asText, TEXT_DIFF_MAX_BYTES, unifiedDiff } from './object-diff-text';
import { summarizeTableDiff, tableDiffText } from './table-diff-text';
import type { TableDiffSummary } from './table-diff-text';
import { parseObjectArgument } from './uri-args';

/** Options of `helium diff` for objects. */
export interface ObjectDiffOptions {
  /** `--version ID`, once (that version against the current one) or twice (older, newer). */
  version?: string[];
  /** `-U, --context N`: lines of context (default 3). */
  context?: string;
  /** `--table`: a table diff for CSV and TSV too (Parquet and Arrow get one anyway). */
  table?: boolean;
  /** `--key COL` (repeatable, or comma-separated): the columns that match rows; implies `--table`. */
  key?: string[];
  /** `--rows N`: changed rows a table diff lists (default 20). */
  rows?: string;
}

/** The options checked: what compare() needs. */
interface Settings {
  context: number;
  /** `--table` or `--key` given. */
  table: boolean;
  /** The `--key` values as given (table-diff-run.ts resolveKeyColumns splits them against the columns). */
  keys: string[];
  rows: number;
}

/** One side: where it is and what S3 says about it. */
interface Side {
  location: S3Location;
  info: ObjectInfo;
}

/** How the two sides compare. */
type Outcome =
  | { kind: 'identical'; by: 'etag' | 'bytes' }
  | { kind: 'text'; patch: string }
  | { kind: 'structured'; text: string }
  | { kind: 'table'; summary: TableDiffSummary }
  | { kind: 'binary'; reason?: string }
  | { kind: 'too-big'; limit: number };

/**
 * Which two objects (or versions) to compare.
 * @param ctx - the context.
 * @param uri - the first URI.
 * @param other - a second URI, if given.
 * @param versions - the `--version` options.
 * @returns the older and the newer side's locations.
 */
async function chooseSides(ctx: CliContext, uri: string, other: string | undefined, versions: string[]): Promise<[S3Location, S3Location]> {
  if (versions.length > 2) {
    throw new UsageError('Give --version at most twice: the older version, then the newer one.', 'Usage');
  }
  if (other !== undefined) {
    return [parseObjectArgument(uri, 'diff', versions[0]), parseObjectArgument(other, 'diff', versions[1])];
  }
  const object = parseObjectArgument(uri, 'diff');
  if (object.versionId !== undefined && versions.length > 0) {
    throw new UsageError('Give the versions either as ?versionId= in the URI or as --version, not both.', 'Usage');
  }
  const given = object.versionId !== undefined ? [object.versionId] : versions;
  const at = (versionId: string | undefined): S3Location => ({
    bucket: object.bucket,
    key: object.key,
    ...(versionId ? { versionId } : {})
  });
  if (given.length === 2) {
    return [at(given[0]), at(given[1])];
  }
  if (given.length === 1) {
    return [at(given[0]), at(undefined)];
  }
  // What the last write changed: the two newest versions, when neither is a delete marker.
  const { versions: listed } = await listVersions(ctx.s3, { bucket: object.bucket, key: object.key, limit: 2, signal: ctx.signal });
  const shown = safeText(formatS3Uri(object));
  if (listed.length === 0) {
    throw new HeliumError('NotFound', `${shown} has no versions: the object does not exist.`, { code: 'NoSuchKey' });
  }
  if (listed[0].isDeleteMarker) {
    throw new HeliumError(
      'NotFound',
      `${shown} is deleted (a delete marker is its newest version): name the versions with --version twice (see helium versions).`,
      {
        code: 'DeleteMarker'
      }
    );
  }
  if (listed.length < 2 || listed[1].isDeleteMarker) {
    throw new HeliumError(
      'NotFound',
      `${shown} has no earlier version to compare its current one with${listed.length < 2 ? '' : ' (the one before it is a delete marker)'}: name one with --version (see helium versions).`,
      { code: 'NoEarlierVersion' }
    );
  }
  return [at(listed[1].versionId), at(listed[0].versionId)];
}

/**
 * Whether the sides get a table diff: when asked (`--table`, `--key`; then both must be tables),
 * or when both are tables and one is Parquet or Arrow (no line diff could show those).
 * @param left - the older side.
 * @param right - the newer side.
 * @param asked - `--table` or `--key` given.
 * @returns true for a table diff.
 * @throws UsageError when asked and a side is not a table format.
 */
function wantsTable(left: Side, right: Side, asked: boolean): boolean {
  const formats = [left, right].map(side => tableFormatFor(side.location.key, side.info.contentType));
  if (asked) {
    const other = [left, right].find((_side, i) => formats[i] === undefined);
    if (other) {
      throw new UsageError(
        `--table and --key compare tables, and ${safeText(formatS3Uri({ bucket: other.location.bucket, key: other.location.key }))} is not one: give .csv, .tsv, .parquet, .arrow or .feather objects (or a table Content-Type).`,
        'Usage'
      );
    }
    return true;
  }
  return formats.every(f => f !== undefined) && formats.some(f => f === 'parquet' || f === 'arrow');
}

/** The table diff's loading and comparing (table-diff-run.ts). */
type TableRun = typeof import('./table-diff-run');

/**
 * Load table-diff-run.ts, and with it apache-arrow and parquet-wasm, on first use: no other
 * command needs them.
 * @returns the module.
 * @throws HeliumError `TableReaderMissing` when a bundle was copied away from what it loads.
 */
async function tableRun(): Promise<TableRun> {
  try {
    return await import('./table-diff-run');
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new HeliumError('Unknown', `This helium cannot read tables: ${reason}.`, { code: 'TableReaderMissing' });
  }
}

/**
 * The table diff of two sides' bytes. Unless it was asked for, bytes that do not read as tables
 * (a damaged file, or a CLI install without the table readers) are compared as bytes, saying why.
 * @param ctx - the context.
 * @param sides - the older and the newer side.
 * @param bytes - their bytes.
 * @param settings - the checked options.
 * @returns the outcome.
 */
async function compareTables(ctx: CliContext, sides: [Side, Side], bytes: Uint8Array[], settings: Settings): Promise<Outcome> {
  const [left, right] = sides.map((side, i) => ({ bytes: bytes[i], key: side.location.key, contentType: side.info.contentType }));
  let run: TableRun;
  let tables: Awaited<ReturnType<TableRun['loadTables']>>;
  try {
    run = await tableRun();
    tables = await run.loadTables([left, right]);
  } catch (err) {
    if (settings.table || (err instanceof HeliumError && err.kind === 'Cancelled')) {
      throw err;
    }
    return { kind: 'binary', reason: err instanceof Error ? err.message : String(err) };
  }
  const { diff, chosen } = await run.diffTableSides(tables, settings.keys, ctx.signal);
  return { kind: 'table', summary: summarizeTableDiff(diff, chosen, settings.rows) };
}

/**
 * Compare two sides, reading their bytes only when their ETags cannot tell.
 * @param ctx - the context.
 * @param left - the older side.
 * @param right - the newer side.
 * @param settings - the checked options.
 * @returns how they compare.
 */
async function compare(ctx: CliContext, left: Side, right: Side, settings: Settings): Promise<Outcome> {
  const table = wantsTable(left, right, settings.table);
  if (left.info.etag && left.info.etag === right.info.etag && left.info.size === right.info.size) {
    return { kind: 'identical', by: 'etag' };
  }
  // A table is read whole to be compared: the diff tab's limit, not the line diff's.
  const limit = table ? TABLE_MAX_BYTES : TEXT_DIFF_MAX_BYTES;
  if (left.info.size > limit || right.info.size > limit) {
    return { kind: 'too-big', limit };
  }
  const [a, b] = await Promise.all(
    [left, right].map(async side => (await getObjectBytes(ctx.s3, { ...pinnedRead(side), signal: ctx.signal })).bytes)
  );
  if (sameBytes(a, b)) {
    return { kind: 'identical', by: 'bytes' };
  }
  if (table) {
    return compareTables(ctx, [left, right], [a, b], settings);
  }
  const [textA, textB] = [asText(a), asText(b)];
  if (textA === undefined || textB === undefined) {
    return { kind: 'binary' };
  }
  // By extension (notebooks cell by cell, JSON path by path), when both sides have the same one.
  const extension = extensionOf(left.location.key);
  const structured = extension === '.ipynb' ? notebookDiffText : extension === '.json' ? jsonDiffText : undefined;
  if (structured && extension === extensionOf(right.location.key)) {
    try {
      return { kind: 'structured', text: structured(textA, textB, [sideName(left), sideName(right)]) };
    } catch {
      // Not a notebook or JSON after all (it does not parse): its lines are compared below.
    }
  }
  return { kind: 'text', patch: unifiedDiff(sideName(left), sideName(right), textA, textB, settings.context) };
}

/**
 * Where to read a side's bytes: the version its HEAD named, so a write between the HEAD and the
 * GET cannot make the diff show newer bytes under the HEAD's version id, size and date. An object
 * without a version id (a bucket that never kept versions) is read only if its ETag is still the
 * HEAD's (S3 answers 412 otherwise: a `Conflict`, not a diff of other bytes).
 * @param side - the side, HEAD done.
 * @returns bucket, key, and the version id or the ETag to match.
 */
function pinnedRead(side: Side): { bucket: string; key: string; versionId?: string; ifMatch?: string } {
  const { bucket, key } = side.location;
  const versionId = side.info.versionId ?? side.location.versionId;
  if (versionId !== undefined && versionId !== 'null') {
    return { bucket, key, versionId };
  }
  // Version "null" is rewritten in place while versioning is suspended: the ETag pins it too.
  return { bucket, key, ...(versionId !== undefined ? { versionId } : {}), ...(side.info.etag ? { ifMatch: side.info.etag } : {}) };
}

/**
 * A side as the diff names it: its URI and version.
 * @param side - the side.
 * @returns e.g. `s3://b/k (version 3HL4…, 2026-12-01 10:00:00)`.
 */
function sideName(side: Side): string {
  const version = side.info.versionId ? `version ${side.info.versionId}, ` : '';
  return `${formatS3Uri({ bucket: side.location.bucket, key: side.location.key })} (${version}${formatDate(side.info.lastModified)})`;
}

/**
 * A side for `--json`.
 * @param side - the side.
 * @returns its URI, version, size, ETag and date.
 */
function sideJson(side: Side): Record<string, unknown> {
  return {
    uri: formatS3Uri({ bucket: side.location.bucket, key: side.location.key }),
    versionId: side.info.versionId ?? null,
    size: side.info.size,
    etag: side.info.etag || null,
    lastModified: side.info.lastModified.toISOString()
  };
}

/**
 * The lines for people when there is no line diff.
 * @param outcome - how the sides compare.
 * @param left - the older side.
 * @param right - the newer side.
 * @returns the lines.
 */
function verdictLines(outcome: Outcome, left: Side, right: Side): string[] {
  const sizes = `${formatBytes(left.info.size)} and ${formatBytes(right.info.size)}`;
  switch (outcome.kind) {
    case 'identical':
      return [`Identical (${outcome.by === 'etag' ? 'same ETag and size' : 'same bytes'}).`];
    case 'binary':
      return [
        `Binary content differs (${sizes}).`,
        ...(outcome.reason !== undefined ? [`No table diff: ${safeText(outcome.reason)}`] : [])
      ];
    case 'too-big':
      return [
        `They differ (${sizes}; the ETags differ too, which may also come from another multipart layout).`,
        `Over ${formatBytes(outcome.limit)}, no ${outcome.limit === TEXT_DIFF_MAX_BYTES ? 'line' : 'table'} diff is made: download both (helium get --version) and compare them, or in JupyterLab's Version History (Compare with latest / previous, or tick any two).`
      ];
    default:
      return [];
  }
}

/**
 * Run `helium diff` on objects.
 * @param ctx - the context.
 * @param uri - the object (or the older of two objects).
 * @param other - the newer object, if two are compared.
 * @param options - `--version` (up to twice) and `--context`.
 */
export async function diffObjects(ctx: CliContext, uri: string, other: string | undefined, options: ObjectDiffOptions): Promise<void> {
  const settings = checkOptions(options);
  const [leftAt, rightAt] = await chooseSides(ctx, uri, other, options.version ?? []);
  const [left, right] = await Promise.all(
    [leftAt, rightAt].map(async location => ({ location, info: await headObject(ctx.s3, { ...location, signal: ctx.signal }) }))
  );
  const outcome = await compare(ctx, left, right, settings);
  if (ctx.json) {
    const { identical, ...table } = outcome.kind === 'table' ? outcome.summary : { identical: outcome.kind === 'identical' };
    await ctx.out.result({
      left: sideJson(left),
      right: sideJson(right),
      identical,
      kind: outcome.kind === 'identical' ? (outcome.by === 'etag' ? 'same-etag' : 'same-bytes') : outcome.kind,
      patch: outcome.kind === 'text' ? outcome.patch : outcome.kind === 'structured' ? outcome.text : null,
      ...table
    });
    return;
  }
  if (outcome.kind === 'table') {
    await ctx.out.write(tableDiffText(outcome.summary, [sideName(left), sideName(right)]));
    return;
  }
  if (outcome.kind === 'text' || outcome.kind === 'structured') {
    await ctx.out.write(safePatch(outcome.kind === 'text' ? outcome.patch : outcome.text));
    return;
  }
  const lines = [`--- ${safeText(sideName(left))}`, `+++ ${safeText(sideName(right))}`, ...verdictLines(outcome, left, right)];
  await ctx.out.write(`${lines.join('\n')}\n`);
}

/**
 * Check the options of an object diff.
 * @param options - as given.
 * @returns the settings.
 * @throws UsageError for a negative or fractional `--context` or `--rows`, or an empty `--key`.
 */
function checkOptions(options: ObjectDiffOptions): Settings {
  const whole = (value: string | undefined, fallback: number, option: string, unit: string): number => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(n) || n < 0) {
      throw new UsageError(`${option} must be a whole number of ${unit}, 0 or more (got "${safeText(String(value))}").`, 'Usage');
    }
    return n;
  };
  // Split against the tables' columns later (resolveKeyColumns): a column may be named "a,b".
  const keys = options.key ?? [];
  if (keys.flatMap(k => k.split(',')).some(k => k.trim() === '')) {
    throw new UsageError('--key takes column names (repeat it, or separate them with commas), not an empty one.', 'Usage');
  }
  return {
    context: whole(options.context, 3, '--context', 'lines'),
    rows: whole(options.rows, 20, '--rows', 'rows'),
    table: options.table === true || keys.length > 0,
    keys
  };
}

/**
 * A patch safe for a terminal: control characters in the content (escape sequences) are shown,
 * not run; tabs stay tabs (TSV files), and a carriage return shows as `\x0d`.
 * @param patch - the unified diff.
 * @returns the text to print.
 */
function safePatch(patch: string): string {
  return patch
    .split('\n')
    .map(line => line.split('\t').map(safeText).join('\t'))
    .join('\n');
}

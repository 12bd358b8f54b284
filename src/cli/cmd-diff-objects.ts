/**
 * `helium diff s3://bucket/key [--version A [--version B]]` and `helium diff s3://b/k1 s3://b/k2`:
 * two versions of an object, or two objects, compared. Text gets a unified diff (`diff -u`),
 * notebooks a cell-by-cell diff, JSON a path-by-path one (notebook-diff-text.ts, json-diff-text.ts);
 * other content, or objects over 8 MiB, are compared by their bytes. With one URI and no version,
 * the current version is compared with the one before it (what the last write changed).
 * The exit code is 0 whether or not they differ, as for snapshots.
 */
import { tableFormatFor } from '../service/diff/table-kind';
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
import { parseObjectArgument } from './uri-args';

/** Options of `helium diff` for objects. */
export interface ObjectDiffOptions {
  /** `--version ID`, once (that version against the current one) or twice (older, newer). */
  version?: string[];
  /** `-U, --context N`: lines of context (default 3). */
  context?: string;
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
  | { kind: 'binary' }
  | { kind: 'too-big' };

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
 * Compare two sides, reading their bytes only when their ETags cannot tell.
 * @param ctx - the context.
 * @param left - the older side.
 * @param right - the newer side.
 * @param context - lines of context of a text diff.
 * @returns how they compare.
 */
async function compare(ctx: CliContext, left: Side, right: Side, context: number): Promise<Outcome> {
  if (left.info.etag && left.info.etag === right.info.etag && left.info.size === right.info.size) {
    return { kind: 'identical', by: 'etag' };
  }
  if (left.info.size > TEXT_DIFF_MAX_BYTES || right.info.size > TEXT_DIFF_MAX_BYTES) {
    return { kind: 'too-big' };
  }
  const [a, b] = await Promise.all(
    [left, right].map(async side => (await getObjectBytes(ctx.s3, { ...pinnedRead(side), signal: ctx.signal })).bytes)
  );
  if (sameBytes(a, b)) {
    return { kind: 'identical', by: 'bytes' };
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
  return { kind: 'text', patch: unifiedDiff(sideName(left), sideName(right), textA, textB, context) };
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
 * Whether a side is a Parquet or Arrow table (by key or Content-Type), which JupyterLab's table
 * diff compares row by row.
 * @param side - the side.
 * @returns true for Parquet and Arrow.
 */
function isBinaryTable(side: Side): boolean {
  const format = tableFormatFor(side.location.key, side.info.contentType);
  return format === 'parquet' || format === 'arrow';
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
        ...(isBinaryTable(right)
          ? [
              "For a table diff (rows and cells), compare them in JupyterLab's Version History (Compare with latest / previous, or tick any two)."
            ]
          : [])
      ];
    case 'too-big':
      return [
        `They differ (${sizes}; the ETags differ too, which may also come from another multipart layout).`,
        `Over ${formatBytes(TEXT_DIFF_MAX_BYTES)}, no line diff is made: download both (helium get --version) and compare them, or in JupyterLab's Version History (Compare with latest / previous, or tick any two).`
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
  const context = options.context === undefined ? 3 : Number(options.context);
  if (!Number.isInteger(context) || context < 0) {
    throw new UsageError(`--context must be a whole number of lines, 0 or more (got "${safeText(String(options.context))}").`, 'Usage');
  }
  const [leftAt, rightAt] = await chooseSides(ctx, uri, other, options.version ?? []);
  const [left, right] = await Promise.all(
    [leftAt, rightAt].map(async location => ({ location, info: await headObject(ctx.s3, { ...location, signal: ctx.signal }) }))
  );
  const outcome = await compare(ctx, left, right, context);
  if (ctx.json) {
    await ctx.out.result({
      left: sideJson(left),
      right: sideJson(right),
      identical: outcome.kind === 'identical',
      kind: outcome.kind === 'identical' ? (outcome.by === 'etag' ? 'same-etag' : 'same-bytes') : outcome.kind,
      patch: outcome.kind === 'text' ? outcome.patch : outcome.kind === 'structured' ? outcome.text : null
    });
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

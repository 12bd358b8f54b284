/**
 * `helium versions s3://bucket/key [--json]`: every version and delete marker of one object,
 * newest first, as a table (or one JSON document, streamed page by page), with a note when the
 * bucket does not keep versions.
 */
import { HeliumError, isHeliumError } from '../service/error-class';
import { formatS3Uri } from '../service/uri';
import { getBucketVersioning, VersioningState } from '../service/versioning';
import { listVersionPages, ObjectVersion } from '../service/versions-list';
import { versioningNotice } from '../service/versioning';
import type { CliContext } from './context';
import { formatDate, safeText } from './output';
import { parseObjectArgument } from './uri-args';

/** The table's header. */
const HEADER = `${'LAST MODIFIED'.padEnd(19)} ${'SIZE'.padStart(12)}  LATEST  DELETE MARKER  VERSION ID`;

/**
 * One row of the table.
 * @param version - the version.
 * @returns the line.
 */
export function versionRow(version: ObjectVersion): string {
  const size = version.isDeleteMarker ? '-' : String(version.size);
  return [
    formatDate(version.lastModified),
    size.padStart(12),
    '',
    (version.isLatest ? 'yes' : '').padEnd(6),
    (version.isDeleteMarker ? 'yes' : '').padEnd(13),
    safeText(version.versionId)
  ].join(' ');
}

/**
 * A version as JSON.
 * @param bucket - the bucket.
 * @param version - the version.
 * @returns a plain object.
 */
function versionJson(bucket: string, version: ObjectVersion): Record<string, unknown> {
  return {
    versionId: version.versionId,
    isLatest: version.isLatest,
    isDeleteMarker: version.isDeleteMarker,
    size: version.size,
    lastModified: version.lastModified.toISOString(),
    etag: version.etag ?? null,
    storageClass: version.storageClass ?? null,
    uri: formatS3Uri({ bucket, key: version.key, versionId: version.versionId })
  };
}

/**
 * The bucket's versioning state, or null when we may not read it.
 * @param ctx - the context.
 * @param bucket - the bucket.
 * @returns the state.
 */
async function versioningState(ctx: CliContext, bucket: string): Promise<VersioningState | null> {
  try {
    return await getBucketVersioning(ctx.s3, bucket);
  } catch (err) {
    if (isHeliumError(err, 'AccessDenied')) {
      return null; // needs s3:GetBucketVersioning; the history can still be listed
    }
    throw err;
  }
}

/**
 * The start of the `--json` document, up to the opening of its `versions` array, laid out as
 * `JSON.stringify(…, null, 2)` would.
 * @param fields - the fields before `versions`.
 * @returns the text.
 */
function jsonHead(fields: Record<string, unknown>): string {
  const head = JSON.stringify(fields, null, 2); // "{\n  …\n}"
  return `${head.slice(0, -2)},\n  "versions": [`;
}

/**
 * Run `helium versions`. With `--json` the document is written page by page (its `versions`
 * array streamed), so a key with 100,000 versions is never held in memory; the output is the
 * same single JSON document `JSON.stringify(…, null, 2)` would give. (A listing that fails midway
 * leaves a cut-off document on stdout and the error on stderr, with exit code 1.)
 * @param ctx - the context.
 * @param uri - the object.
 * @param options - the listing's page size (for tests; default 1000).
 * @param options.pageSize - versions per ListObjectVersions request.
 */
export async function versions(ctx: CliContext, uri: string, options: { pageSize?: number } = {}): Promise<void> {
  const { bucket, key } = parseObjectArgument(uri, 'versions');
  const state = await versioningState(ctx, bucket);
  const notice = state ? versioningNotice(state, bucket) : null;
  let count = 0;
  for await (const page of listVersionPages(ctx.s3, { bucket, key, pageSize: options.pageSize, signal: ctx.signal })) {
    let text = '';
    for (const version of page) {
      if (ctx.json) {
        // Written only once a version is found: a key without any prints nothing but the error.
        text += count === 0 ? `${jsonHead({ uri: formatS3Uri({ bucket, key }), bucket, key, versioning: state, notice })}\n` : ',\n';
        text += JSON.stringify(versionJson(bucket, version), null, 2).replace(/^/gm, '    ');
      } else {
        text += count === 0 ? `${HEADER}\n` : '';
        text += `${versionRow(version)}\n`;
      }
      count += 1;
    }
    if (text) {
      await ctx.out.write(text);
    }
  }
  if (count === 0) {
    throw new HeliumError(
      'NotFound',
      `${safeText(formatS3Uri({ bucket, key }))} has no versions: no object was ever written at this key. Check the key (helium ls lists a folder).`,
      { code: 'NoSuchKey' }
    );
  }
  if (ctx.json) {
    await ctx.out.write('\n  ]\n}\n');
  } else if (notice) {
    ctx.out.note(notice);
  }
}

/**
 * `helium meta s3://bucket/key [--version ID] [--set JSON [--restore]]`: show an object version's
 * T4 metadata (x-amz-meta-helium), its other user metadata, content type and checksum; with
 * `--set`, replace T4's user_meta (written as a NEW version; nothing changes in place). `--set`
 * with an older `--version` is refused (it would make that version's content current again)
 * unless `--restore` says so.
 */
import { userMetaEditText } from '../service/metadata-edit-text';
import { readObjectMetadata, writeUserMeta, ObjectMetadata } from '../service/object-metadata';
import { HELIUM_METADATA_KEY } from '../service/values/header';
import { archiveStateOf } from '../service/archive';
import { isHeliumError } from '../service/error-class';
import type { ObjectInfo } from '../service/object-info';
import { formatS3Uri } from '../service/uri';
import type { CliContext } from './context';
import { indexAfterWrites } from './index-after-writes';
import { UsageError } from './errors';
import { parseLosslessJson } from '../service/snapshots/python-json';
import { parseJsonOption } from './json-option';
import { formatBytes, safeText } from './output';
import { parseObjectArgument } from './uri-args';

/** Options of `helium meta`. */
export interface MetaOptions {
  version?: string;
  set?: string;
  /** With `--set` and an older `--version`: bring that version's content back too. */
  restore?: boolean;
}

/**
 * Parse `--set`: a JSON object (or null, which removes user_meta), refused as json-option.ts words it.
 * @param text - the option's value.
 * @returns the value.
 * @throws UsageError (exit code 2) when it is not valid.
 */
export function parseSetOption(text: string): unknown {
  return parseJsonOption('--set', text, { allowNull: true, parse: parseLosslessJson });
}

/**
 * The storage class, and for an archived object where its restored copy stands.
 * @param info - the HEAD.
 * @returns e.g. "GLACIER: archived in S3 Glacier Flexible Retrieval; restored copy until 2026-12-09 11:46 UTC".
 */
export function storageClassLine(info: ObjectInfo): string {
  const storageClass = info.storageClass ?? 'STANDARD';
  const state = archiveStateOf(info);
  if (!state) {
    return storageClass;
  }
  const restore = state.restore;
  const copy =
    restore.state === 'in-progress'
      ? 'a restore is under way'
      : restore.state === 'restored'
        ? `restored copy readable${restore.until ? ` until ${restore.until.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}`
        : 'not restored: read it after "helium unarchive"';
  return `${storageClass}: archived in ${state.archive}; ${copy}`;
}

/**
 * The metadata as text lines for a person (keys and values escaped for the terminal).
 * @param uri - the version's URI.
 * @param meta - the metadata.
 * @returns the lines.
 */
export function metadataLines(uri: string, meta: ObjectMetadata): string[] {
  const lines = [
    uri,
    `content type:   ${meta.contentType ?? '(not set)'}`,
    `size:           ${formatBytes(meta.info.size)} (${meta.info.size} bytes)`,
    `SHA-256:        ${meta.checksumSha256 ?? '(not stored by S3)'}`,
    `storage class:  ${storageClassLine(meta.info)}`
  ];
  if (meta.heliumProblem) {
    lines.push(`T4 metadata:    ${meta.heliumProblem}`);
  } else if (!meta.helium) {
    lines.push('T4 metadata:    (none)');
  } else {
    lines.push(`T4 target:      ${meta.helium.target ?? '(not set)'}`);
    // From the raw header, number tokens as stored (JSON.parse turns 2^70 into 1.1805916207174113e+21).
    const userMeta = meta.helium.user_meta === undefined ? '(none)' : userMetaEditText(meta.info.userMetadata[HELIUM_METADATA_KEY]);
    lines.push(`T4 user_meta:   ${userMeta.split('\n').join('\n                ')}`);
  }
  const others = Object.entries(meta.otherUserMetadata);
  if (others.length > 0) {
    lines.push('other user metadata:');
    for (const [name, value] of others) {
      lines.push(`  x-amz-meta-${name}: ${value}`);
    }
  }
  return lines.map(line => line.split('\n').map(safeText).join('\n'));
}

/**
 * Run `helium meta`.
 * @param ctx - the context.
 * @param uri - the object (optionally `?versionId=`).
 * @param options - `--version`, `--set`.
 */
export async function meta(ctx: CliContext, uri: string, options: MetaOptions): Promise<void> {
  const { bucket, key, versionId } = parseObjectArgument(uri, 'meta', options.version);
  if (options.restore && options.set === undefined) {
    throw new UsageError(
      '--restore goes with --set (and --version): it writes new metadata on an older version’s content. Nothing was written.',
      'RestoreWithoutSet'
    );
  }
  if (options.set !== undefined) {
    // Checked before any request: bad input changes nothing.
    const userMeta = parseSetOption(options.set);
    const restoreContent = options.restore === true;
    const result = await writeUserMeta(ctx.s3, { bucket, key, versionId, userMeta, restoreContent, signal: ctx.signal }).catch(err => {
      if (isHeliumError(err, 'InvalidInput') && err.code === 'MetadataTooLarge') {
        throw new UsageError(`--set is too large: ${err.message}`, err.code);
      }
      if (isHeliumError(err, 'InvalidInput') && err.code === 'NotCurrentVersion') {
        // Refused before anything was written: say how to do it on purpose, in CLI terms.
        const advice = `Restore it first (helium restore ${formatS3Uri({ bucket, key })} --version ${versionId ?? ''}), then run helium meta --set on the new current version; or add --restore to do both in one new version.`;
        const message = err.hint && err.message.includes(err.hint) ? err.message.replace(err.hint, advice) : `${err.message} ${advice}`;
        throw new UsageError(message, err.code);
      }
      throw err;
    });
    await indexAfterWrites(ctx, bucket, [{ key, type: 'put' }]);
    if (ctx.json) {
      await ctx.out.result({
        written: {
          uri: formatS3Uri({ bucket, key }),
          versionId: result.versionId ?? null,
          sourceVersionId: result.sourceVersionId ?? null,
          etag: result.etag,
          helium: result.helium
        }
      });
    } else {
      const restored = restoreContent && versionId !== undefined ? ', its content restored' : '';
      await ctx.out.line(
        `meta: ${safeText(formatS3Uri({ bucket, key }))} new version ${safeText(result.versionId ?? '?')} with the new user_meta (copied from version ${safeText(result.sourceVersionId ?? '?')}${restored}, which keeps its metadata)`
      );
    }
    return;
  }
  const found = await readObjectMetadata(ctx.s3, { bucket, key, versionId, signal: ctx.signal });
  const shown = formatS3Uri({ bucket, key, versionId: found.info.versionId ?? versionId });
  if (ctx.json) {
    await ctx.out.result({
      uri: shown,
      bucket,
      key,
      versionId: found.info.versionId ?? null,
      size: found.info.size,
      lastModified: found.info.lastModified.toISOString(),
      contentType: found.contentType ?? null,
      checksumSha256: found.checksumSha256 ?? null,
      helium: found.helium ? parseLosslessJson(found.info.userMetadata[HELIUM_METADATA_KEY]) : null,
      heliumProblem: found.heliumProblem ?? null,
      otherUserMetadata: found.otherUserMetadata
    });
    return;
  }
  for (const line of metadataLines(shown, found)) {
    await ctx.out.line(line);
  }
}

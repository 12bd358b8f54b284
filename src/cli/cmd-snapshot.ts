/**
 * `helium snapshot s3://bucket/folder/ -m MESSAGE [--name ns/name] [--meta JSON] [--workflow ID]`: snapshot a
 * folder as a Quilt package (prints its top hash), and `helium snapshots s3://bucket/folder/
 * [--inner]`: the snapshots of a folder, newest first.
 */
import { promises as fs } from 'fs';
import { HeliumError } from '../service/error-class';
import { lineageMeta } from '../service/pins/lineage';
import type { LeftOutObject } from '../service/snapshots/logical-keys';
import { QUILT_PREFIX } from '../service/snapshots/names';
import { parseLosslessJson, toPlainJson } from '../service/snapshots/python-json';
import { listSnapshots } from '../service/snapshots/registry-list';
import { snapshot as takeSnapshot, SnapshotResult } from '../service/snapshots/snapshot';
import type { JsonValue, SnapshotInfo } from '../service/snapshots/types';
import type { WorkflowSelection } from '../service/snapshots/workflow-config';
import { formatS3Uri } from '../service/uri';
import { describeLiveProgress, StatusLine } from './cmd-snapshot-progress';
import type { CliContext } from './context';
import { indexAfterWrites } from './index-after-writes';
import { UsageError } from './errors';
import { parseJsonOption } from './json-option';
import { formatBytes, formatDate, safeText } from './output';
import { parseUriArgument } from './uri-args';

/** Options of `helium snapshot`. */
export interface SnapshotCommandOptions {
  /** `-m, --message`. */
  message: string;
  /** `--name ns/name`. */
  name?: string;
  /** `--meta JSON`: the package metadata (a JSON object; number tokens kept as written). */
  meta?: string;
  /** `--notebook FILE`: record its lineage (path, SHA-256, pins) in `user_meta.helium.lineage`. */
  notebook?: string;
  /** `--workflow ID`: the registry's Quilt workflow; `''` or `none` for none (see {@link workflowOption}). */
  workflow?: string;
}

/**
 * The workflow of `--workflow`: absent for the config's default (quilt3's `workflow=...`); `''`
 * (as quilt3's own CLI) or `none` for no workflow (`workflow=None`), else the id.
 * @param value - the option's value.
 * @returns the service's selection.
 */
export function workflowOption(value: string | undefined): WorkflowSelection {
  return value === undefined ? undefined : value === '' || value === 'none' ? null : value;
}

/**
 * A value for `--json` output: lossless numbers as plain numbers, integers too big for a JS
 * number as strings (digits kept).
 * @param value - a value that may hold LosslessNumbers or bigints.
 * @returns a value `JSON.stringify` writes.
 */
export function jsonOutput(value: unknown): unknown {
  return JSON.parse(JSON.stringify(toPlainJson(value as JsonValue), (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

/**
 * Parse `--meta` of a snapshot: a JSON object, number tokens kept as written (`1.0` stays
 * `1.0`, as quilt3 would hash it).
 * @param text - the option's value.
 * @returns the metadata.
 * @throws UsageError when it is not a JSON object.
 */
export function parseSnapshotMeta(text: string): JsonValue {
  return parseJsonOption('--meta', text, { parse: parseLosslessJson }) as JsonValue;
}

/**
 * The folder of a URI argument (`''` for the bucket's root).
 * @param uri - `s3://bucket/folder/` (a missing trailing `/` is added).
 * @param command - the command, for messages.
 * @returns bucket and folder.
 */
export function folderArgument(uri: string, command: string): { bucket: string; folder: string } {
  const location = parseUriArgument(uri, command);
  if (location.versionId) {
    throw new UsageError(`helium ${command} works on a folder: remove ?versionId= from the URI.`, 'Usage');
  }
  const folder = location.key === '' || location.key.endsWith('/') ? location.key : `${location.key}/`;
  return { bucket: location.bucket, folder };
}

/**
 * The result of a snapshot as JSON.
 * @param result - what `snapshot()` returned.
 * @returns a plain object.
 */
function snapshotJson(result: SnapshotResult): Record<string, unknown> {
  return {
    ...result,
    uri: formatS3Uri({ bucket: result.bucket, key: result.folder }),
    timestamp: result.timestamp.toISOString()
  };
}

/**
 * Run `helium snapshot`: prints the top hash on stdout (the whole result with `--json`), and on a
 * terminal a progress line, then what was written and how to open it with quilt3 on stderr.
 * @param ctx - the context.
 * @param uri - the folder.
 * @param options - message, name, meta, notebook, workflow.
 */
export async function snapshot(ctx: CliContext, uri: string, options: SnapshotCommandOptions): Promise<void> {
  const { bucket, folder } = folderArgument(uri, 'snapshot');
  let meta = options.meta === undefined ? undefined : parseSnapshotMeta(options.meta);
  if (options.notebook !== undefined) {
    const notebookBytes = new Uint8Array(await fs.readFile(options.notebook));
    meta = lineageMeta({ notebookPath: options.notebook, notebookBytes, userMeta: meta }) as JsonValue;
  }
  const status = new StatusLine(ctx);
  let result: SnapshotResult;
  try {
    result = await takeSnapshot(ctx.s3, {
      bucket,
      folder,
      message: options.message,
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(meta !== undefined ? { meta } : {}),
      workflow: workflowOption(options.workflow),
      signal: ctx.signal,
      onProgress: p => status.show(describeLiveProgress(p))
    });
  } finally {
    status.stop();
  }
  // A write to the registry: the index reads the new manifest (and no other).
  await indexAfterWrites(ctx, bucket, [{ key: QUILT_PREFIX, type: 'put' }]);
  if (ctx.json) {
    await ctx.out.result(snapshotJson(result));
  } else {
    await ctx.out.line(result.topHash);
    ctx.out.note(
      `Snapshot of ${safeText(formatS3Uri({ bucket, key: result.folder }))} as ${safeText(result.name)}: ${result.entries.toLocaleString('en-US')} ${result.entries === 1 ? 'file' : 'files'}, ${formatBytes(result.bytes)}` +
        ` (${result.reusedHashes} hashes reused, ${result.checksumHashes} from checksums, ${result.streamedHashes} read).` +
        (result.workflow?.id ? ` Workflow "${safeText(result.workflow.id)}" passed.` : '') +
        (result.latest ? '' : ' A newer snapshot of this package was written meanwhile: it stays "latest".')
    );
    ctx.out.note(`Open it with: quilt3.Package.browse("${result.name}", registry="s3://${bucket}", top_hash="${result.topHash}")`);
    noteLeftOut(ctx, bucket, result.leftOut, 'left out');
  }
  if (result.leftOut.length > 0) {
    const n = result.leftOut.length;
    throw new HeliumError(
      'InvalidInput',
      `Snapshot ${result.topHash.slice(0, 12)} was recorded without ${n.toLocaleString('en-US')} object${n === 1 ? '' : 's'} of the folder: Quilt packages cannot hold ${n === 1 ? 'its name' : 'their names'} (quilt3 refuses ".", ".." and empty path segments in a logical key).`,
      { code: 'LeftOutObjects', hint: 'To include them, copy each to a key without such segments (helium cp), then snapshot again.' }
    );
  }
}

/** How many left-out objects are named one by one (`--json` lists them all). */
const LEFT_OUT_SHOWN = 20;

/**
 * Name, on stderr, the objects a snapshot (or the live side of a diff) does not hold, and why.
 * @param ctx - the context.
 * @param bucket - their bucket.
 * @param leftOut - the objects.
 * @param label - how each line starts (`left out`, `not compared`).
 */
export function noteLeftOut(ctx: CliContext, bucket: string, leftOut: readonly LeftOutObject[], label: string): void {
  for (const object of leftOut.slice(0, LEFT_OUT_SHOWN)) {
    ctx.out.note(`${label}: ${safeText(formatS3Uri({ bucket, key: object.key }))}: ${object.reason}`);
  }
  if (leftOut.length > LEFT_OUT_SHOWN) {
    ctx.out.note(`${label}: and ${(leftOut.length - LEFT_OUT_SHOWN).toLocaleString('en-US')} more (--json lists them all)`);
  }
}

/** Options of `helium snapshots`. */
export interface SnapshotsCommandOptions {
  /** `--inner`: also snapshots of folders inside this one. */
  inner?: boolean;
}

/**
 * One row of the snapshot table.
 * @param info - the snapshot.
 * @returns the line.
 */
export function snapshotRow(info: SnapshotInfo): string {
  const files = info.entries === undefined ? '?' : String(info.entries);
  const size = info.bytes === undefined ? '?' : formatBytes(info.bytes);
  return [
    formatDate(info.timestamp),
    info.topHash.slice(0, 12),
    safeText(info.name).padEnd(24),
    safeText(info.folder ?? '?').padEnd(20),
    files.padStart(8),
    size.padStart(10),
    ` ${safeText((info.message ?? '').replace(/\s+/g, ' '))}`
  ].join(' ');
}

/** The table's header. */
const HEADER = `${'TIME'.padEnd(19)} ${'TOP HASH'.padEnd(12)} ${'PACKAGE'.padEnd(24)} ${'FOLDER'.padEnd(20)} ${'FILES'.padStart(8)} ${'SIZE'.padStart(10)}  MESSAGE`;

/**
 * Run `helium snapshots`: the snapshots of the folder and of folders containing it (and, with
 * `--inner`, inside it), newest first, as a table or a JSON array.
 * @param ctx - the context.
 * @param uri - the folder.
 * @param options - `--inner`.
 */
export async function snapshots(ctx: CliContext, uri: string, options: SnapshotsCommandOptions): Promise<void> {
  const { bucket, folder } = folderArgument(uri, 'snapshots');
  const list = await listSnapshots(ctx.s3, { bucket, folder, includeInner: Boolean(options.inner), signal: ctx.signal });
  if (ctx.json) {
    await ctx.out.result(
      list.map(info => ({
        ...info,
        timestamp: info.timestamp.toISOString(),
        entries: info.entries ?? null,
        bytes: info.bytes ?? null
      }))
    );
    return;
  }
  if (list.length === 0) {
    ctx.out.note(
      `No snapshots of ${safeText(formatS3Uri({ bucket, key: folder }))} yet. Take one with: helium snapshot ${safeText(formatS3Uri({ bucket, key: folder }))} -m "message"`
    );
    return;
  }
  await ctx.out.write(`${[HEADER, ...list.map(snapshotRow)].join('\n')}\n`);
}

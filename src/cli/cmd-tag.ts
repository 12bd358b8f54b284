/**
 * `helium tag s3://bucket/folder/ HASH NAME [--package ns/name] [--move] [-m text]`: name a
 * snapshot (a tag pins can follow); and `helium tags s3://bucket/folder/ [NAME]`: the tags of the
 * folder's packages, or one tag's history. Tags live in `.quilt/helium/tags/` (see
 * src/service/pins/tag-keys.ts for why not beside quilt3's pointers).
 */
import { HeliumError } from '../service/error-class';
import { assertValidPackageName } from '../service/snapshots/names';
import { resolveTopHash } from '../service/snapshots/registry';
import { folderPackageNames } from '../service/pins/pin-target';
import { listTags, readTag, setTag, TagRecord } from '../service/pins/tags';
import { validateTagName } from '../service/pins/tag-keys';
import { formatS3Uri } from '../service/uri';
import { folderArgument } from './cmd-snapshot';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { safeText } from './output';

/** Options of `helium tag`. */
export interface TagOptions {
  package?: string;
  move?: boolean;
  message?: string;
}

/**
 * Run `helium tag`.
 * @param ctx - the context.
 * @param uri - the folder.
 * @param hash - the snapshot (6+ hex).
 * @param name - the tag.
 * @param options - `--package`, `--move`, `--message`.
 */
export async function tag(ctx: CliContext, uri: string, hash: string, name: string, options: TagOptions): Promise<void> {
  const { bucket, folder } = folderArgument(uri, 'tag');
  const problem = validateTagName(name);
  if (problem) {
    throw new UsageError(problem, 'InvalidTagName');
  }
  if (options.package !== undefined) {
    assertValidPackageName(options.package); // before any request
  }
  const topHash = await resolveTopHash(ctx.s3, bucket, hash, ctx.signal);
  let pkg = options.package;
  if (!pkg) {
    const names = await folderPackageNames(ctx.s3, { bucket, folder, topHash }, ctx.signal);
    const where = safeText(formatS3Uri({ bucket, key: folder }));
    if (names.length !== 1) {
      throw new HeliumError(
        'InvalidInput',
        names.length === 0
          ? `No snapshot of ${where} has the top hash ${topHash}; see helium snapshots ${where}, or name the package with --package ns/name.`
          : `Several packages of ${where} hold snapshot ${topHash.slice(0, 12)} (${names.join(', ')}): choose one with --package.`,
        { code: names.length === 0 ? 'SnapshotNotFound' : 'AmbiguousPackage' }
      );
    }
    pkg = names[0];
  }
  const result = await setTag(ctx.s3, {
    bucket,
    package: pkg,
    tag: name,
    topHash,
    move: Boolean(options.move),
    message: options.message,
    signal: ctx.signal
  });
  if (ctx.json) {
    await ctx.out.result({ bucket, ...result });
    return;
  }
  const what =
    result.action === 'created'
      ? `Tagged ${topHash.slice(0, 12)} of ${pkg} as "${name}".`
      : result.action === 'moved'
        ? `Moved tag "${name}" of ${pkg}: ${(result.previous ?? '').slice(0, 12)} -> ${topHash.slice(0, 12)} (history kept).`
        : `Tag "${name}" of ${pkg} names ${topHash.slice(0, 12)} already; nothing written.`;
  await ctx.out.line(safeText(what));
}

/**
 * One tag as a table row.
 * @param record - the tag.
 * @returns the row.
 */
function tagRow(record: TagRecord): string {
  return [
    record.package.padEnd(24),
    record.tag.padEnd(20),
    record.top_hash.slice(0, 12),
    record.tagged_at,
    safeText(record.message ?? '')
  ].join('  ');
}

/**
 * Run `helium tags`.
 * @param ctx - the context.
 * @param uri - the folder.
 * @param name - a tag whose history to show, if any.
 * @param options - `--package`.
 */
export async function tags(ctx: CliContext, uri: string, name: string | undefined, options: { package?: string }): Promise<void> {
  const { bucket, folder } = folderArgument(uri, 'tags');
  if (name !== undefined && validateTagName(name)) {
    throw new UsageError(validateTagName(name) as string, 'InvalidTagName');
  }
  if (options.package !== undefined) {
    assertValidPackageName(options.package);
  }
  const packages = options.package === undefined ? await folderPackageNames(ctx.s3, { bucket, folder }, ctx.signal) : [options.package];
  if (name === undefined) {
    const records = (await Promise.all(packages.map(pkg => listTags(ctx.s3, bucket, pkg, ctx.signal)))).flat();
    if (ctx.json) {
      await ctx.out.result(records);
    } else if (records.length === 0) {
      ctx.out.note(`No tags for the packages of ${safeText(formatS3Uri({ bucket, key: folder }))}.`);
    } else {
      await ctx.out.write(`${records.map(tagRow).join('\n')}\n`);
    }
    return;
  }
  const records = (await Promise.all(packages.map(pkg => readTag(ctx.s3, bucket, pkg, name, ctx.signal)))).filter(
    (r): r is TagRecord => r !== undefined
  );
  if (records.length === 0) {
    throw new HeliumError(
      'NotFound',
      `No package of ${safeText(formatS3Uri({ bucket, key: folder }))} has a tag "${name}" (see helium tags).`,
      {
        code: 'NoSuchTag'
      }
    );
  }
  if (ctx.json) {
    await ctx.out.result(records);
    return;
  }
  const lines = records.flatMap(r => [
    `${safeText(r.package)} ${r.tag} (now ${r.top_hash.slice(0, 12)}), oldest first:`,
    ...r.history.map(step => `  ${step.tagged_at}  ${step.top_hash.slice(0, 12)}  ${safeText(step.message ?? '')}`)
  ]);
  await ctx.out.write(`${lines.join('\n')}\n`);
}

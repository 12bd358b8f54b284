/**
 * `helium restore s3://bucket/folder/ --snapshot HASH|TAG|latest [--yes] [--dry-run]`: bring a
 * folder back to a snapshot, headless, with the engine JupyterLab's restore uses (restore-plan.ts,
 * restore.ts): files changed or deleted since the snapshot get the pinned version copied on top (a
 * NEW version), files added since get a delete marker (their versions stay); no version is ever
 * deleted. The plan is printed first; on a terminal the user is asked, elsewhere `--yes` is needed.
 */
import { HeliumError, isHeliumError } from '../service/error-class';
import { resolveFolderPin } from '../service/pins/pin-target';
import { validateTagName } from '../service/pins/tag-keys';
import { readSnapshotByRef, snapshotFolder } from '../service/snapshots/as-of';
import { resolveTopHash } from '../service/snapshots/registry';
import { planRestore, restoreFolder, RestoreAction, RestoreFolderResult, RestorePlan } from '../service/snapshots/restore';
import { restoreSummary } from '../service/snapshots/restore-summary';
import { formatS3Uri } from '../service/uri';
import { describeLiveProgress, StatusLine } from './cmd-snapshot-progress';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { formatBytes, safeText } from './output';

/** Options of the folder form of `helium restore`. */
export interface RestoreFolderCliOptions {
  /** A top hash (6+ hex characters), a tag name, or `latest`. */
  snapshot: string;
  /** The package whose tag or `latest` is meant, when the folder has snapshots of several. */
  package?: string;
  yes?: boolean;
  dryRun?: boolean;
}

/**
 * A count and its noun.
 * @param n - the count.
 * @param one - the noun for 1.
 * @param many - for other counts.
 * @returns e.g. `1,234 files`.
 */
function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** How many keys of each kind the plan shows as examples. */
const EXAMPLES_SHOWN = 3;

/** A snapshot named on the command line, resolved. */
interface ResolvedSnapshot {
  topHash: string;
  /** How it was named, for people: `tag "q3"`, `latest of team/runs`, or ''. */
  via: string;
}

/**
 * Resolve `--snapshot`: 6+ hex characters are a top hash (tag names cannot be), `latest` is the
 * latest snapshot of the folder's package, anything else a tag of it (as `helium pin` reads them).
 * @param ctx - the context.
 * @param where - bucket, folder and maybe the package.
 * @param where.bucket - the bucket.
 * @param where.folder - the folder.
 * @param where.package - `--package`.
 * @param ref - the `--snapshot` value.
 * @returns the full top hash and how it was named.
 */
async function resolveSnapshot(
  ctx: CliContext,
  where: { bucket: string; folder: string; package?: string },
  ref: string
): Promise<ResolvedSnapshot> {
  const text = ref.trim();
  const uri = safeText(formatS3Uri({ bucket: where.bucket, key: where.folder }));
  try {
    return await resolveNamed(ctx, where, text, ref);
  } catch (err) {
    // The engine's words are about pins and hashes in general: say what to do here.
    if (isHeliumError(err) && ['SnapshotNotFound', 'NoSuchTag', 'NoSnapshots'].includes(err.code ?? '')) {
      const short = /^[0-9a-f]{1,5}$/i.test(text) ? ' (a top hash needs at least its first 6 characters)' : '';
      const message =
        err.code === 'NoSnapshots'
          ? `${uri} has no snapshots, so "${safeText(text)}" names none: take one with helium snapshot ${uri} -m TEXT.`
          : `${err.message.replace(/\.$/, '')}${short}. helium snapshots ${uri} lists the folder's snapshots, helium tags ${uri} its tags.`;
      throw new HeliumError(err.kind, `${message} Nothing was written.`, { code: err.code, cause: err });
    }
    throw err;
  }
}

/**
 * {@link resolveSnapshot} without its messages.
 * @param ctx - the context.
 * @param where - bucket, folder and maybe the package.
 * @param where.bucket - the bucket.
 * @param where.folder - the folder.
 * @param where.package - `--package`.
 * @param text - the `--snapshot` value, trimmed.
 * @param ref - as given.
 * @returns the full top hash and how it was named.
 */
async function resolveNamed(
  ctx: CliContext,
  where: { bucket: string; folder: string; package?: string },
  text: string,
  ref: string
): Promise<ResolvedSnapshot> {
  if (/^[0-9a-f]{6,64}$/i.test(text)) {
    return { topHash: await resolveTopHash(ctx.s3, where.bucket, text, ctx.signal), via: '' };
  }
  const latest = text.toLowerCase() === 'latest';
  if (!latest) {
    const problem = validateTagName(text);
    if (problem) {
      throw new UsageError(
        `--snapshot "${safeText(ref)}" is neither a top hash (6 to 64 hex characters, e.g. 9adfc26d4d85), a tag name, nor "latest": ${problem}.`,
        'InvalidSnapshotRef'
      );
    }
  }
  const pin = await resolveFolderPin(ctx.s3, { ...where, ...(latest ? {} : { tag: text }) }, ctx.signal);
  return { topHash: pin.top_hash, via: latest ? `latest of ${pin.package}` : `tag "${text}" of ${pin.package}` };
}

/**
 * Describe one action for the plan's examples.
 * @param action - the action.
 * @returns e.g. `copy back  data/a.csv (modified since)`.
 */
function describeAction(action: RestoreAction): string {
  const key = safeText(action.logicalKey);
  if (action.kind === 'delete') {
    return `delete     ${key} (added since; a delete marker)`;
  }
  const why = action.reason === 'deleted' ? 'deleted since' : action.reason === 'modified' ? 'modified since' : 'metadata changed since';
  return `copy back  ${key} (${why}, ${formatBytes(action.size)})`;
}

/**
 * The plan in words: the counts the panel's question shows, a few example keys, and what is left.
 * @param plan - the plan.
 * @param uri - the folder, as a URI.
 * @param via - how the snapshot was named.
 * @returns the lines.
 */
export function planLines(plan: RestorePlan, uri: string, via: string): string[] {
  const s = restoreSummary(plan.actions);
  const lines = [`Restore ${safeText(uri)} to snapshot ${plan.topHash.slice(0, 12)}${via ? ` (${safeText(via)})` : ''}:`];
  lines.push(
    `  ${plural(s.copies, 'file', 'files')} copied back from the snapshot (${formatBytes(s.copyBytes)}; new versions)` +
      (s.copies > 0
        ? ` — ${s.changedSince.toLocaleString('en-US')} changed since, ${s.deletedSince.toLocaleString('en-US')} deleted since`
        : '')
  );
  lines.push(
    `  ${plural(s.deletes, 'file', 'files')} deleted (added since the snapshot; ${s.deletes === 1 ? 'a delete marker, its history is kept' : 'delete markers, their history is kept'})`
  );
  const copies = plan.actions.filter(a => a.kind === 'copy');
  const deletes = plan.actions.filter(a => a.kind === 'delete');
  const shown = [...copies.slice(0, EXAMPLES_SHOWN), ...deletes.slice(0, EXAMPLES_SHOWN)];
  shown.forEach((action, i) => lines.push(`  ${i === 0 ? 'e.g.' : '    '} ${describeAction(action)}`));
  if (plan.actions.length > shown.length) {
    lines.push(`       … and ${(plan.actions.length - shown.length).toLocaleString('en-US')} more (--json lists them all)`);
  }
  if (plan.leftOut.length > 0) {
    const names = plan.leftOut
      .slice(0, EXAMPLES_SHOWN)
      .map(o => `"${safeText(o.key)}" (${safeText(o.reason)})`)
      .join(', ');
    lines.push(
      `  left as they are: ${plural(plan.leftOut.length, 'object', 'objects')} no snapshot can hold: ${names}${plan.leftOut.length > EXAMPLES_SHOWN ? ', …' : ''}`
    );
  }
  return lines;
}

/**
 * The plan and the outcome as JSON.
 * @param plan - the plan.
 * @param uri - the folder.
 * @param via - how the snapshot was named.
 * @param dryRun - `--dry-run`.
 * @param result - what the restore did (null: nothing was written).
 * @returns a plain object.
 */
function restoreJson(
  plan: RestorePlan,
  uri: string,
  via: string,
  dryRun: boolean,
  result: RestoreFolderResult | null
): Record<string, unknown> {
  return {
    restore: {
      uri,
      topHash: plan.topHash,
      via: via || null,
      dryRun,
      plan: {
        ...restoreSummary(plan.actions),
        actions: plan.actions.map(a => ({ kind: a.kind, key: a.target.key, logicalKey: a.logicalKey, reason: a.reason, size: a.size })),
        leftOut: plan.leftOut
      },
      restored: result
    }
  };
}

/**
 * Run `helium restore s3://bucket/folder/ --snapshot REF`.
 * @param ctx - the context.
 * @param where - the folder.
 * @param where.bucket - the bucket.
 * @param where.folder - its prefix ('' or ending in `/`).
 * @param options - `--snapshot`, `--package`, `--yes`, `--dry-run`.
 */
export async function restoreFolderToSnapshot(
  ctx: CliContext,
  where: { bucket: string; folder: string },
  options: RestoreFolderCliOptions
): Promise<void> {
  const { bucket, folder } = where;
  const uri = formatS3Uri({ bucket, key: folder });
  const dryRun = Boolean(options.dryRun);
  // Refused before any request: off a terminal nobody can answer the question.
  if (!dryRun && !options.yes && !ctx.canAsk) {
    throw new UsageError(
      `Restoring ${safeText(uri)} writes new versions and delete markers, and there is no terminal to ask on: add --yes to restore without asking, or --dry-run to see the plan only. Nothing was written.`,
      'ConfirmationNeeded'
    );
  }
  const { topHash, via } = await resolveSnapshot(ctx, { bucket, folder, package: options.package }, options.snapshot);
  // The panel restores a snapshot into the folder it was taken of; another folder would lose its files.
  const taken = snapshotFolder(await readSnapshotByRef(ctx.s3, bucket, topHash, ctx.signal), bucket);
  if (taken !== null && taken !== folder) {
    throw new UsageError(
      `Snapshot ${topHash.slice(0, 12)} was taken of ${safeText(formatS3Uri({ bucket, key: taken }))}, not ${safeText(uri)}: restore that folder (helium snapshots ${safeText(uri)} lists this folder's). Nothing was written.`,
      'OtherFolder'
    );
  }
  // A snapshot that names no folder (a quilt3 package with no files, or files from several
  // places) is listed as the bucket root's; onto another folder it would delete that folder's files.
  if (taken === null && folder !== '') {
    throw new UsageError(
      `Snapshot ${topHash.slice(0, 12)} does not tell which folder it was taken of (it has no files, or its files come from several places), so it is not a snapshot of ${safeText(uri)}: restoring it there would replace that folder's files with others. Nothing was written. helium snapshots ${safeText(uri)} lists this folder's snapshots.`,
      'OtherFolder'
    );
  }
  const status = new StatusLine(ctx);
  let plan: RestorePlan;
  try {
    plan = await planRestore(ctx.s3, {
      bucket,
      topHash,
      folder,
      signal: ctx.signal,
      onProgress: p => status.show(describeLiveProgress(p))
    });
  } finally {
    status.stop();
  }
  if (!ctx.json && plan.actions.length > 0) {
    for (const line of planLines(plan, uri, via)) {
      await ctx.out.line(line);
    }
  }
  if (plan.actions.length === 0 || dryRun) {
    if (ctx.json) {
      await ctx.out.result(restoreJson(plan, uri, via, dryRun, null));
    } else if (plan.actions.length === 0) {
      await ctx.out.line(
        `${safeText(uri)} already holds exactly the files of snapshot ${topHash.slice(0, 12)}${via ? ` (${safeText(via)})` : ''}; nothing written.`
      );
    } else {
      ctx.out.note('Dry run: nothing was written.');
    }
    return;
  }
  if (!options.yes) {
    const s = restoreSummary(plan.actions);
    const answer = await ctx.confirm(
      `Restore ${safeText(uri)} to snapshot ${topHash.slice(0, 12)}: ${s.copies} new version${s.copies === 1 ? '' : 's'}, ${s.deletes} delete marker${s.deletes === 1 ? '' : 's'} (every current version stays in the history)?`
    );
    if (answer !== true) {
      throw new HeliumError('Cancelled', 'Nothing was written.', { code: 'Declined' });
    }
  }
  let result: RestoreFolderResult;
  const restoring = new StatusLine(ctx); // a fresh one: the plan's may have drawn under 100 ms ago
  try {
    result = await restoreFolder(ctx.s3, plan, {
      signal: ctx.signal,
      // Its `checking` is not the snapshot's (reading checksums): nothing is written until it ends.
      onProgress: p =>
        restoring.show(
          p.phase === 'checking'
            ? `Checking the snapshot's versions and the folder (${plural(p.total, 'change', 'changes')}; nothing written yet)…`
            : describeLiveProgress(p)
        )
    });
  } finally {
    restoring.stop();
  }
  if (ctx.json) {
    await ctx.out.result(restoreJson(plan, uri, via, false, result));
    return;
  }
  await ctx.out.line(
    `restore: ${safeText(uri)} is snapshot ${topHash.slice(0, 12)} again: ${plural(result.copied.length, 'file', 'files')} copied back (new versions), ${result.deleted.length.toLocaleString('en-US')} deleted (delete markers).`
  );
  ctx.out.note('Nothing was lost: every earlier version is kept (helium versions lists them).');
}

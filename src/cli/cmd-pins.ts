/**
 * `helium pins NOTEBOOK.ipynb [--json]`: a notebook's pins and their status against S3, for CI
 * pipelines that must refuse to publish a result whose data moved; and `helium pins update
 * NOTEBOOK.ipynb [--pin NAME]`: re-lock pins to what they follow (the notebook is written only
 * when a pin changed, atomically).
 *
 * Exit codes of `helium pins` (the most severe wins): 0 every pin in sync (or no pins),
 * 3 changed since pinned, 4 pinned data missing (versions deleted for good), 5 a pin's status
 * could not be read (bucket not readable, snapshot that does not exist), 6 malformed pin(s).
 */
import { pinJson, readNotebookPins } from '../service/pins/notebook-pins';
import { describeFollows, pinStatuses } from '../service/pins/status';
import { updatePins } from '../service/pins/update';
import { shortLock } from '../service/pins/pin-lock';
import type { Pin, PinProblem, PinStatus } from '../service/pins/types';
import { ENTRY_STATUSES } from '../service/snapshots/statuses';
import type { CliContext } from './context';
import { EXIT } from './errors';
import { readNotebookFile, writeNotebookFile } from './notebook-file';
import { formatDate, safeText } from './output';
import { snapshotDates } from '../service/pins/snapshot-dates';

/** The exit code of each pin state (and of malformed pins). */
const STATE_EXIT: Record<PinStatus['state'] | 'malformed', number> = {
  'in-sync': EXIT.ok,
  changed: EXIT.pinsChanged,
  missing: EXIT.pinsMissing,
  error: EXIT.pinsError,
  malformed: EXIT.pinsMalformed
};

/**
 * The changes of a status in words: `3 modified, 1 added`. Only what the pin counts as changed:
 * not `same`, nor `same-content-new-version` (the pinned bytes and metadata, rewritten; a pin
 * compares content).
 * @param status - the status.
 * @returns the text ('' when nothing changed).
 */
export function describeChanges(status: PinStatus): string {
  const counts = status.counts;
  if (!counts) {
    return '';
  }
  return ENTRY_STATUSES.filter(s => s !== 'same' && s !== 'same-content-new-version' && counts[s] > 0)
    .map(s => `${counts[s]} ${s}`)
    .join(', ');
}

/** When the pinned snapshot and the one the followed reference names now were taken, if known. */
export interface FollowedDates {
  pinned?: Date;
  followed?: Date;
}

/**
 * Whether a followed reference now names a newer or an older snapshot than the pinned one.
 * @param dates - when the pinned one and the one named now were taken.
 * @returns `unknown` when a date is missing or both are the same.
 */
export function moveDirection(dates: FollowedDates): 'newer' | 'older' | 'unknown' {
  const { pinned, followed } = dates;
  if (!pinned || !followed || pinned.getTime() === followed.getTime()) {
    return 'unknown';
  }
  return followed > pinned ? 'newer' : 'older';
}

/**
 * Where a folder pin's followed reference moved, in words: a newer or an older snapshot (a tag
 * can be moved back), or another one when the dates are unknown.
 * @param topHash - the snapshot it names now.
 * @param dates - when that one and the pinned one were taken.
 * @returns e.g. `now names an older snapshot, 1a2b3c4d5e6f (2026-12-01 10:00:00)`.
 */
export function followedMove(topHash: string, dates: FollowedDates = {}): string {
  const direction = moveDirection(dates);
  const which = direction === 'newer' ? 'a newer' : direction === 'older' ? 'an older' : 'another';
  const { followed } = dates;
  const when = followed ? ` (${formatDate(followed)})` : '';
  return `now names ${which} snapshot, ${safeText(shortLock(topHash))}${when}`;
}

/**
 * A word for a POSIX shell: as it is when it needs no quotes, else in single quotes.
 * @param word - the word.
 * @returns it, ready to paste into a command line.
 */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/u.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * What a person can do about a pin that is not in sync: the commands that show, keep or undo the
 * change (a folder's restore, `helium restore --snapshot` or JupyterLab's, shows what it will do
 * before it writes).
 * @param pin - the pin.
 * @param status - its status.
 * @param notebookPath - the notebook, as given on the command line.
 * @returns the lines ([] for a pin in sync).
 */
export function actionLines(pin: Pin, status: PinStatus, notebookPath: string): string[] {
  const nb = shellWord(notebookPath);
  const uri = shellWord(pin.uri);
  if (status.state === 'error') {
    return [`  to do: fix what the error says, or correct or remove this pin in the notebook's metadata.helium.pins`];
  }
  if (status.state === 'in-sync') {
    return [];
  }
  if (pin.kind === 'file') {
    return status.state === 'missing'
      ? [
          `  to do: the pinned bytes cannot be brought back; pin the current version instead: helium pins update ${nb} --pin ${shellWord(pin.name)}`
        ]
      : [
          `  bring the pinned version back: helium restore ${uri} --version ${shellWord(pin.version_id)}`,
          `  or keep the new one: helium pins update ${nb} --pin ${shellWord(pin.name)}`
        ];
  }
  const hash = pin.top_hash.slice(0, 12);
  const keep = `helium pin ${nb} ${uri} --snapshot --name ${shellWord(pin.name)}`;
  if (status.state === 'missing') {
    return [`  to do: the missing versions cannot be brought back; snapshot and pin the folder as it is: ${keep}`];
  }
  return [
    `  what changed: helium diff ${uri} ${hash} latest`,
    `  bring the pinned data back (new versions and delete markers, history kept; --dry-run shows the plan): helium restore ${uri} --snapshot ${hash}`,
    `  (or Restore Folder to Pin in JupyterLab, from the notebook's data status menu)`,
    `  a local copy instead: helium get ${uri} --snapshot ${hash} DIR/`,
    `  or keep the new data: ${keep}`
  ];
}

/**
 * One pin's status for people.
 * @param pin - the pin.
 * @param status - its status.
 * @param dates - for a folder pin whose followed reference moved: when its snapshots were taken.
 * @returns the lines.
 */
export function statusLines(pin: Pin, status: PinStatus, dates?: FollowedDates): string[] {
  const what =
    pin.kind === 'file' ? `version ${safeText(shortLock(pin.version_id))}` : `${pin.top_hash.slice(0, 12)} (${safeText(pin.package)})`;
  const head = `${safeText(pin.name)}: ${safeText(pin.uri)} @ ${what}`;
  const lines = [head];
  if (status.state === 'in-sync') {
    lines.push('  in sync');
  } else if (status.state === 'changed') {
    lines.push(`  changed since pinned: ${describeChanges(status)}`);
  } else if (status.state === 'missing') {
    const missing = status.missing ?? [];
    lines.push(`  MISSING: ${missing.length} pinned version${missing.length === 1 ? ' is' : 's are'} gone for good (deleted or expired):`);
    lines.push(...missing.slice(0, 20).map(m => `    ${safeText(m.logicalKey)}  ${safeText(m.physicalKey)}`));
    if (missing.length > 20) {
      lines.push(`    … and ${missing.length - 20} more`);
    }
    const changes = describeChanges(status);
    if (changes) {
      lines.push(`  also changed since pinned: ${changes}`);
    }
  } else {
    lines.push(`  ERROR: ${safeText(status.error?.message ?? 'unknown error')}`);
  }
  const followed = status.followed;
  if (followed) {
    const what = describeFollows(followed.follows);
    if (followed.error) {
      lines.push(`  follows ${safeText(what)}: could not be read: ${safeText(followed.error)}`);
    } else if (followed.topHash === null) {
      lines.push(`  follows ${safeText(what)}: which names ${pin.kind === 'file' ? 'no version (the file was deleted)' : 'no snapshot'}`);
    } else if (followed.newer && pin.kind === 'file') {
      lines.push(
        `  follows ${safeText(what)}: a newer version exists (${safeText(shortLock(followed.topHash))}); helium pins update re-locks it`
      );
    } else if (followed.newer) {
      lines.push(`  follows ${safeText(what)}: ${followedMove(followed.topHash, dates)}; helium pins update re-locks it`);
    } else {
      lines.push(`  follows ${safeText(what)}: up to date`);
    }
  }
  return lines;
}

/**
 * Run `helium pins NOTEBOOK`.
 * @param ctx - the context.
 * @param notebookPath - the notebook file.
 */
export async function pins(ctx: CliContext, notebookPath: string): Promise<void> {
  const file = await readNotebookFile(notebookPath);
  const read = readNotebookPins(file.notebook);
  const statuses = await pinStatuses(ctx.s3, read.pins, { signal: ctx.signal });
  const exitCode = Math.max(
    EXIT.ok,
    ...statuses.map(s => STATE_EXIT[s.state]),
    ...(read.problems.length > 0 ? [STATE_EXIT.malformed] : [])
  );
  ctx.exitCode = exitCode;
  const dates = await Promise.all(read.pins.map((pin, i) => movedDates(ctx, pin, statuses[i])));
  if (ctx.json) {
    await ctx.out.result({
      notebook: notebookPath,
      exitCode,
      pins: read.pins.map((pin, i) => ({ ...pinJson(pin), ...withMove(statuses[i], dates[i]) })),
      problems: read.problems
    });
    return;
  }
  const lines: string[] = [];
  read.pins.forEach((pin, i) => lines.push(...statusLines(pin, statuses[i], dates[i]), ...actionLines(pin, statuses[i], notebookPath)));
  if (lines.length > 0) {
    await ctx.out.write(`${lines.join('\n')}\n`);
  }
  reportProblems(ctx, read.problems);
  if (read.pins.length === 0 && read.problems.length === 0) {
    ctx.out.note(`${safeText(notebookPath)} has no pins (metadata.helium.pins).`);
  }
}

/**
 * For a folder pin whose followed reference names another snapshot: when both were taken (one
 * listing of the folder's snapshots; unknown when it cannot be read, the words then say "another").
 * @param ctx - the context.
 * @param pin - the pin.
 * @param status - its status.
 * @returns the dates, or undefined when nothing moved.
 */
async function movedDates(ctx: CliContext, pin: Pin, status: PinStatus): Promise<FollowedDates | undefined> {
  const now = status.followed?.topHash;
  if (pin.kind !== 'folder' || !status.followed?.newer || !now) {
    return undefined;
  }
  const where = { bucket: pin.bucket, folder: pin.folder, package: pin.package, signal: ctx.signal };
  const dates = await snapshotDates(ctx.s3, where, [pin.top_hash, now]).catch(() => new Map<string, Date>());
  return { pinned: dates.get(pin.top_hash), followed: dates.get(now) };
}

/**
 * A status for `--json`: a folder pin's moved reference also says which way it moved, and when
 * both snapshots were taken (as the text does).
 * @param status - the pin's status.
 * @param dates - the snapshots' dates, when the reference moved.
 * @returns the status, with `followed.direction`, `followed.pinnedAt` and `followed.followedAt`.
 */
function withMove(status: PinStatus, dates: FollowedDates | undefined): PinStatus | Record<string, unknown> {
  if (!dates || !status.followed) {
    return status;
  }
  const iso = (date?: Date) => (date ? date.toISOString() : null);
  return {
    ...status,
    followed: { ...status.followed, direction: moveDirection(dates), pinnedAt: iso(dates.pinned), followedAt: iso(dates.followed) }
  };
}

/**
 * Malformed pins, on stderr.
 * @param ctx - the context.
 * @param problems - the problems.
 */
function reportProblems(ctx: CliContext, problems: readonly PinProblem[]): void {
  for (const problem of problems) {
    ctx.io.stderr.write(`helium: ${safeText(problem.message)}\n`);
  }
}

/** Options of `helium pins update`. */
export interface PinsUpdateOptions {
  /** `--pin NAME`: only this pin. */
  pin?: string;
}

/**
 * Run `helium pins update NOTEBOOK [--pin NAME]`.
 * @param ctx - the context.
 * @param notebookPath - the notebook file.
 * @param options - `--pin`.
 */
export async function pinsUpdate(ctx: CliContext, notebookPath: string, options: PinsUpdateOptions): Promise<void> {
  const file = await readNotebookFile(notebookPath);
  const result = await updatePins(ctx.s3, file.notebook, { only: options.pin, signal: ctx.signal });
  if (result.changed) {
    await writeNotebookFile(file, result.notebook);
  }
  const skipped = result.updates.some(u => u.action === 'skipped');
  ctx.exitCode = skipped ? EXIT.pinsError : EXIT.ok;
  if (ctx.json) {
    await ctx.out.result({ notebook: notebookPath, written: result.changed, updates: result.updates, problems: result.problems });
    return;
  }
  const lines = result.updates.map(u => {
    const name = safeText(u.name);
    if (u.action === 'updated') {
      return `updated  ${name}: ${safeText(shortLock(u.from))} -> ${safeText(shortLock(u.to ?? ''))}`;
    }
    if (u.action === 'current') {
      return `current  ${name}: ${safeText(shortLock(u.from))}`;
    }
    return `skipped  ${name}: ${safeText(u.reason ?? '')}`;
  });
  if (lines.length > 0) {
    await ctx.out.write(`${lines.join('\n')}\n`);
  }
  reportProblems(ctx, result.problems);
  ctx.out.note(result.changed ? `Wrote ${safeText(notebookPath)}.` : `Nothing to update; ${safeText(notebookPath)} was not written.`);
}

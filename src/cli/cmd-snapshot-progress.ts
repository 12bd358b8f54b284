/**
 * A one-line status on the terminal for snapshot work (taking a snapshot, reading the live folder
 * for a diff, restoring): the phase and its counts, redrawn in place on stderr. Off the terminal
 * (pipes, files, `--json`) nothing is drawn.
 */
import { reportNumber as num } from '../service/snapshots/progress-report';
import type { CliContext } from './context';
import { formatBytes } from './output';

/** A status line on stderr, drawn at most every 100 ms. */
export class StatusLine {
  private drawn = false;
  private last = -Infinity;
  private readonly enabled: boolean;

  /**
   * @param ctx - the command's context (stderr, `--json`).
   * @param now - the clock in milliseconds (tests pass their own).
   */
  constructor(
    private readonly ctx: CliContext,
    private readonly now: () => number = () => Date.now()
  ) {
    this.enabled = Boolean(ctx.io.stderr.isTTY) && !ctx.json;
  }

  /**
   * Show a status (when enough time has passed since the last one).
   * @param text - the status, one line.
   */
  show(text: string): void {
    const t = this.now();
    if (!this.enabled || t - this.last < 100) {
      return;
    }
    this.last = t;
    const width = (this.ctx.io.stderr.columns || 80) - 1;
    this.ctx.io.stderr.write(`\r\x1b[2K${text.length > width ? text.slice(0, width) : text}`);
    this.drawn = true;
  }

  /** Remove the line. */
  stop(): void {
    if (this.drawn) {
      this.ctx.io.stderr.write('\r\x1b[2K');
      this.drawn = false;
    }
  }
}

/** Words for the phases of the snapshot engine. */
const PHASES: Record<string, string> = {
  listing: 'Listing objects',
  checking: 'Reading checksums',
  hashing: 'Hashing content',
  reading: 'Reading the snapshot',
  writing: 'Writing the snapshot',
  copying: 'Copying versions back',
  deleting: 'Adding delete markers'
};

/**
 * Describe a progress report of the snapshot engine (`snapshot`, the live side of a diff,
 * `restoreFolder`), reading it leniently: fields it does not send are left out.
 * @param report - the report.
 * @returns one line, e.g. `Reading checksums: 1,234 objects · 120/500 checksums · 9 reused`.
 */
export function describeLiveProgress(report: unknown): string {
  if (!report || typeof report !== 'object') {
    return 'Working…';
  }
  const r = report as Record<string, unknown>;
  const phase = typeof r.phase === 'string' ? (PHASES[r.phase] ?? r.phase) : 'Working';
  const parts: string[] = [];
  const n = (v: number) => v.toLocaleString('en-US');
  const listed = num(r, 'listed');
  const checked = num(r, 'checked');
  const toCheck = num(r, 'toCheck');
  const reused = num(r, 'reused');
  const hashed = num(r, 'hashedBytes');
  const toHash = num(r, 'bytesToHash');
  const done = num(r, 'done');
  const total = num(r, 'total');
  const bytesCopied = num(r, 'bytesCopied');
  const totalBytes = num(r, 'totalBytes');
  // snapshot(): objects (of totalObjects) and bytes (of totalBytes) done in the phase.
  const objects = num(r, 'objects');
  const totalObjects = num(r, 'totalObjects');
  const bytes = num(r, 'bytes');
  if (objects !== undefined) {
    parts.push(totalObjects ? `${n(objects)}/${n(totalObjects)} objects` : `${n(objects)} objects`);
  }
  if (bytes !== undefined) {
    parts.push(totalBytes ? `${formatBytes(bytes)}/${formatBytes(totalBytes)}` : formatBytes(bytes));
  }
  if (listed !== undefined) {
    parts.push(`${n(listed)} objects`);
  }
  if (checked !== undefined && toCheck) {
    parts.push(`${n(checked)}/${n(toCheck)} checksums`);
  }
  if (reused) {
    parts.push(`${n(reused)} known from the snapshot`);
  }
  if (hashed !== undefined && toHash) {
    parts.push(`${formatBytes(hashed)}/${formatBytes(toHash)} hashed`);
  }
  if (done !== undefined && total) {
    parts.push(`${n(done)}/${n(total)} files`);
  }
  if (bytesCopied !== undefined && totalBytes) {
    parts.push(`${formatBytes(bytesCopied)}/${formatBytes(totalBytes)}`);
  }
  return parts.length ? `${phase}: ${parts.join(' · ')}` : `${phase}…`;
}

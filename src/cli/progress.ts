/**
 * A one-line progress display for transfers on a terminal: a bar, bytes, percent, rate and ETA,
 * redrawn in place a few times a second on stderr. Off the terminal (pipes, files, `--json`)
 * nothing is drawn.
 */
import { formatBytes, formatDuration, TextStream } from './output';

/** What the display shows at one moment. */
export interface ProgressState {
  /** Bytes done so far (over all files). */
  doneBytes: number;
  /** Bytes to do in total. */
  totalBytes: number;
  /** Files finished (transferred or skipped). */
  doneFiles: number;
  /** Files in total. */
  totalFiles: number;
  /** Bytes per second (recent average), when known. */
  rate?: number;
}

/**
 * Render one progress line: `[#####-----]  45% 460 MiB/1.00 GiB  95.2 MiB/s  ETA 6s  (3/10 files)`.
 * @param state - what to show.
 * @param width - the terminal's width in columns.
 * @returns the line (no newline), at most `width - 1` characters.
 */
export function renderProgress(state: ProgressState, width = 80): string {
  const fraction = state.totalBytes > 0 ? Math.min(1, state.doneBytes / state.totalBytes) : 1;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const bytes = `${formatBytes(state.doneBytes)}/${formatBytes(state.totalBytes)}`;
  const rate = state.rate !== undefined ? `${formatBytes(state.rate)}/s` : '--/s';
  const remaining = state.totalBytes - state.doneBytes;
  const eta = state.rate && state.rate > 0 ? formatDuration(remaining / state.rate) : remaining <= 0 ? '0s' : '--';
  const files = state.totalFiles > 1 ? `  (${state.doneFiles}/${state.totalFiles} files)` : '';
  const text = `${percent} ${bytes}  ${rate}  ETA ${eta}${files}`;
  const barWidth = Math.min(30, width - 1 - text.length - 3);
  if (barWidth < 5) {
    return text.slice(0, Math.max(0, width - 1));
  }
  const filled = Math.round(fraction * barWidth);
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${text}`;
}

/** Options of {@link Progress}. */
export interface ProgressOptions {
  /** Where to draw (stderr). */
  stream: TextStream;
  /** Whether to draw at all (a terminal, and not `--json`). */
  enabled: boolean;
  /** Bytes to transfer in total. */
  totalBytes: number;
  /** Files to transfer in total. */
  totalFiles: number;
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
  /** Redraw at most this often, in milliseconds (default 100). */
  intervalMs?: number;
}

/**
 * Progress over many transfers. Each file reports its own byte count; the display shows the sum.
 */
export class Progress {
  private readonly perFile = new Map<string, number>();
  private doneBytes = 0;
  private doneFiles = 0;
  private totalBytes: number;
  private readonly samples: { t: number; bytes: number }[] = [];
  private lastDraw = -Infinity;
  private drawn = false;
  private readonly now: () => number;
  private readonly intervalMs: number;

  /**
   * @param options - where to draw, whether to, and the totals.
   */
  constructor(private readonly options: ProgressOptions) {
    this.now = options.now ?? (() => Date.now());
    this.intervalMs = options.intervalMs ?? 100;
    this.totalBytes = options.totalBytes;
    this.samples.push({ t: this.now(), bytes: 0 });
  }

  /**
   * A file's transfer reported progress.
   * @param id - the file (any unique name).
   * @param transferred - its bytes transferred so far.
   */
  update(id: string, transferred: number): void {
    const before = this.perFile.get(id) ?? 0;
    this.perFile.set(id, transferred);
    this.doneBytes += transferred - before;
    this.maybeDraw();
  }

  /**
   * A file is finished (or skipped): count all its bytes as done.
   * @param id - the file.
   * @param size - its size.
   */
  finish(id: string, size: number): void {
    this.update(id, size);
    this.perFile.delete(id);
    this.doneFiles += 1;
    this.maybeDraw();
  }

  /**
   * A file will not be transferred after all (it failed): take its bytes out of the total.
   * @param id - the file.
   * @param size - its size.
   */
  drop(id: string, size: number): void {
    this.doneBytes -= this.perFile.get(id) ?? 0;
    this.perFile.delete(id);
    this.totalBytes -= size;
    this.doneFiles += 1;
    this.maybeDraw();
  }

  /**
   * Print a line above the progress display (which is then redrawn).
   * @param write - prints the line (to stdout or stderr).
   */
  above(write: () => void): void {
    this.clear();
    write();
    if (this.doneFiles < this.options.totalFiles) {
      this.maybeDraw(true);
    }
  }

  /** The state shown now. */
  state(): ProgressState {
    const t = this.now();
    while (this.samples.length > 2 && t - this.samples[1].t > 5000) {
      this.samples.shift();
    }
    const first = this.samples[0];
    const elapsed = (t - first.t) / 1000;
    const state: ProgressState = {
      doneBytes: this.doneBytes,
      totalBytes: this.totalBytes,
      doneFiles: this.doneFiles,
      totalFiles: this.options.totalFiles
    };
    if (elapsed >= 0.5) {
      state.rate = Math.max(0, (this.doneBytes - first.bytes) / elapsed);
    }
    return state;
  }

  /** Remove the display (before printing results, and at the end). */
  clear(): void {
    if (this.drawn) {
      this.options.stream.write('\r\x1b[2K');
      this.drawn = false;
    }
  }

  /** Stop: draw the final state, then remove the display. */
  stop(): void {
    this.clear();
  }

  /**
   * Redraw when enough time has passed.
   * @param force - redraw now.
   */
  private maybeDraw(force = false): void {
    const t = this.now();
    if (t - this.samples[this.samples.length - 1].t >= 250) {
      this.samples.push({ t, bytes: this.doneBytes });
    }
    if (!this.options.enabled || (!force && t - this.lastDraw < this.intervalMs)) {
      return;
    }
    this.lastDraw = t;
    const width = this.options.stream.columns || 80;
    this.options.stream.write(`\r\x1b[2K${renderProgress(this.state(), width)}`);
    this.drawn = true;
  }
}

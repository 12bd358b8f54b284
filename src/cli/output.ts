/**
 * Writing results: plain text for people, JSON for programs, and the number and date formats
 * both use. Results go to stdout, messages and progress to stderr.
 */

/** A writable stream as far as we use it (process.stdout or a test double). */
export interface TextStream {
  write(text: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** The command's two streams and the output mode. */
export class Output {
  /**
   * @param stdout - where results go.
   * @param stderr - where notes, warnings, errors and progress go.
   * @param json - whether results are JSON (then notes are not printed).
   */
  constructor(
    readonly stdout: TextStream,
    readonly stderr: TextStream,
    readonly json: boolean
  ) {}

  /**
   * Write to stdout, waiting when the reader is slower than we are (pipes into `head`, `less`).
   * @param text - the text.
   */
  async write(text: string): Promise<void> {
    if (!this.stdout.write(text)) {
      await new Promise<void>(resolve => this.stdout.once('drain', resolve));
    }
  }

  /**
   * Write one line of results to stdout.
   * @param line - the line, without its newline.
   */
  async line(line: string): Promise<void> {
    await this.write(`${line}\n`);
  }

  /**
   * Write a JSON document to stdout.
   * @param value - the result.
   */
  async result(value: unknown): Promise<void> {
    await this.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /**
   * A note for people (skipped files, delete markers…) on stderr; nothing with `--json`.
   * @param text - the note.
   */
  note(text: string): void {
    if (!this.json) {
      this.stderr.write(`${text}\n`);
    }
  }
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/**
 * A byte count for people: `512 B`, `1.5 MiB`, `12 GiB`.
 * @param bytes - the count.
 * @returns the text.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return '?';
  }
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) {
    return `${value} B`;
  }
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${UNITS[unit]}`;
}

/**
 * A duration for people: `42s`, `3m05s`, `1h02m`.
 * @param seconds - the duration.
 * @returns the text, or `--` when unknown.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) {
    return '--';
  }
  const s = Math.round(seconds);
  if (s < 60) {
    return `${s}s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  }
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * A date as `aws s3 ls` prints it: local time, `YYYY-MM-DD HH:MM:SS`.
 * @param date - the date.
 * @returns the text.
 */
export function formatDate(date: Date | undefined): string {
  if (!date || Number.isNaN(date.getTime())) {
    return ' '.repeat(19);
  }
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ` +
    `${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`
  );
}

/**
 * Make attacker-controlled text (keys, metadata) safe for a terminal: control characters,
 * including escape sequences, are shown as `\xNN` / `\uNNNN` instead of being interpreted.
 * @param text - the text.
 * @returns the text with control characters escaped.
 */
export function safeText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ch => {
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

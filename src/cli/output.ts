/**
 * Writing results: plain text for people, JSON for programs, and the number and date formats
 * both use. Results go to stdout, messages and progress to stderr.
 */
import { stringify } from 'lossless-json';
import { formatBytes as sharedFormatBytes, formatDuration as sharedFormatDuration } from '../service/format';

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
    // lossless-json: JSON.stringify's text, with number tokens kept whole (metadata given losslessly).
    await this.write(`${stringify(value, null, 2) ?? 'null'}\n`);
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

/**
 * A byte count for people: `512 B`, `1.50 KiB`, `12.0 MiB`, `512 GiB`; `?` when invalid.
 * @param bytes - the count.
 * @returns the text.
 */
export function formatBytes(bytes: number): string {
  return sharedFormatBytes(bytes, { decimals: 2, invalid: '?' });
}

/**
 * A duration for people: `42s`, `3m05s`, `1h02m`.
 * @param seconds - the duration.
 * @returns the text, or `--` when unknown.
 */
export function formatDuration(seconds: number): string {
  return sharedFormatDuration(seconds, { style: 'compact', invalid: '--' });
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
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ch => {
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

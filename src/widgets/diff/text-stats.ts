/**
 * Counting changed lines the way the CodeMirror merge view sees them (same chunks), and telling
 * binary content from text.
 */
import { Chunk } from '@codemirror/merge';
import { Text } from '@codemirror/state';

/** Lines added and removed between two texts. */
export interface ILineCounts {
  added: number;
  removed: number;
  /** Changed regions. */
  chunks: number;
}

/** The merge view's diff settings: bounded work on huge, very different texts. */
export const DIFF_CONFIG = { scanLimit: 500, timeout: 2000 };

/**
 * Count the lines that differ between two texts.
 * @param left - the older text.
 * @param right - the newer text.
 * @returns lines added (only in right) and removed (only in left), and the number of chunks.
 */
export function countChangedLines(left: string, right: string): ILineCounts {
  // End both with a line break, so lines appended after a last line without one count as added
  // lines rather than as a change of that last line.
  const lines = (text: string) => (text.endsWith('\n') ? text : `${text}\n`).split(/\r\n|\r|\n/);
  const a = Text.of(lines(left));
  const b = Text.of(lines(right));
  const counts: ILineCounts = { added: 0, removed: 0, chunks: 0 };
  for (const chunk of Chunk.build(a, b, DIFF_CONFIG)) {
    counts.chunks++;
    if (chunk.toA > chunk.fromA) {
      counts.removed += a.lineAt(chunk.endA).number - a.lineAt(chunk.fromA).number + 1;
    }
    if (chunk.toB > chunk.fromB) {
      counts.added += b.lineAt(chunk.endB).number - b.lineAt(chunk.fromB).number + 1;
    }
  }
  return counts;
}

/**
 * Whether bytes look binary: a NUL byte in the first 8 KiB (as git decides).
 * @param bytes - the content.
 * @returns true when binary.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 0) {
      return true;
    }
  }
  return false;
}

/** The line breaks a text uses. */
export type LineBreaks = 'CRLF' | 'LF' | 'CR' | 'mixed' | 'none';

/**
 * Which line breaks a text uses.
 * @param text - the text.
 * @returns `CRLF`, `LF` or `CR` when it uses one kind, `mixed`, or `none`.
 */
export function lineBreaks(text: string): LineBreaks {
  const kinds = new Set((text.match(/\r\n|\r|\n/g) ?? []).map(b => (b === '\r\n' ? 'CRLF' : b === '\r' ? 'CR' : 'LF')));
  return kinds.size === 0 ? 'none' : kinds.size > 1 ? 'mixed' : ([...kinds][0] as LineBreaks);
}

/** How two different texts with the same lines differ. */
export interface ILayoutDifference {
  /** Their line breaks differ: each side's kind. */
  lineBreaks?: [LineBreaks, LineBreaks];
  /** One ends with a line break and the other does not: whether each does. */
  finalBreak?: [boolean, boolean];
}

/**
 * What differs between two texts whose lines are all the same, which a line diff (and the merge
 * view) cannot show: their line breaks (CRLF vs LF) or the break at the end of the file.
 * @param left - the older text.
 * @param right - the newer text.
 * @returns the difference, or null when the texts are equal or differ in a line's content.
 */
export function layoutDifference(left: string, right: string): ILayoutDifference | null {
  if (left === right) {
    return null;
  }
  const unify = (text: string) => text.replace(/\r\n?/g, '\n');
  const [a, b] = [unify(left), unify(right)];
  const ends = (text: string) => text.endsWith('\n');
  const difference: ILayoutDifference = {};
  if (a !== b) {
    if (ends(a) === ends(b) || (ends(a) ? a.slice(0, -1) : a) !== (ends(b) ? b.slice(0, -1) : b)) {
      return null;
    }
    difference.finalBreak = [ends(a), ends(b)];
  }
  if (a !== left || b !== right) {
    const kinds: [LineBreaks, LineBreaks] = [lineBreaks(left), lineBreaks(right)];
    if (kinds[0] !== kinds[1]) {
      difference.lineBreaks = kinds;
    }
  }
  return difference.lineBreaks || difference.finalBreak ? difference : null;
}

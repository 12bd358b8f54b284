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

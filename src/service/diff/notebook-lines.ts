/**
 * Line diffs of cell sources and text outputs, bounded in time and in lines listed.
 */
import { diffLines } from 'diff';

/** One line of a line diff. */
export interface IDiffLine {
  /** Only on the right, only on the left, or on both. */
  kind: 'added' | 'removed' | 'same';
  /** The line, without its line break. */
  text: string;
}

/** A line diff; past the cap, lines are only counted. */
export interface ILineDiff {
  lines: IDiffLine[];
  /** Lines left out past the cap. */
  omitted: number;
  /** Lines added and removed (all of them, also those left out). */
  added: number;
  removed: number;
}

/** Most lines listed per line diff by default. */
export const DEFAULT_MAX_LINES = 2000;

/** Time the line diff may take before it gives up on a minimal diff (ms). */
const DIFF_TIMEOUT_MS = 1000;

/**
 * Split text into lines without their line breaks (a final line break ends the last line).
 * @param text - the text.
 * @returns the lines; none for empty text.
 */
export function splitLines(text: string): string[] {
  if (text === '') {
    return [];
  }
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines;
}

/**
 * Diff two texts line by line. Falls back to "all removed, all added" when a minimal diff would
 * take too long (huge, very different texts).
 * @param left - the older text.
 * @param right - the newer text.
 * @param maxLines - the most lines listed.
 * @returns the lines and counts.
 */
export function lineDiff(left: string, right: string, maxLines = DEFAULT_MAX_LINES): ILineDiff {
  const result: ILineDiff = { lines: [], omitted: 0, added: 0, removed: 0 };
  const push = (kind: IDiffLine['kind'], lines: string[]) => {
    for (const text of lines) {
      if (kind === 'added') {
        result.added++;
      } else if (kind === 'removed') {
        result.removed++;
      }
      if (result.lines.length < maxLines) {
        result.lines.push({ kind, text });
      } else {
        result.omitted++;
      }
    }
  };
  if (left === right) {
    push('same', splitLines(left));
    return result;
  }
  const changes = diffLines(left, right, { timeout: DIFF_TIMEOUT_MS });
  if (!changes) {
    push('removed', splitLines(left));
    push('added', splitLines(right));
    return result;
  }
  for (const change of changes) {
    push(change.added ? 'added' : change.removed ? 'removed' : 'same', splitLines(change.value));
  }
  return result;
}

/**
 * All lines of a text as one kind (an added or removed cell or output).
 * @param text - the text.
 * @param kind - what to mark them as.
 * @param maxLines - the most lines listed.
 * @returns the lines and counts.
 */
export function linesOf(text: string, kind: IDiffLine['kind'], maxLines = DEFAULT_MAX_LINES): ILineDiff {
  const all = splitLines(text);
  const lines = all.slice(0, maxLines).map(t => ({ kind, text: t }));
  return {
    lines,
    omitted: all.length - lines.length,
    added: kind === 'added' ? all.length : 0,
    removed: kind === 'removed' ? all.length : 0
  };
}

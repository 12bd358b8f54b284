/**
 * What `helium diff` prints for two objects: a unified diff of their lines (as `diff -u` and
 * `git diff` print it) when both are text, else whether their bytes are the same.
 */
import { createTwoFilesPatch } from 'diff';
import { decodeText } from '../service/formats/text-decode';

/** Objects up to this size each get a line diff; bigger ones are compared by their bytes only. */
export const TEXT_DIFF_MAX_BYTES = 8 * 1024 * 1024;

/**
 * The bytes as text, if they are text, read as the diff tab reads them (a byte-order mark's
 * encoding, else UTF-8 with stray bytes as Windows-1252, so a latin-1 file is text too).
 * @param bytes - the object's bytes.
 * @returns the text, or undefined for binary content: a NUL character, or control characters
 *   other than tab, line breaks and form feed in bytes that are not UTF-8.
 */
export function asText(bytes: Uint8Array): string | undefined {
  const { text, encoding } = decodeText(bytes);
  if (text.includes('\u0000')) {
    return undefined;
  }
  return encoding === 'utf-8+windows-1252' && /[\u0001-\u0008\u000b\u000e-\u001f]/.test(text) ? undefined : text;
}

/**
 * A unified diff of two texts.
 * @param leftName - the `---` side's name.
 * @param rightName - the `+++` side's name.
 * @param left - the older text.
 * @param right - the newer text.
 * @param context - lines of context around each change.
 * @returns the diff, from its `---` line on; empty when the texts are the same.
 */
export function unifiedDiff(leftName: string, rightName: string, left: string, right: string, context = 3): string {
  if (left === right) {
    return '';
  }
  const patch = createTwoFilesPatch(leftName, rightName, left, right, undefined, undefined, { context });
  // jsdiff starts with a line of "=" (and "Index:" for same names); diff -u starts at "---".
  return patch.slice(patch.indexOf('--- '));
}

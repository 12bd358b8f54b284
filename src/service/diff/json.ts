/**
 * Structural diff of two JSON values: the list of paths where they differ, in a stable order
 * (document order of the left value, keys only on the right after the left ones), arrays compared
 * by index. Bounded: past `maxEntries` changes are only counted.
 */
import { isInteger, isSafeNumber, parse as losslessParse } from 'lossless-json';
import { HeliumError } from '../error-class';
import { isJsonObject } from '../json-object';

/** A path into a JSON value: object keys and array indexes from the root. */
export type JsonPath = (string | number)[];

/** What happened at a path. */
export type JsonChangeKind = 'added' | 'removed' | 'changed';

/** One difference between two JSON values. */
export interface IJsonChange {
  /** Where, from the root. */
  path: JsonPath;
  /** Only on the right (`added`), only on the left (`removed`), or a different value (`changed`). */
  kind: JsonChangeKind;
  /** The left value (absent for `added`). */
  left?: unknown;
  /** The right value (absent for `removed`). */
  right?: unknown;
}

/** The result of {@link diffJsonValues}. */
export interface IJsonDiff {
  /** The differences, at most `maxEntries` of them. */
  changes: IJsonChange[];
  /** How many differences of each kind there are in all (also those past the cap). */
  counts: Record<JsonChangeKind, number>;
  /** True when there were more differences than `maxEntries`. */
  truncated: boolean;
}

/** Options of {@link diffJsonValues}. */
export interface IJsonDiffOptions {
  /** The most changes listed (default 10,000); the rest are counted. */
  maxEntries?: number;
}

/** Default cap on listed changes. */
export const DEFAULT_MAX_JSON_CHANGES = 10000;

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Compare two JSON values structurally. Objects are compared key by key, arrays index by index,
 * anything else (and a change of type) is one `changed` entry at that path. Iterative, so deeply
 * nested documents cannot overflow the stack.
 * @param left - the older value.
 * @param right - the newer value.
 * @param options - the cap on listed changes.
 * @returns the changes, counts and whether the list was truncated; no changes = identical.
 */
export function diffJsonValues(left: unknown, right: unknown, options: IJsonDiffOptions = {}): IJsonDiff {
  const maxEntries = Math.max(0, options.maxEntries ?? DEFAULT_MAX_JSON_CHANGES);
  const result: IJsonDiff = { changes: [], counts: { added: 0, removed: 0, changed: 0 }, truncated: false };
  // Paths are linked lists while walking (no copying per level) and arrays only when listed.
  type Link = { parent: Link | null; key: string | number } | null;
  const toPath = (link: Link): JsonPath => {
    const path: JsonPath = [];
    for (let l = link; l; l = l.parent) {
      path.push(l.key);
    }
    return path.reverse();
  };
  const emit = (link: Link, kind: JsonChangeKind, a: unknown, b: unknown) => {
    result.counts[kind]++;
    if (result.changes.length >= maxEntries) {
      result.truncated = true;
      return;
    }
    const change: IJsonChange = { path: toPath(link), kind };
    if (kind !== 'added') {
      change.left = a;
    }
    if (kind !== 'removed') {
      change.right = b;
    }
    result.changes.push(change);
  };
  // Work items: a pair to compare, or a one-sided change to emit (keeps document order).
  type Item = { link: Link; left: unknown; right: unknown; only?: 'added' | 'removed' };
  const stack: Item[] = [{ link: null, left, right }];
  while (stack.length) {
    const { link, left: a, right: b, only } = stack.pop()!;
    if (only) {
      emit(link, only, a, b);
      continue;
    }
    const next: Item[] = [];
    const child = (key: string | number): Link => ({ parent: link, key });
    if (Array.isArray(a) && Array.isArray(b)) {
      const common = Math.min(a.length, b.length);
      for (let i = 0; i < common; i++) {
        next.push({ link: child(i), left: a[i], right: b[i] });
      }
      for (let i = common; i < a.length; i++) {
        next.push({ link: child(i), left: a[i], right: undefined, only: 'removed' });
      }
      for (let i = common; i < b.length; i++) {
        next.push({ link: child(i), left: undefined, right: b[i], only: 'added' });
      }
    } else if (isJsonObject(a) && isJsonObject(b)) {
      for (const key of Object.keys(a)) {
        next.push(
          hasOwn(b, key)
            ? { link: child(key), left: a[key], right: b[key] }
            : { link: child(key), left: a[key], right: undefined, only: 'removed' }
        );
      }
      for (const key of Object.keys(b)) {
        if (!hasOwn(a, key)) {
          next.push({ link: child(key), left: undefined, right: b[key], only: 'added' });
        }
      }
    } else if (!sameScalar(a, b)) {
      emit(link, 'changed', a, b);
    }
    for (let i = next.length - 1; i >= 0; i--) {
      stack.push(next[i]);
    }
  }
  return result;
}

/**
 * Whether two values that are not both arrays or both objects are equal.
 * @param a - a JSON scalar, array or object.
 * @param b - another.
 * @returns true when equal (an array is never equal to an object or a scalar).
 */
function sameScalar(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' && a !== null) {
    return false;
  }
  return a === b;
}

/** 16 digits in a row: a number JSON.parse may round (2^53 has 16 digits; every 15-digit integer is exact). */
const LONG_DIGITS = /\d{16}/;

/**
 * A JSON number's value: an integer a double cannot hold exactly is a bigint (as Python's `json`
 * keeps it an int), anything else a number.
 * @param token - the number's text.
 * @returns its value.
 */
function exactNumber(token: string): number | bigint {
  return isInteger(token) && !isSafeNumber(token) ? BigInt(token) : Number(token);
}

/**
 * JSON.parse, except that integers past 2^53 keep every digit. Otherwise ids such as
 * 12345678901234567891 and …892 both parse to the same double and two different documents
 * compare identical. JSON.parse stays the fast path when no number is that long; a document
 * lossless-json refuses (a repeated key, which JSON.parse and Python allow: the last wins) is
 * parsed by JSON.parse too.
 * @param text - the JSON text.
 * @returns the value.
 */
function parseExactJson(text: string): unknown {
  if (LONG_DIGITS.test(text)) {
    try {
      return losslessParse(text, null, exactNumber);
    } catch {
      // not valid for lossless-json: JSON.parse decides, and names the error
    }
  }
  return JSON.parse(text);
}

/**
 * Parse one side of a comparison as JSON.
 * @param text - the file's text (a leading byte order mark is ignored).
 * @param what - how to name the side in a message, e.g. "Version A".
 * @returns the value.
 * @throws HeliumError `InvalidInput` naming the side when the text is not JSON.
 */
export function parseJsonSide(text: string, what: string): unknown {
  try {
    return parseExactJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new HeliumError('InvalidInput', `${what} is not valid JSON (${reason}). Choose another view, e.g. Text, to compare it.`, {
      cause: err
    });
  }
}

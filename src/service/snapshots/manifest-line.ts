/**
 * One manifest line parsed exactly as {@link parseLosslessJson} parses it, but mostly with the
 * native `JSON.parse` (several times faster, and its strings are flat: lossless-json builds every
 * string a character at a time, which leaves ropes that cost memory until something flattens
 * them, e.g. the first sort or comparison of the keys).
 *
 * One pass over the line (string contents skipped) finds its number tokens, counts its `:` (one
 * per object member) and its nesting depth. Then `JSON.parse`, and one walk over the result that
 * turns every number into a `LosslessNumber` of its token:
 *
 * - when every token is an integer of at most 15 digits other than `-0`, `String(number)` gives
 *   the token back exactly;
 * - otherwise (floats, exponents, `-0`, big integers) the walk takes the tokens from the text, in
 *   order: it visits values in document order because arrays are, and objects are when no key is
 *   an array index (those are enumerated first, in numeric order), so such lines (any key starting
 *   with a digit) go to lossless-json.
 *
 * Every other difference between the parsers is excluded: a key repeated in an object (JSON.parse
 * keeps the last value, and lossless-json keeps the first when both are "deep equal", e.g. `[]`
 * and `{}`) shows as fewer members than `:`, and the line goes to lossless-json; both define
 * `__proto__` as an own property (no prototype change); both accept exactly the JSON grammar, and a
 * line JSON.parse refuses goes to lossless-json for the same error message as before; lines nested
 * deeper than {@link MAX_NATIVE_DEPTH} go there too (lossless-json recurses, JSON.parse does not).
 */
import { LosslessNumber } from 'lossless-json';
import { parseLosslessJson } from './python-json';
import type { JsonValue } from './types';

/** Lines nested deeper than this are left to lossless-json, which recurses. */
export const MAX_NATIVE_DEPTH = 64;

/** Which parser read a line (for tests). */
export type LineParser = 'native' | 'native-tokens' | 'lossless';

// The scan's results, reused from line to line (no allocation per line).
let tokenStarts = new Int32Array(16);
let tokenEnds = new Int32Array(16);
let tokenCount = 0;
let exactTokens = true;
let memberCount = 0;

// The walk's state.
let source = '';
let useTokens = false;
let nextToken = 0;
let membersSeen = 0;
let refused = false;

/**
 * Whether the `"` at `at` is escaped (preceded by an odd number of backslashes).
 * @param line - the text.
 * @param at - the position of a `"`.
 * @returns true when it is inside a string.
 */
function escaped(line: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && line.charCodeAt(k) === 0x5c) {
    k -= 1;
  }
  return (at - 1 - k) % 2 === 1;
}

/**
 * Record a number token.
 * @param start - its first character.
 * @param end - after its last character.
 */
function pushToken(start: number, end: number): void {
  if (tokenCount === tokenStarts.length) {
    const starts = new Int32Array(tokenCount * 2);
    const ends = new Int32Array(tokenCount * 2);
    starts.set(tokenStarts);
    ends.set(tokenEnds);
    tokenStarts = starts;
    tokenEnds = ends;
  }
  tokenStarts[tokenCount] = start;
  tokenEnds[tokenCount] = end;
  tokenCount += 1;
}

/**
 * One pass over a line, outside strings: its number tokens, whether `String(JSON.parse(token))`
 * gives each back (integers of at most 15 digits, not `-0`), the number of `:` and the depth. It
 * does not validate: JSON.parse does.
 * @param line - one manifest line.
 * @returns false when the line must go to lossless-json (an unterminated string, too deep).
 */
function scan(line: string): boolean {
  tokenCount = 0;
  exactTokens = true;
  memberCount = 0;
  let depth = 0;
  const n = line.length;
  let i = 0;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 0x22) {
      let close = line.indexOf('"', i + 1);
      while (close > 0 && line.charCodeAt(close - 1) === 0x5c && escaped(line, close)) {
        close = line.indexOf('"', close + 1);
      }
      if (close < 0) {
        return false;
      }
      i = close + 1;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      let digits = 0;
      let integer = true;
      i += 1;
      if (c !== 0x2d) {
        digits = 1;
      }
      while (i < n) {
        const d = line.charCodeAt(i);
        if (d >= 0x30 && d <= 0x39) {
          digits += 1;
        } else if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) {
          integer = false;
        } else {
          break;
        }
        i += 1;
      }
      if (!integer || digits > 15 || (c === 0x2d && digits === 1 && line.charCodeAt(start + 1) === 0x30)) {
        exactTokens = false;
      }
      pushToken(start, i);
    } else {
      if (c === 0x7b || c === 0x5b) {
        depth += 1;
        if (depth > MAX_NATIVE_DEPTH) {
          return false;
        }
      } else if (c === 0x7d || c === 0x5d) {
        depth -= 1;
      } else if (c === 0x3a) {
        memberCount += 1;
      }
      i += 1;
    }
  }
  return true;
}

/**
 * The LosslessNumber for the next number of the walk.
 * @param value - the number JSON.parse read.
 * @returns its LosslessNumber.
 */
function losslessNumber(value: number): LosslessNumber {
  const k = nextToken;
  nextToken += 1;
  if (!useTokens) {
    return new LosslessNumber(String(value));
  }
  if (k >= tokenCount) {
    refused = true;
    return new LosslessNumber('0');
  }
  const token = source.slice(tokenStarts[k], tokenEnds[k]);
  // A slice of 13 characters or more shares (and keeps alive) the whole manifest text; the
  // string JSON.parse makes is a copy. A number token has no `"` or `\`.
  return new LosslessNumber(token.length < 13 ? token : (JSON.parse(`"${token}"`) as string));
}

/**
 * Turn the numbers inside a parsed array or object into LosslessNumbers, in place, counting the
 * members of objects; sets `refused` for a key that is an array index (with tokens).
 * @param value - an array or object from JSON.parse.
 */
function convert(value: object): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && !refused; i++) {
      const item: unknown = value[i];
      if (typeof item === 'number') {
        value[i] = losslessNumber(item);
      } else if (item !== null && typeof item === 'object') {
        convert(item);
      }
    }
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  membersSeen += keys.length;
  for (let i = 0; i < keys.length && !refused; i++) {
    const key = keys[i];
    if (useTokens && key.length > 0 && key.charCodeAt(0) >= 0x30 && key.charCodeAt(0) <= 0x39) {
      refused = true;
      return;
    }
    const item = record[key];
    if (typeof item === 'number') {
      // An own `__proto__` (JSON.parse defines it so) is assigned like any own property.
      record[key] = losslessNumber(item);
    } else if (item !== null && typeof item === 'object') {
      convert(item);
    }
  }
}

/**
 * Parse with JSON.parse, when the result can be made exactly lossless-json's.
 * @param line - one line.
 * @returns the value and the path, or undefined to use lossless-json.
 */
function parseNative(line: string): { value: JsonValue; parser: LineParser } | undefined {
  if (!scan(line)) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  source = line;
  useTokens = !exactTokens;
  nextToken = 0;
  membersSeen = 0;
  refused = false;
  if (typeof value === 'number') {
    value = losslessNumber(value);
  } else if (value !== null && typeof value === 'object') {
    convert(value);
  }
  source = '';
  if (refused || nextToken !== tokenCount || membersSeen !== memberCount) {
    return undefined;
  }
  return { value, parser: useTokens ? 'native-tokens' : 'native' };
}

/**
 * Parse one manifest line exactly as {@link parseLosslessJson} does (same value, numbers as
 * LosslessNumbers of their tokens, same errors), JSON.parse doing the work when it can.
 * @param line - one JSON text.
 * @returns the value.
 * @throws HeliumError `InvalidInput` (code `InvalidJson`), as parseLosslessJson.
 */
export function parseManifestLine(line: string): JsonValue {
  const native = parseNative(line);
  return native ? native.value : parseLosslessJson(line);
}

/**
 * {@link parseManifestLine}, saying which parser read the line (for tests).
 * @param line - one JSON text.
 * @returns the value and the parser.
 */
export function parseManifestLineWith(line: string): { value: JsonValue; parser: LineParser } {
  return parseNative(line) ?? { value: parseLosslessJson(line), parser: 'lossless' };
}

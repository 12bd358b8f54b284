/**
 * JSON exactly as Python's `json` module writes it, and a lossless parse to feed it.
 *
 * Quilt's top hash is the SHA-256 of `json.dumps(part, sort_keys=True, separators=(',', ':'))`
 * (ensure_ascii on), and quilt3 writes manifest lines with `json.JSONEncoder(ensure_ascii=False,
 * allow_nan=False)` (separators `, ` and `: `, keys in insertion order). To produce the same bytes:
 *
 * - strings: with `ensureAscii`, every UTF-16 code unit outside `' '`..`'~'` is `\uXXXX` (lowercase
 *   hex, so astral characters become surrogate pairs), except `\" \\ \n \r \t \b \f`; without it,
 *   only `"`, `\` and characters below U+0020 are escaped;
 * - keys sorted by code point (Python's `str` order), not by UTF-16 code unit (JS's order), which
 *   differ for astral characters against U+E000–U+FFFF;
 * - numbers: an integer token stays as written (big ones included; `-0` becomes `0`, as Python's
 *   `int('-0')`); a float token (with `.` or an exponent) is written with Python's `repr(float)`:
 *   `1.0`, `1e-07`, `1e+16`, `-0.0`, shortest round-trip digits, exponent form when the exponent is
 *   below -4 or at least 16. A plain JS number is treated as the token `JSON.stringify` gives it
 *   (so `1` is an int and `1.5` a float). NaN and infinities are refused (quilt3 writes manifests
 *   with `allow_nan=False`).
 *
 * `parseLosslessJson` (json-values.ts) keeps every number as its token (lossless-json's
 * `LosslessNumber`), so a manifest read and re-serialized here gives back Python's bytes.
 */
import { isLosslessNumber, LosslessNumber } from 'lossless-json';
import { HeliumError } from '../error-class';
import { isJsonObject } from './json-values';
import type { JsonValue } from './types';
import { compareCodePoints } from '../code-points';

export { compareCodePoints } from '../code-points';
export { isJsonObject, isLosslessNumber, LosslessNumber, parseLosslessJson, pythonTruthy, toPlainJson } from './json-values';

/** Options of {@link pythonJsonDumps}, named after Python's `json.dumps` arguments. */
export interface PythonJsonOptions {
  /** Sort object keys by code point (Python's `sort_keys`); default false (insertion order). */
  sortKeys?: boolean;
  /** Escape everything outside printable ASCII (Python's `ensure_ascii`); default true. */
  ensureAscii?: boolean;
  /** Item and key separators (Python's `separators`); default `[', ', ': ']`. */
  separators?: readonly [string, string];
}

/** Python's limit on the digits of an int read from text (`sys.get_int_max_str_digits()`). */
export const PYTHON_INT_MAX_DIGITS = 4300;

/**
 * Python's `repr()` of a float: shortest round-trip digits, `.0` added to whole numbers, exponent
 * form (`1e-05`, `1.5e+16`, at least two exponent digits) when the decimal exponent is below -4 or
 * at least 16.
 * @param x - a finite number.
 * @returns the text Python writes for `float(x)`.
 * @throws HeliumError `InvalidInput` for NaN and infinities.
 */
export function pythonFloatRepr(x: number): string {
  if (!Number.isFinite(x)) {
    throw notFinite(String(x));
  }
  if (x === 0) {
    return Object.is(x, -0) ? '-0.0' : '0.0';
  }
  const sign = x < 0 ? '-' : '';
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) {
      return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    }
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1) || '0';
    return `${sign}${whole}.${fraction}`;
  }
  const significand = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const magnitude = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${significand}e${exponent < 0 ? '-' : '+'}${magnitude}`;
}

/**
 * The error for NaN and infinities.
 * @param token - the offending number as text.
 * @returns the error.
 */
function notFinite(token: string): HeliumError {
  return new HeliumError(
    'InvalidInput',
    `The number ${token} cannot be written in a Quilt manifest: NaN and infinities are not JSON (quilt3 writes manifests with allow_nan=False). Use a string or null instead.`,
    { code: 'InvalidJsonNumber' }
  );
}

/**
 * The text Python writes for a JSON number token after reading it (`int` or `float`).
 * @param token - a JSON number token (`1`, `-0`, `1.0`, `1E5`, `123456789012345678901234567890`).
 * @returns Python's text: the int as written, or `repr(float(token))`.
 * @throws HeliumError `InvalidInput` for a token that is not a number, overflows to infinity, or
 *   has more digits than Python reads as an int.
 */
export function pythonNumberText(token: string): string {
  if (/^-?(?:0|[1-9]\d*)$/.test(token)) {
    if (/^-?0$/.test(token)) {
      return '0';
    }
    if (token.replace('-', '').length > PYTHON_INT_MAX_DIGITS) {
      throw new HeliumError(
        'InvalidInput',
        `An integer of ${token.replace('-', '').length} digits cannot be read by Python (its limit is ${PYTHON_INT_MAX_DIGITS} digits).`,
        { code: 'InvalidJsonNumber' }
      );
    }
    return token;
  }
  if (!/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(token)) {
    throw new HeliumError('InvalidInput', `"${token}" is not a JSON number.`, { code: 'InvalidJsonNumber' });
  }
  const value = Number(token);
  if (!Number.isFinite(value)) {
    throw notFinite(token);
  }
  return pythonFloatRepr(value);
}

/**
 * Python's text for a number of any kind we hold.
 * @param value - a LosslessNumber (its token), a bigint (an int) or a JS number (the token
 *   `JSON.stringify` would give it).
 * @returns the text.
 */
function numberText(value: LosslessNumber | bigint | number): string {
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw notFinite(String(value));
    }
    return pythonNumberText(JSON.stringify(value));
  }
  return pythonNumberText(value.value);
}

const SHORT_ESCAPES: Record<number, string> = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x08: '\\b',
  0x0c: '\\f'
};

/**
 * `\uXXXX` for one UTF-16 code unit, lowercase hex.
 * @param code - the code unit.
 * @returns the escape.
 */
function unicodeEscape(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Characters Python escapes with ensure_ascii (everything but printable ASCII, and `"` `\`). */
const ASCII_ESCAPED = /[^\x20-\x21\x23-\x5b\x5d-\x7e]/g;
/** Characters Python escapes without ensure_ascii (control characters, `"` and `\`). */
const ALWAYS_ESCAPED = /[\x00-\x1f"\\]/g;
/** Whether a string needs any escape with ensure_ascii (the same class, not global). */
const HAS_ASCII_ESCAPED = /[^\x20-\x21\x23-\x5b\x5d-\x7e]/;
/** Whether a string needs any escape without ensure_ascii. */
const HAS_ALWAYS_ESCAPED = /[\x00-\x1f"\\]/;
/** A UTF-16 surrogate that is not part of a pair. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The escape of one character matched by ASCII_ESCAPED or ALWAYS_ESCAPED.
 * @param c - the character (one UTF-16 code unit).
 * @returns its escape.
 */
function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return SHORT_ESCAPES[code] ?? unicodeEscape(code);
}

/**
 * A JSON string literal as Python writes it.
 * @param text - the string.
 * @param ensureAscii - Python's `ensure_ascii`.
 * @returns the quoted, escaped literal.
 * @throws HeliumError `InvalidInput` for a lone surrogate without ensure_ascii (Python would fail
 *   to encode such text as UTF-8).
 */
export function pythonJsonString(text: string, ensureAscii: boolean): string {
  if (ensureAscii) {
    return HAS_ASCII_ESCAPED.test(text) ? `"${text.replace(ASCII_ESCAPED, escapeChar)}"` : `"${text}"`;
  }
  if (LONE_SURROGATE.test(text)) {
    throw new HeliumError(
      'InvalidInput',
      `The text ${JSON.stringify(text.slice(0, 80))} contains a lone UTF-16 surrogate, which cannot be written as UTF-8.`,
      { code: 'InvalidText' }
    );
  }
  return HAS_ALWAYS_ESCAPED.test(text) ? `"${text.replace(ALWAYS_ESCAPED, escapeChar)}"` : `"${text}"`;
}

/**
 * Serialize a JSON value exactly like Python's `json.dumps(value, sort_keys=…, ensure_ascii=…,
 * separators=…, allow_nan=False)`. Objects with `toJSON` (dates) are converted first; `undefined`
 * members are left out of objects and written as `null` in arrays, as `JSON.stringify` does.
 * @param value - a JSON value (numbers may be LosslessNumbers, bigints or JS numbers).
 * @param options - sortKeys, ensureAscii, separators.
 * @returns the JSON text.
 * @throws HeliumError `InvalidInput` for values JSON cannot hold (NaN, functions, cycles…).
 */
export function pythonJsonDumps(value: JsonValue, options: PythonJsonOptions = {}): string {
  if (value === undefined) {
    throw new HeliumError('InvalidInput', 'There is no value to write as JSON (undefined).', { code: 'InvalidJson' });
  }
  const writer = new PythonJsonWriter(options);
  writer.write(value);
  return writer.out.join('');
}

/** The state of one {@link pythonJsonDumps} (methods, not closures made at every call). */
class PythonJsonWriter {
  /** The pieces of text so far (joined once: one flat string, no rope of small pieces). */
  readonly out: string[] = [];
  private readonly sortKeys: boolean;
  private readonly ensureAscii: boolean;
  private readonly itemSeparator: string;
  private readonly keySeparator: string;
  /** The containers being written, to refuse cycles. */
  private readonly stack: object[] = [];
  /** The path to the value being written (indexes and keys), made text only for a message. */
  private readonly path: (string | number)[] = [];

  /**
   * @param options - sortKeys, ensureAscii, separators.
   */
  constructor(options: PythonJsonOptions) {
    this.sortKeys = options.sortKeys ?? false;
    this.ensureAscii = options.ensureAscii ?? true;
    [this.itemSeparator, this.keySeparator] = options.separators ?? [', ', ': '];
  }

  /**
   * Where the value being written is, for messages (`.a[0].b`, or "the top").
   * @returns the path as text.
   */
  private where(): string {
    return this.path.map(step => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('') || 'the top';
  }

  /**
   * Start writing a container, refusing one that contains itself.
   * @param v - the array or object.
   */
  private enter(v: object): void {
    if (this.stack.includes(v)) {
      throw new HeliumError('InvalidInput', `The value at ${this.where()} contains itself (a cycle) and cannot be written as JSON.`, {
        code: 'InvalidJson'
      });
    }
    this.stack.push(v);
  }

  /**
   * Write one value.
   * @param v - the value.
   */
  write(v: unknown): void {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function' && !isLosslessNumber(v)) {
      v = (v as { toJSON: () => unknown }).toJSON();
    }
    if (v === null) {
      this.out.push('null');
    } else if (typeof v === 'string') {
      this.out.push(pythonJsonString(v, this.ensureAscii));
    } else if (typeof v === 'boolean') {
      this.out.push(v ? 'true' : 'false');
    } else if (typeof v === 'number' || typeof v === 'bigint' || isLosslessNumber(v)) {
      this.out.push(numberText(v as number | bigint | LosslessNumber));
    } else if (Array.isArray(v)) {
      this.enter(v);
      this.out.push('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) {
          this.out.push(this.itemSeparator);
        }
        const item: unknown = v[i];
        this.path.push(i);
        this.write(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item);
        this.path.pop();
      }
      this.out.push(']');
      this.stack.pop();
    } else if (isJsonObject(v)) {
      this.enter(v);
      const keys: string[] = [];
      for (const k of Object.keys(v)) {
        const member = v[k];
        if (member !== undefined && typeof member !== 'function' && typeof member !== 'symbol') {
          keys.push(k);
        }
      }
      if (this.sortKeys && keys.length > 1) {
        keys.sort(compareCodePoints);
      }
      this.out.push('{');
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (i > 0) {
          this.out.push(this.itemSeparator);
        }
        this.out.push(pythonJsonString(key, this.ensureAscii), this.keySeparator);
        this.path.push(key);
        this.write(v[key]);
        this.path.pop();
      }
      this.out.push('}');
      this.stack.pop();
    } else {
      throw new HeliumError('InvalidInput', `The value at ${this.where()} (${typeof v}) cannot be written as JSON.`, {
        code: 'InvalidJson'
      });
    }
  }
}

/**
 * The JSON Quilt hashes: `json.dumps(value, sort_keys=True, separators=(',', ':'))` (ASCII only).
 * @param value - a JSON value.
 * @returns the compact, key-sorted, ASCII JSON.
 */
export function canonicalJson(value: JsonValue): string {
  return pythonJsonDumps(value, { sortKeys: true, ensureAscii: true, separators: [',', ':'] });
}

/**
 * One manifest line's JSON as quilt3 writes it: `json.JSONEncoder(ensure_ascii=False,
 * allow_nan=False).encode(value)` (separators `, ` and `: `, keys in insertion order, UTF-8).
 * @param value - a JSON value.
 * @returns the JSON text (without the newline).
 */
export function manifestJson(value: JsonValue): string {
  return pythonJsonDumps(value, { sortKeys: false, ensureAscii: false, separators: [', ', ': '] });
}

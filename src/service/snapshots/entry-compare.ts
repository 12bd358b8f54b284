/**
 * Comparing two manifest entries of the same logical key: content (hashes of either layout,
 * converted where that needs no reading), metadata (canonical JSON) and physical location, into
 * one status of a manifest diff. ETags are never compared: they depend on how an object was
 * uploaded, not on its bytes.
 */
import { toBase64 } from '../checksum';
import { sha256Sync } from '../sha256';
import { samePhysicalKey } from './as-of-physical';
import { effectiveEntryMeta } from './top-hash';
import type { EntryStatus, ManifestEntry } from './types';

/** The size of one chunk of the `sha2-256-chunked` layout (for files up to 80 GB). */
const CHUNK = 8 * 1024 * 1024;
/** Quilt's hash of the empty file (no chunks): `base64(sha256(""))`. */
const EMPTY_CHUNKED = toBase64(sha256Sync(new Uint8Array(0)));

/**
 * Decode hex.
 * @param hex - an even number of hex digits.
 * @returns the bytes.
 */
function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  }
  return bytes;
}

/**
 * The `sha2-256-chunked` value of a file from its plain SHA-256 (an older quilt3 manifest's
 * `{"type": "SHA256", "value": <hex>}`), when that is possible without its bytes: a file of at
 * most one chunk (8 MiB) hashes to `base64(sha256(sha256(bytes)))`, the empty file to the hash
 * of no chunks.
 * @param hex - the SHA-256, hex.
 * @param size - the file's size.
 * @returns the chunked value, or undefined (a larger file, or not a SHA-256).
 */
export function chunkedFromSha256(hex: string, size: number): string | undefined {
  if (size === 0) {
    return EMPTY_CHUNKED;
  }
  if (size > CHUNK || !/^[0-9a-fA-F]{64}$/.test(hex)) {
    return undefined;
  }
  return toBase64(sha256Sync(fromHex(hex)));
}

/**
 * An entry's hash in the form it compares in: `sha2-256-chunked` as is, `SHA256` converted to
 * it when the file has at most one chunk (else kept, in lowercase hex), anything else as is.
 * @param entry - the entry.
 * @returns type and value.
 */
function comparableHash(entry: ManifestEntry): { type: string; value: string } {
  const type = String(entry.hash?.type);
  const value = String(entry.hash?.value);
  if (type === 'SHA256') {
    const chunked = chunkedFromSha256(value, entry.size);
    return chunked === undefined ? { type, value: value.toLowerCase() } : { type: 'sha2-256-chunked', value: chunked };
  }
  return { type, value };
}

/**
 * Whether two entries have the same content, from their sizes and hashes.
 * @param left - an entry.
 * @param right - another.
 * @returns `same` or `different`; `unknown` when the sizes are equal but the hashes are of types
 *   that cannot be compared without reading the bytes (a `SHA256` of a file over 8 MiB against a
 *   `sha2-256-chunked`, or a type helium does not compute).
 */
export function compareContent(left: ManifestEntry, right: ManifestEntry): 'same' | 'different' | 'unknown' {
  if (left.size !== right.size) {
    return 'different';
  }
  if (left.hash?.type === right.hash?.type) {
    const same =
      left.hash?.type === 'SHA256'
        ? String(left.hash?.value).toLowerCase() === String(right.hash?.value).toLowerCase()
        : left.hash?.value === right.hash?.value;
    return same ? 'same' : 'different';
  }
  const a = comparableHash(left);
  const b = comparableHash(right);
  if (a.type !== b.type) {
    return 'unknown';
  }
  return a.value === b.value ? 'same' : 'different';
}

/**
 * The note of a file whose contents could not be compared.
 * @param left - an entry.
 * @param right - another.
 * @returns the note.
 */
function uncomparedNote(left: ManifestEntry, right: ManifestEntry): string {
  return `Counted as modified without comparing the contents: one side records a ${String(left.hash?.type)} hash, the other a ${String(right.hash?.type)} hash, which cannot be converted into each other for a file over 8 MiB without reading it (the sizes are equal).`;
}

/**
 * The text of a JSON number in a canonical form, so that numbers Python and JSON consider equal
 * compare equal (`1`, `1.0`, `1e0`), without losing big integers.
 * @param text - a JSON number token (or `String(number)`).
 * @returns the canonical text.
 */
function canonicalNumber(text: string): string {
  if (/^-?\d+$/.test(text)) {
    return BigInt(text).toString();
  }
  const n = Number(text);
  if (!Number.isFinite(n)) {
    return text;
  }
  if (Number.isInteger(n)) {
    return Number.isSafeInteger(n) ? String(n === 0 ? 0 : n) : BigInt(n).toString();
  }
  return String(n);
}

/**
 * Whether a value is a number kept as its JSON text by a lossless parse (lossless-json's
 * `LosslessNumber`, or any `{isLosslessNumber: true, value: "…"}`).
 * @param value - a value from parsed JSON.
 * @returns true for such a number.
 */
function isLosslessNumber(value: object): value is { value: string } {
  const v = value as { isLosslessNumber?: unknown; value?: unknown };
  return v.isLosslessNumber === true && typeof v.value === 'string';
}

/**
 * Canonical JSON of a value: object keys sorted (recursively), numbers canonical (also when kept
 * as text by a lossless parse), `undefined` members left out. Two metadata values are equal
 * when their canonical JSON is.
 * @param value - parsed JSON (plain, or from a lossless parse).
 * @returns the canonical text.
 */
export function comparableJson(value: unknown): string {
  if (value === null || value === undefined) {
    return 'null';
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return canonicalNumber(String(value));
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(item => comparableJson(item)).join(',')}]`;
  }
  if (isLosslessNumber(value)) {
    return canonicalNumber(value.value);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter(k => record[k] !== undefined)
    .sort();
  return `{${keys.map(k => `${JSON.stringify(k)}:${comparableJson(record[k])}`).join(',')}}`;
}

/**
 * The comparable JSON of an entry's metadata; a missing `meta` and anything Python finds false
 * (`null`, `{}`, `[]`, `""`, `0`) count as `{}`, as in the top hash (quilt3's `meta or {}`).
 * @param entry - the entry.
 * @returns the canonical text.
 */
export function canonicalMeta(entry: ManifestEntry): string {
  return entry.meta === undefined ? '{}' : comparableJson(effectiveEntryMeta(entry.meta));
}

/**
 * Whether two JSON values are the same as they stand: the same strings, booleans, numbers (`===`)
 * and lossless number tokens, the same members (by key, in any order) and items. Same values have
 * the same {@link comparableJson}, so equal metadata is found without building its text; false
 * says nothing (`1` and `1.0` are equal as canonical JSON), and the caller compares the texts.
 * @param a - a value.
 * @param b - another.
 * @returns true when they are certainly equal.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return false;
  }
  const arrays = Array.isArray(a);
  if (arrays !== Array.isArray(b)) {
    return false;
  }
  if (arrays) {
    const x = a as unknown[];
    const y = b as unknown[];
    return x.length === y.length && x.every((item, i) => sameJson(item, y[i]));
  }
  const numbers = isLosslessNumber(a);
  if (numbers !== isLosslessNumber(b)) {
    return false;
  }
  if (numbers) {
    return (a as { value: string }).value === (b as { value: string }).value;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) {
    return false;
  }
  return keys.every(k => Object.prototype.hasOwnProperty.call(y, k) && sameJson(x[k], y[k]));
}

/**
 * Whether two entries' metadata are equal as canonical JSON (see {@link canonicalMeta}).
 * @param left - an entry.
 * @param right - another.
 * @returns true when equal.
 */
function sameMeta(left: ManifestEntry, right: ManifestEntry): boolean {
  const a = left.meta === undefined ? {} : effectiveEntryMeta(left.meta);
  const b = right.meta === undefined ? {} : effectiveEntryMeta(right.meta);
  return sameJson(a, b) || canonicalMeta(left) === canonicalMeta(right);
}

/**
 * How one file changed between two sides.
 * @param left - the file on the left (older) side.
 * @param right - the same logical key on the right (newer) side.
 * @returns the status (never `added` or `deleted`).
 */
export function compareEntries(left: ManifestEntry, right: ManifestEntry): EntryStatus {
  return compareEntriesNoted(left, right).status;
}

/**
 * {@link compareEntries}, with a note when the status is less certain than it looks.
 * @param left - the file on the left (older) side.
 * @param right - the same logical key on the right (newer) side.
 * @param knownContent - whether their contents are the same, when found by reading (for hashes
 *   that cannot be compared as they stand).
 * @returns the status, and a note for `modified` files whose contents were not compared.
 */
export function compareEntriesNoted(
  left: ManifestEntry,
  right: ManifestEntry,
  knownContent?: boolean
): { status: EntryStatus; note?: string } {
  const content = compareContent(left, right);
  if (content === 'different') {
    return { status: 'modified' };
  }
  if (content === 'unknown') {
    if (knownContent === undefined) {
      return { status: 'modified', note: uncomparedNote(left, right) };
    }
    if (!knownContent) {
      return { status: 'modified' };
    }
  }
  if (!sameMeta(left, right)) {
    return { status: 'metadata-changed' };
  }
  return { status: samePhysicalKey(left.physical_keys?.[0], right.physical_keys?.[0]) ? 'same' : 'same-content-new-version' };
}

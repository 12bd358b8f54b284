/**
 * Small helpers shared by the codecs: realm-safe type checks, UTF-8, and the errors they throw.
 */
import { HeliumError } from '../error-class';
import type { DecodeContext, FormatName } from './codec';

const encoder = new TextEncoder();

/**
 * The UTF-8 bytes of a string.
 * @param text - the string.
 * @returns its bytes.
 */
export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Decode UTF-8. Invalid sequences become U+FFFD (as Python's `errors='replace'`).
 * @param bytes - the bytes.
 * @param keepBom - keep a leading byte-order mark (as Python's `utf-8` codec does); else drop it.
 * @returns the text.
 */
export function utf8Decode(bytes: Uint8Array, keepBom = false): string {
  return new TextDecoder('utf-8', { ignoreBOM: keepBom }).decode(bytes);
}

/**
 * The `[object X]` tag of a value: works across realms (iframes, jsdom), unlike `instanceof`.
 * @param value - anything.
 * @returns e.g. `Uint8Array`, `Object`, `Blob`.
 */
export function tagOf(value: unknown): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

/**
 * Whether a value is a plain object (`{…}`, `Object.create(null)`, `JSON.parse` output).
 * @param value - anything.
 * @returns true for plain objects only (not arrays, dates, maps or class instances).
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || tagOf(value) !== 'Object') {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Whether a value is raw bytes we can store as-is: a `Uint8Array` or any other typed array or
 * `DataView`, an `ArrayBuffer`, or a `Blob`.
 * @param value - anything.
 * @returns true for bytes.
 */
export function isBinary(value: unknown): boolean {
  return ArrayBuffer.isView(value) || tagOf(value) === 'ArrayBuffer' || isBlob(value);
}

/**
 * Whether a value is a `Blob` (or `File`), of any realm.
 * @param value - anything.
 * @returns true for blobs.
 */
export function isBlob(value: unknown): value is Blob {
  const tag = tagOf(value);
  return tag === 'Blob' || tag === 'File';
}

/** The part of the browser's `FileReader` used by {@link blobBytes} (no DOM lib in the engine). */
interface BlobReader {
  result: unknown;
  error: unknown;
  onload: (() => void) | null;
  onerror: (() => void) | null;
  readAsArrayBuffer(blob: Blob): void;
}

/**
 * Read a Blob's bytes (also where `Blob.prototype.arrayBuffer` is missing, as in older jsdom).
 * @param blob - the blob.
 * @returns its bytes.
 */
export async function blobBytes(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === 'function') {
    return new Uint8Array(await blob.arrayBuffer());
  }
  const Reader = (globalThis as { FileReader?: new () => BlobReader }).FileReader;
  if (!Reader) {
    throw new TypeError('This Blob cannot be read: it has no arrayBuffer() and there is no FileReader.');
  }
  return new Promise<Uint8Array>((resolve, reject) => {
    const reader = new Reader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

/**
 * A short description of a value's type, for messages.
 * @param value - anything.
 * @returns e.g. `a Map`, `undefined`, `a function`.
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) {
    return String(value);
  }
  if (typeof value !== 'object') {
    return `a ${typeof value}`;
  }
  const name = (value as { constructor?: { name?: string } }).constructor?.name || tagOf(value);
  return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}

/**
 * The error for bytes that are not valid in a format.
 * @param format - the format.
 * @param context - where the bytes came from.
 * @param cause - the decoder's error.
 * @returns a HeliumError `InvalidInput` (code `UnreadableContent`).
 */
export function unreadable(format: FormatName, context: DecodeContext | undefined, cause: unknown): HeliumError {
  const what = context?.source ?? 'The content';
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new HeliumError(
    'InvalidInput',
    `${what} could not be read as ${FORMAT_TITLES[format]}: ${reason}. Read it with another format, e.g. { format: 'bytes' }.`,
    { code: 'UnreadableContent', cause, params: { what, format: FORMAT_TITLES[format], reason } }
  );
}

/**
 * The error for a value a format cannot write.
 * @param format - the format.
 * @param detail - what is wrong.
 * @param cause - the encoder's error, if any.
 * @returns a HeliumError `InvalidInput` (code `UnsupportedValue`).
 */
export function unwritable(format: FormatName, detail: string, cause?: unknown): HeliumError {
  return new HeliumError('InvalidInput', `Cannot write this value as ${FORMAT_TITLES[format]}: ${detail}`, {
    code: 'UnsupportedValue',
    cause
  });
}

/** Names of the formats for messages. */
export const FORMAT_TITLES: Record<FormatName, string> = {
  json: 'JSON',
  txt: 'UTF-8 text',
  bytes: 'bytes',
  parquet: 'Parquet',
  arrow: 'an Arrow IPC file',
  csv: 'CSV'
};

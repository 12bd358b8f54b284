/**
 * The format registry: which codec writes a value, and which reads an object (by the `target`
 * of its `x-amz-meta-helium` header, its key's extension or its Content-Type).
 */
import { HeliumError } from '../error-class';
import { arrowIpcCodec } from './arrow-ipc';
import { bytesCodec } from './bytes';
import type { FormatCodec, FormatName } from './codec';
import { csvCodec } from './csv';
import { jsonCodec } from './json';
import { parquetCodec } from './parquet';
import { textCodec } from './text';
import { describeValue } from './util';

/** Every codec, in the order putValue tries them on a value. */
export const FORMATS: readonly FormatCodec[] = [parquetCodec, bytesCodec, textCodec, jsonCodec, arrowIpcCodec, csvCodec];

/**
 * The codec of a format name or alias (case-insensitive), e.g. `json`, `parquet`, T4's `pandas`.
 * @param name - the name.
 * @returns the codec, or undefined for an unknown name.
 */
export function findFormat(name: string | undefined | null): FormatCodec | undefined {
  if (!name) {
    return undefined;
  }
  const wanted = name.trim().toLowerCase();
  return FORMATS.find(f => f.name === wanted || f.aliases.includes(wanted));
}

/**
 * The codec of a format name, or an error listing the known names.
 * @param name - the name.
 * @returns the codec.
 * @throws HeliumError `InvalidInput` for an unknown name.
 */
export function getFormat(name: string): FormatCodec {
  const codec = findFormat(name);
  if (!codec) {
    throw new HeliumError('InvalidInput', `"${name}" is not a format we know. Use one of: json, txt, bytes, parquet, arrow, csv.`, {
      code: 'UnknownFormat'
    });
  }
  return codec;
}

/**
 * The codec for a key's extension (`data/table.parquet` → parquet), case-insensitive.
 * @param key - the key (or any path).
 * @returns the codec, or undefined when the extension is unknown or missing.
 */
export function formatForKey(key: string): FormatCodec | undefined {
  const name = key.slice(key.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  if (dot <= 0) {
    return undefined;
  }
  const ext = name.slice(dot);
  return FORMATS.find(f => f.extensions.includes(ext));
}

/**
 * The codec for a Content-Type (parameters ignored): the formats' own types, `…+json` → json,
 * other `text/*` → txt.
 * @param contentType - the header value.
 * @returns the codec, or undefined for other types.
 */
export function formatForContentType(contentType: string | undefined): FormatCodec | undefined {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!type) {
    return undefined;
  }
  const exact = FORMATS.find(f => f.contentTypes.includes(type));
  if (exact) {
    return exact;
  }
  if (type.endsWith('+json')) {
    return jsonCodec;
  }
  return type.startsWith('text/') ? textCodec : undefined;
}

/**
 * The codec putValue uses for a value when the caller names none.
 * @param value - the value.
 * @returns the codec.
 * @throws HeliumError `InvalidInput` (code `UnsupportedValue`) for values no format takes.
 */
export function formatForValue(value: unknown): FormatCodec {
  const codec = FORMATS.find(f => f.accepts(value));
  if (!codec) {
    throw new HeliumError(
      'InvalidInput',
      `Cannot store ${describeValue(value)}: pass a plain object or array (JSON), a string (text), a Uint8Array or Blob (bytes), or an Apache Arrow Table (Parquet).`,
      { code: 'UnsupportedValue' }
    );
  }
  return codec;
}

/** What is known about an object when choosing how to read it. */
export interface ReadFormatHints {
  /** The `target` of its `x-amz-meta-helium` header. */
  target?: string;
  /** Its key. */
  key: string;
  /** Its Content-Type. */
  contentType?: string;
}

/**
 * The codec that reads an object: its helium `target` when known, else its key's extension,
 * else its Content-Type, else bytes.
 * @param hints - target, key and content type.
 * @returns the codec.
 */
export function formatForObject(hints: ReadFormatHints): FormatCodec {
  return findFormat(hints.target) ?? formatForKey(hints.key) ?? formatForContentType(hints.contentType) ?? bytesCodec;
}

export type { FormatName };

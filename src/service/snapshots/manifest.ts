/**
 * Quilt manifests (v0, JSONL): reading them losslessly and checking that they hash to their name,
 * and writing them byte for byte as quilt3's `Package.dump` does.
 *
 * quilt3 writes, each line followed by `\n`, with `json.JSONEncoder(ensure_ascii=False,
 * allow_nan=False)` (keys in insertion order, separators `, ` and `: `, UTF-8):
 *   line 1   the header `{"version": "v0", …, "message": …}` as it is held;
 *   then     one `{"logical_key": "a/", "meta": …}` per folder with metadata, in walk order (not
 *            hashed);
 *   then     one `{"logical_key", "physical_keys", "size", "hash", "meta"}` per file, in walk order,
 *            with `meta` written as `meta or {}`.
 * A record longer than 1,000,000 bytes is refused, as quilt3 refuses it.
 */
import { HeliumError } from '../error-class';
import { parseManifestLine } from './manifest-line';
import { isJsonObject, isLosslessNumber, manifestJson, pythonTruthy } from './python-json';
import { compareLogicalKeys, effectiveEntryMeta, sortInTreeOrder, topHash } from './top-hash';
import type { JsonValue, Manifest, ManifestEntry, ManifestHeader, QuiltHash } from './types';

/** quilt3's default `QUILT_MANIFEST_MAX_RECORD_SIZE`: the most UTF-8 bytes of one manifest line. */
export const MANIFEST_MAX_RECORD_SIZE = 1_000_000;

/** A folder-metadata line of a manifest (quilt3 writes them for folders with metadata). */
export interface DirectoryMeta {
  /** The folder, ending in `/`. */
  logical_key: string;
  /** Its metadata. */
  meta: JsonValue;
}

/** A manifest with its folder-metadata lines, which quilt3 keeps but does not hash. */
export interface ManifestWithDirectories extends Manifest {
  /** Folder-metadata lines, in the order read. */
  directories?: DirectoryMeta[];
}

/** What to write: a header and entries (and rarely folder metadata). */
export interface ManifestContent {
  header: ManifestHeader;
  entries: readonly ManifestEntry[];
  directories?: readonly DirectoryMeta[];
}

/** A parsed physical key. */
export interface PhysicalKey {
  bucket: string;
  key: string;
  versionId?: string;
}

const encoder = new TextEncoder();

/**
 * Percent-encode UTF-8 bytes except a set of safe ASCII characters, as Python's `quote` does
 * (uppercase hex).
 * @param text - the text.
 * @param safe - the characters left as they are.
 * @param plus - write spaces as `+` (Python's `quote_plus`).
 * @returns the encoded text.
 */
function pythonQuote(text: string, safe: RegExp, plus = false): string {
  let out = '';
  for (const byte of encoder.encode(text)) {
    const c = String.fromCharCode(byte);
    if (byte < 0x80 && safe.test(c)) {
      out += c;
    } else if (plus && byte === 0x20) {
      out += '+';
    } else {
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/**
 * A physical key as quilt3's `str(PhysicalKey)` writes it: `s3://bucket/<quote('/' + key)>` with
 * `?versionId=<quote_plus(id)>` when pinned (everything but `A-Z a-z 0-9 _ . - ~` and, in the
 * key, `/` is percent-encoded).
 * @param ref - bucket, key and optional version id.
 * @returns the URL.
 */
export function formatPhysicalKey(ref: PhysicalKey): string {
  const path = pythonQuote(`/${ref.key}`, /[A-Za-z0-9_.\-~/]/);
  const query = ref.versionId === undefined ? '' : `?versionId=${pythonQuote(ref.versionId, /[A-Za-z0-9_.\-~]/, true)}`;
  return `s3://${ref.bucket}${path}${query}`;
}

/**
 * Percent-decode as Python's `unquote` does: invalid escapes stay as they are.
 * @param text - the text.
 * @param plus - also turn `+` into a space (`unquote_plus`).
 * @returns the decoded text.
 */
function pythonUnquote(text: string, plus = false): string {
  const t = plus ? text.replace(/\+/g, ' ') : text;
  return t.replace(/(?:%[0-9A-Fa-f]{2})+/g, run => {
    try {
      return decodeURIComponent(run);
    } catch {
      const bytes = Uint8Array.from(run.slice(1).split('%'), h => parseInt(h, 16));
      return new TextDecoder('utf-8').decode(bytes);
    }
  });
}

/**
 * Parse a physical key as quilt3's `PhysicalKey.from_url` does (`s3://bucket/key?versionId=…`).
 * @param url - the URL.
 * @returns bucket, key and version id; undefined for anything but an `s3://` URL with a bucket
 *   (e.g. `file://` keys of local packages).
 */
export function parsePhysicalKey(url: string): PhysicalKey | undefined {
  const match = /^s3:\/\/([^/?#]+)(\/[^?#]*)?(?:\?([^#]*))?/i.exec(url);
  if (!match) {
    return undefined;
  }
  const result: PhysicalKey = { bucket: match[1], key: pythonUnquote(match[2] ?? '').slice(1) };
  for (const pair of (match[3] ?? '').split('&')) {
    const eq = pair.indexOf('=');
    if (result.versionId === undefined && eq > 0 && eq < pair.length - 1 && pythonUnquote(pair.slice(0, eq), true) === 'versionId') {
      result.versionId = pythonUnquote(pair.slice(eq + 1), true);
    }
  }
  return result;
}

/**
 * The error for a manifest that cannot be read.
 * @param where - which manifest and line.
 * @param what - what is wrong.
 * @param cause - the underlying error.
 * @returns the error.
 */
function invalid(where: string, what: string, cause?: unknown): HeliumError {
  return new HeliumError('InvalidInput', `${where} is not a valid Quilt manifest: ${what}`, {
    code: 'InvalidManifest',
    cause
  });
}

/**
 * A line of a manifest, for messages.
 * @param source - the manifest.
 * @param index - the line's index (0 is the header).
 * @returns e.g. "The manifest (line 3)".
 */
function lineOf(source: string, index: number): string {
  return `${source} (line ${index + 1})`;
}

/**
 * Read one entry line.
 * @param obj - the parsed line.
 * @param source - for messages: the manifest.
 * @param index - for messages: the line's index.
 * @returns the entry.
 */
function toEntry(obj: Record<string, JsonValue>, source: string, index: number): ManifestEntry {
  const keys = obj.physical_keys;
  if (!Array.isArray(keys) || !keys.every(k => typeof k === 'string')) {
    throw invalid(lineOf(source, index), '"physical_keys" must be a list of strings.');
  }
  const sizeToken = isLosslessNumber(obj.size) ? obj.size.value : typeof obj.size === 'number' ? String(obj.size) : '';
  const size = Number(sizeToken);
  if (!/^\d+$/.test(sizeToken) || !Number.isSafeInteger(size)) {
    throw invalid(lineOf(source, index), `"size" must be a whole number of bytes, not ${JSON.stringify(sizeToken || obj.size)}.`);
  }
  const hash = obj.hash;
  if (!isJsonObject(hash) || typeof hash.type !== 'string' || typeof hash.value !== 'string') {
    throw invalid(lineOf(source, index), '"hash" must be {"type": …, "value": …}.');
  }
  return {
    logical_key: obj.logical_key as string,
    physical_keys: keys as string[],
    size,
    hash: hash as unknown as QuiltHash,
    meta: obj.meta === undefined ? {} : obj.meta
  };
}

/**
 * Read a manifest (JSONL) without losing number tokens, and check that it hashes to its name.
 * Lines without physical keys are folder metadata (kept in `directories`, not hashed), as quilt3
 * reads them; an obsolete `top_hash` key of the header is dropped, as quilt3 drops it. Entries
 * come back in walk order.
 * @param text - the manifest's text.
 * @param options - `expectedTopHash`: the name it must hash to (its key); `source`: what to call
 *   it in messages (default "The manifest").
 * @returns the manifest, with its computed top hash.
 * @throws HeliumError `InvalidInput`: code `InvalidManifest` (not JSONL, missing fields, a key
 *   twice…) or `ManifestHashMismatch` (its content does not hash to `expectedTopHash`: it was
 *   changed or damaged, and must not be trusted).
 */
export function parseManifest(text: string, options: { expectedTopHash?: string; source?: string } = {}): ManifestWithDirectories {
  const source = options.source ?? 'The manifest';
  let header: ManifestHeader | undefined;
  const entries: ManifestEntry[] = [];
  const directories: DirectoryMeta[] = [];
  // Lines one at a time (not text.split: the whole text and every line at once), as split gives
  // them: a final empty line after a newline is not a line.
  for (let start = 0, index = 0; start < text.length || index === 0; index++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    start = newline < 0 ? text.length : newline + 1;
    let obj: JsonValue;
    try {
      obj = parseManifestLine(line);
    } catch (cause) {
      throw invalid(lineOf(source, index), (cause as Error).message, cause);
    }
    if (!isJsonObject(obj)) {
      throw invalid(lineOf(source, index), 'every line must be a JSON object.');
    }
    if (index === 0) {
      // quilt3 drops the obsolete `top_hash` key when it loads a manifest.
      delete obj.top_hash;
      header = obj as ManifestHeader;
      continue;
    }
    if (typeof obj.logical_key !== 'string') {
      throw invalid(lineOf(source, index), '"logical_key" must be a string.');
    }
    if (!pythonTruthy(obj.physical_keys)) {
      directories.push({ logical_key: obj.logical_key, meta: obj.meta ?? null });
      continue;
    }
    entries.push(toEntry(obj, source, index));
  }
  if (!header) {
    throw invalid(source, 'it is empty (no header line).');
  }
  let sorted: ManifestEntry[];
  let hash: string;
  try {
    sorted = sortInTreeOrder(entries);
    hash = topHash(header, sorted);
  } catch (cause) {
    throw invalid(source, (cause as Error).message, cause);
  }
  if (options.expectedTopHash !== undefined && hash !== options.expectedTopHash.toLowerCase()) {
    throw new HeliumError(
      'InvalidInput',
      `${source} does not hash to its name: it should hash to ${options.expectedTopHash} but its content hashes to ${hash}. It was changed or damaged after it was written; it is not used.`,
      { code: 'ManifestHashMismatch' }
    );
  }
  const manifest: ManifestWithDirectories = { topHash: hash, header, entries: sorted };
  if (directories.length > 0) {
    manifest.directories = directories;
  }
  return manifest;
}

/**
 * One manifest line, refusing what quilt3 refuses to write.
 * @param record - the line's object.
 * @param what - for messages ("the header", "entry a.txt").
 * @returns the JSON text, without the newline.
 */
function line(record: JsonValue, what: string): string {
  const text = manifestJson(record);
  const bytes = encoder.encode(text).length;
  if (bytes > MANIFEST_MAX_RECORD_SIZE) {
    throw new HeliumError(
      'InvalidInput',
      `The manifest record of ${what} is ${bytes} bytes; Quilt manifests allow less than ${MANIFEST_MAX_RECORD_SIZE}. Keep metadata under 1 MB.`,
      { code: 'ManifestRecordTooLarge' }
    );
  }
  return text;
}

/**
 * The manifest's lines as quilt3's `Package.dump` writes them (see the module comment).
 * @param content - header, entries (any order) and optional folder metadata.
 * @returns the JSONL text, every line ending in `\n`.
 * @throws HeliumError `InvalidInput` for a record over 1,000,000 bytes, NaN or infinite numbers,
 *   lone surrogates, duplicate or file-and-folder logical keys.
 */
export function manifestText(content: ManifestContent): string {
  const out = [line(content.header, 'the header')];
  const directories = [...(content.directories ?? [])]
    .filter(dir => pythonTruthy(dir.meta))
    .sort((a, b) => compareLogicalKeys(a.logical_key, b.logical_key));
  for (const dir of directories) {
    out.push(line({ logical_key: dir.logical_key, meta: dir.meta }, `folder ${dir.logical_key}`));
  }
  for (const entry of sortInTreeOrder(content.entries)) {
    out.push(
      line(
        {
          logical_key: entry.logical_key,
          physical_keys: entry.physical_keys,
          size: entry.size,
          hash: entry.hash as unknown as JsonValue,
          meta: effectiveEntryMeta(entry.meta)
        },
        `entry ${entry.logical_key}`
      )
    );
  }
  return out.map(l => `${l}\n`).join('');
}

/**
 * A manifest's text and top hash together.
 * @param content - header, entries and optional folder metadata.
 * @returns the text (UTF-8 when encoded) and its top hash.
 */
export function buildManifest(content: ManifestContent): { text: string; topHash: string } {
  return { text: manifestText(content), topHash: topHash(content.header, content.entries) };
}

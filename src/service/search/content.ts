/**
 * The optional content preview of the search index (`indexContent`): the first ≤ 100 KB of
 * text-like objects, read with one ranged GET, streamed and cut at a character boundary, so
 * free text and `content:` find words inside files (Quilt's objects index calls it `content`).
 * A body that cannot be read as text (binary, not UTF-8, refused, gone) is skipped, never an error.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { isHeliumError } from '../error-class';
import { getObjectStream } from '../objects-read';
import { extensionOf, ObjectDoc } from './schema';

/** Most bytes of an object read for its content preview. */
export const CONTENT_LIMIT_BYTES = 100 * 1024;

/** Extensions whose objects are text (lower case, with the dot). */
const TEXT_EXTENSIONS = new Set([
  '.txt',
  '.text',
  '.md',
  '.markdown',
  '.rst',
  '.rmd',
  '.csv',
  '.tsv',
  '.psv',
  '.json',
  '.jsonl',
  '.ndjson',
  '.geojson',
  '.yaml',
  '.yml',
  '.toml',
  '.ini',
  '.cfg',
  '.conf',
  '.xml',
  '.html',
  '.htm',
  '.svg',
  '.tex',
  '.py',
  '.r',
  '.ipynb',
  '.js',
  '.ts',
  '.sql',
  '.sh',
  '.log',
  '.fa',
  '.fasta',
  '.vcf',
  '.bed',
  '.gff',
  '.gtf'
]);

/** Content types whose objects are text, besides `text/*`. */
const TEXT_TYPES = /^application\/(json|x-ndjson|ld\+json|xml|x-yaml|yaml|csv|x-ipynb\+json|sql|javascript)\b|\+json\b|\+xml\b/i;

/**
 * Whether an object is text-like: by its extension, or by a `text/*` (or JSON, XML, YAML) content type.
 * @param key - the key.
 * @param contentType - its Content-Type, if known.
 * @returns whether its content preview is worth reading.
 */
export function isTextLike(key: string, contentType?: string | null): boolean {
  if (TEXT_EXTENSIONS.has(extensionOf(key))) return true;
  const type = (contentType ?? '').trim();
  return /^text\//i.test(type) || TEXT_TYPES.test(type);
}

/** What reading a preview gave: the text, or why it was skipped. */
export type ContentRead = { text: string } | { skipped: 'binary' | 'unreadable' };

/**
 * UTF-8 text of the first bytes of an object, decoded leniently; binary (a NUL byte, or more
 * than one character in ten undecodable) is refused. Bytes of a character cut by the limit are
 * left out (the decoder is never flushed when the read stopped early).
 * @param chunks - the bytes, in order.
 * @param complete - whether they are the whole object (then a trailing partial character shows as U+FFFD).
 * @returns the text, or null for binary.
 */
export function decodePreview(chunks: Uint8Array[], complete: boolean): string | null {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let text = '';
  for (const chunk of chunks) {
    if (chunk.includes(0)) return null;
    text += decoder.decode(chunk, { stream: true });
  }
  if (complete) text += decoder.decode();
  let bad = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) bad++;
  return bad * 10 > text.length ? null : text;
}

/**
 * The searchable text of a notebook: its cells' sources, when the whole notebook was read and
 * parses; else null (the raw text is indexed instead).
 */
export function notebookText(text: string): string | null {
  try {
    const nb = JSON.parse(text) as { cells?: { source?: string | string[] }[] };
    if (!Array.isArray(nb.cells)) return null;
    return nb.cells.map(c => (Array.isArray(c.source) ? c.source.join('') : (c.source ?? ''))).join('\n');
  } catch {
    return null;
  }
}

/**
 * Read the content preview of one object version: one GET of its first ≤ 100 KB (a Range
 * request; a server that ignores Range is read only that far, then the stream is cancelled).
 * @param s3 - the client.
 * @param options - bucket, key, version id ('null' or undefined: the null version), size, signal.
 * @returns the text, or why it was skipped (binary, or the GET failed: refused, gone…).
 * @throws HeliumError `Cancelled` when the signal aborts; nothing else.
 */
export async function readContent(
  s3: S3Client,
  options: { bucket: string; key: string; versionId?: string; size: number; signal?: AbortSignal; limit?: number }
): Promise<ContentRead> {
  const limit = options.limit ?? CONTENT_LIMIT_BYTES;
  if (options.size === 0) return { text: '' }; // nothing to read (and S3 refuses a range of nothing)
  const chunks: Uint8Array[] = [];
  let read = 0;
  try {
    const { stream } = await getObjectStream(s3, {
      bucket: options.bucket,
      key: options.key,
      versionId: options.versionId === 'null' ? undefined : options.versionId,
      range: { start: 0, end: Math.min(limit, options.size) },
      signal: options.signal
    });
    const reader = stream.getReader();
    try {
      while (read < limit) {
        const { done, value } = await reader.read();
        if (done) break;
        const part = value.subarray(0, limit - read);
        chunks.push(part);
        read += part.length;
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  } catch (err) {
    if (isHeliumError(err, 'Cancelled') || options.signal?.aborted) throw err;
    return { skipped: 'unreadable' }; // refused (403), gone since the listing, a broken body
  }
  const complete = read >= options.size;
  const text = decodePreview(chunks, complete);
  if (text === null) return { skipped: 'binary' };
  if (complete && extensionOf(options.key) === '.ipynb') {
    return { text: notebookText(text) ?? text };
  }
  return { text };
}

/**
 * Give an object's document its content preview when it is text-like (one GET); a body that
 * cannot be read is skipped.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param doc - the document (of a current version, not a delete marker); `content` is set on it.
 * @param signal - cancels the read.
 * @returns 'read', 'skipped' (binary or unreadable) or 'none' (not text-like).
 * @throws HeliumError `Cancelled` only.
 */
export async function addContent(s3: S3Client, bucket: string, doc: ObjectDoc, signal?: AbortSignal): Promise<'read' | 'skipped' | 'none'> {
  if (doc.deleteMarker || !isTextLike(doc.key, doc.contentType)) return 'none';
  const read = await readContent(s3, { bucket, key: doc.key, versionId: doc.versionId, size: doc.size, signal });
  if ('skipped' in read) return 'skipped';
  doc.content = read.text;
  return 'read';
}

/**
 * One S3 object version as a JupyterLab Contents model: what both drives (`s3:` for current
 * objects, `s3-version:` for old versions) return from `get`.
 */
import type { Contents } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectInfo } from '../service';
import { baseName } from './paths';
import { bytesToBase64, decodeUtf8 } from './encoding';
import { assertAddressable } from './contents-errors';
import { formatS3Uri } from '../service/uri';
import type { Engine } from '../models/engine';

/** Files larger than this are not loaded into an editor (download them instead). */
export const MAX_OPEN_BYTES = 200 * 1024 * 1024;

export const NOTEBOOK_MIME = 'application/x-ipynb+json';

type Service = Engine;

/**
 * The mime type JupyterLab expects for a file name.
 * @param name - the file name.
 * @param format - how the content is sent.
 * @returns the mime type.
 */
export function mimeFor(name: string, format: Contents.FileFormat): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const known: Record<string, string> = {
    ipynb: NOTEBOOK_MIME,
    json: 'application/json',
    csv: 'text/csv',
    tsv: 'text/tab-separated-values',
    md: 'text/markdown',
    txt: 'text/plain',
    py: 'text/x-python',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    svg: 'image/svg+xml',
    parquet: 'application/vnd.apache.parquet'
  };
  return known[ext] ?? (format === 'base64' ? 'application/octet-stream' : 'text/plain');
}

/** Content types that say nothing (S3's defaults): the file extension is a better guide. */
function isGenericType(contentType: string | undefined): boolean {
  return !contentType || contentType === 'binary/octet-stream' || contentType === 'application/octet-stream';
}

/**
 * A notebook with every cell's `metadata.trusted` removed. JupyterLab runs the HTML and
 * JavaScript outputs of cells marked trusted, and a notebook in S3 can say anything about itself;
 * Jupyter's own server keeps trust in a signature database instead, which S3 does not have, so
 * notebooks from S3 always open untrusted (the user can still choose to trust one).
 * @param notebook - the parsed notebook.
 * @returns the same object, cleaned.
 */
export function untrusted<T>(notebook: T): T {
  const cells = (notebook as { cells?: unknown })?.cells;
  if (Array.isArray(cells)) {
    for (const cell of cells) {
      const metadata = (cell as { metadata?: Record<string, unknown> } | null)?.metadata;
      if (metadata && typeof metadata === 'object') {
        delete metadata.trusted;
      }
    }
  }
  return notebook;
}

/** Which object version to read, and the drive path to report for it. */
export interface IObjectModelRequest {
  bucket: string;
  key: string;
  versionId?: string;
  /** The drive-local path of the model. */
  path: string;
  /** Whether JupyterLab may save to it. */
  writable: boolean;
}

/**
 * Read an object version (HEAD, then its bytes when content is wanted) as a Contents model.
 * @param lib - the S3 engine.
 * @param s3 - the client.
 * @param request - which version, and how to describe it.
 * @param options - JupyterLab's fetch options.
 * @param trans - translations, for why an object cannot open.
 * @returns the model.
 */
export async function readObjectModel(
  lib: Service,
  s3: S3Client,
  request: IObjectModelRequest,
  options: Contents.IFetchOptions,
  trans: TranslationBundle
): Promise<Contents.IModel> {
  const { bucket, key, versionId } = request;
  assertAddressable(key, trans);
  const where = formatS3Uri({ bucket, key, versionId });
  let info: ObjectInfo = await lib.headObject(s3, { bucket, key, versionId });
  if (options.content !== false && info.size > MAX_OPEN_BYTES) {
    throw new Error(
      trans.__(
        '%1 is %2 MiB, too large to open in an editor (limit %3 MiB). Download it instead; a Parquet, CSV or TSV file opens with Open With › Table (read-only), which reads only the rows it shows.',
        where,
        Math.round(info.size / 2 ** 20),
        MAX_OPEN_BYTES / 2 ** 20
      )
    );
  }
  let bytes: Uint8Array | null = null;
  if (options.content !== false) {
    // The model describes the version whose bytes we return, not the HEAD before it.
    ({ bytes, info } = await lib.getObjectBytes(s3, { bucket, key, versionId }));
  }
  const isNotebook = options.type === 'notebook' || (!options.type && key.endsWith('.ipynb'));
  const model: Contents.IModel = {
    name: baseName(key),
    path: request.path,
    type: isNotebook ? 'notebook' : 'file',
    writable: request.writable,
    created: info.lastModified.toISOString(),
    last_modified: info.lastModified.toISOString(),
    mimetype: isNotebook ? NOTEBOOK_MIME : '',
    content: null,
    format: null,
    size: info.size,
    // S3 times have whole seconds; a hash lets JupyterLab tell a concurrent save exactly. The ETag,
    // not the SHA-256 checksum: JupyterLab compares the hash of the GET that opened the document
    // with a later HEAD's, and S3 servers differ in whether and how each answers a checksum
    // (moto's GET gives a multipart object's checksum with its `-N`, its HEAD without; a GET may
    // leave it out), which made every save of such a file a false "File Changed". Both answer
    // the same ETag for one version, and it changes with the content.
    hash: info.etag,
    hash_algorithm: 'etag'
  };
  if (bytes === null) {
    return model;
  }
  if (isNotebook) {
    const text = decodeUtf8(bytes);
    try {
      // JSON has no byte order mark: one some editors write before a notebook is skipped.
      return { ...model, format: 'json', content: untrusted(JSON.parse((text ?? '').replace(/^\uFEFF/, ''))) };
    } catch {
      throw new Error(trans.__('%1 is not a valid notebook (its JSON does not parse).', where));
    }
  }
  const wanted = options.format;
  const text = wanted === 'base64' ? null : decodeUtf8(bytes);
  if (text !== null) {
    return { ...model, format: 'text', mimetype: mimeFor(model.name, 'text'), content: text };
  }
  if (wanted === 'text') {
    throw new Error(trans.__('%1 is not UTF-8 text, so it cannot open in a text editor.', where));
  }
  return {
    ...model,
    format: 'base64',
    mimetype: isGenericType(info.contentType) ? mimeFor(model.name, 'base64') : info.contentType!,
    content: bytesToBase64(bytes)
  };
}

/**
 * Where the table viewer reads a document's bytes from. An `s3:` or `s3-version:` document is
 * read by ranges (ranged GetObject through the server's proxy, pinned to the version the first
 * HEAD saw, so every range reads the same bytes even if the object is overwritten meanwhile);
 * an object without versions is read while its ETag holds; a document of another drive (the Jupyter server's files) is read whole through the
 * ContentsManager and then paged from memory.
 */
import type { Contents } from '@jupyterlab/services';
import { DRIVE_NAME } from '../../tokens';
import type { IHeliumConnections } from '../../tokens';
import { parseDrivePath } from '../../drive/paths';
import { parseVersionDrivePath, VERSION_DRIVE_NAME } from '../../drive/version-paths';
import { fromBase64 } from '../../service/checksum';
import { formatS3Uri } from '../../service/uri';
import type { ObjectRef } from '../../service/object-info';
import type { RangedFile } from '../../service/table-pages';
import type { Table } from 'apache-arrow';
import { loadTablePages } from '../engine';
import { PagedGridModel } from './paged-grid-model';
import type { GroupCacheBounds } from './table-paging';
import { loadTableOffThread } from './table-load-client';

/** What the viewer needs to read documents. */
export interface ITableSourceDeps {
  /** S3 clients through the proxy (absent when the S3 plugin is not there). */
  connections?: IHeliumConnections | null;
  /** Reads documents of other drives. */
  contents: Pick<Contents.IManager, 'get'>;
}

/** A document's bytes, ready to be read by ranges. */
export interface ITableSource {
  /** The file. */
  file: RangedFile;
  /** Its size in bytes. */
  size: number;
  /** How to name it in messages (an S3 URI, or the path). */
  where: string;
  /** True when read by ranges from S3; false when the whole file was loaded. */
  ranged: boolean;
}

/** An S3 object a document path names, or null for other drives. */
export interface IS3Document {
  connection: string;
  ref: ObjectRef;
}

/**
 * The S3 object (and version) a document path names.
 * @param path - the document's path, with its drive prefix (`s3:…`, `s3-version:…`).
 * @returns the object, or null when the path is not on an S3 drive.
 */
export function s3DocumentOf(path: string): IS3Document | null {
  const colon = path.indexOf(':');
  const drive = colon > 0 ? path.slice(0, colon) : '';
  const local = path.slice(colon + 1);
  if (drive === DRIVE_NAME) {
    const loc = parseDrivePath(local);
    return loc.bucket && loc.key ? { connection: loc.connection, ref: { bucket: loc.bucket, key: loc.key } } : null;
  }
  if (drive === VERSION_DRIVE_NAME) {
    const loc = parseVersionDrivePath(local);
    return loc ? { connection: loc.connection, ref: { bucket: loc.bucket, key: loc.key, versionId: loc.versionId } } : null;
  }
  return null;
}

/** Counts the bytes read by ranges (the viewer's page shows it, tests and the bench read it). */
export interface IReadCounter {
  reads: number;
  bytes: number;
}

/**
 * Open a document for reading by ranges.
 * @param path - the document's path (with its drive prefix).
 * @param deps - connections and contents.
 * @param options - cancellation and a counter of what is read.
 * @returns the source.
 * @throws HeliumError from the HEAD (NotFound, AccessDenied…), or the ContentsManager's error.
 */
export async function openTableSource(
  path: string,
  deps: ITableSourceDeps,
  options: { signal?: AbortSignal; counter?: IReadCounter } = {}
): Promise<ITableSource> {
  const engine = await loadTablePages();
  const s3doc = deps.connections ? s3DocumentOf(path) : null;
  if (s3doc && deps.connections) {
    const s3 = await deps.connections.client(s3doc.connection);
    const info = await engine.headObject(s3, { ...s3doc.ref, signal: options.signal });
    // Pin the version the HEAD saw (an unversioned object has none, or S3's "null").
    const versionId = s3doc.ref.versionId ?? (info.versionId && info.versionId !== 'null' ? info.versionId : undefined);
    const ref = { ...s3doc.ref, versionId };
    const counter = options.counter;
    const file = engine.rangedObject(s3, ref, info.size, {
      signal: options.signal,
      etag: info.etag,
      onRead: counter
        ? (start, end) => {
            counter.reads++;
            counter.bytes += end - start;
          }
        : undefined
    });
    return { file, size: info.size, where: formatS3Uri(ref), ranged: true };
  }
  const model = await deps.contents.get(path, { type: 'file', format: 'base64', content: true });
  const bytes = fromBase64(String(model.content ?? '').replace(/\s+/g, ''));
  return { file: engine.bytesFile(bytes), size: bytes.byteLength, where: path, ranged: false };
}

/** The placeholder texts of a paged grid (translated by the caller). */
export interface IPagedTexts {
  loading: string;
  failed: string;
}

/**
 * Read a Parquet source's footer and make the grid's model of it (rows read on demand).
 * @param source - the source.
 * @param texts - the placeholders.
 * @param bounds - the row-group cache's bounds (defaults: paged-grid-model.ts).
 * @returns the model.
 * @throws HeliumError `InvalidInput` when the bytes are not Parquet; read errors.
 */
export async function openPagedGrid(source: ITableSource, texts: IPagedTexts, bounds?: GroupCacheBounds): Promise<PagedGridModel> {
  const engine = await loadTablePages();
  const pages = await engine.openParquetPages(source.file, source.where);
  return new PagedGridModel(pages, {
    valueText: engine.parquetValueText,
    hintsFor: engine.hintsFor,
    loadingText: texts.loading,
    failedText: texts.failed,
    bounds
  });
}

/** How much of a CSV or TSV file the viewer's preview reads: its first rows, not the whole file. */
export const CSV_PREVIEW_BYTES = 4 * 2 ** 20;

/** The first rows of a text table. */
export interface ITablePreview {
  /** The rows read. */
  table: Table;
  /** True when the file has more than that. */
  truncated: boolean;
  /** The bytes read. */
  bytesRead: number;
}

/**
 * The last whole line of some bytes of a text file: where to cut them so no row is split.
 * UTF-8 never has a 0x0A inside a multi-byte character, so this also never splits one.
 * @param bytes - the start of the file.
 * @returns the length of the bytes up to and including their last line break (0 if none).
 */
export function wholeLinesLength(bytes: Uint8Array): number {
  return bytes.lastIndexOf(0x0a) + 1;
}

/**
 * Read the first rows of a CSV or TSV source (one ranged read of its first
 * {@link CSV_PREVIEW_BYTES} for an S3 object), cut at a line break, parsed off the page's thread.
 * When the file is longer, its last parsed row is left out too: the cut may fall inside a quoted
 * value spanning lines, which would make that row wrong.
 * @param source - the source.
 * @param key - the file's name or key (picks CSV or TSV).
 * @param maxBytes - how much to read at most.
 * @param signal - cancels the load.
 * @returns the rows, and whether there are more.
 */
export async function readTablePreview(
  source: ITableSource,
  key: string,
  maxBytes = CSV_PREVIEW_BYTES,
  signal?: AbortSignal
): Promise<ITablePreview> {
  const truncated = source.size > maxBytes;
  let bytes = new Uint8Array(await source.file.slice(0, Math.min(source.size, maxBytes)));
  const bytesRead = bytes.byteLength;
  if (truncated) {
    bytes = bytes.slice(0, wholeLinesLength(bytes));
  }
  let table = await loadTableOffThread(bytes, key, undefined, signal);
  if (truncated && table.numRows > 0) {
    table = table.slice(0, table.numRows - 1);
  }
  return { table, truncated, bytesRead };
}

/**
 * Read a whole source as an Arrow table, off the page's thread (Arrow IPC / Feather files,
 * whose layout is not read by ranges here).
 * @param source - the source.
 * @param key - the file's name or key (picks the format).
 * @param signal - cancels the load.
 * @returns the table.
 */
export async function readWholeTable(source: ITableSource, key: string, signal?: AbortSignal): Promise<Table> {
  const bytes = new Uint8Array(await source.file.slice(0, source.size));
  return loadTableOffThread(bytes, key, undefined, signal);
}

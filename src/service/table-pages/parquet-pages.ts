/**
 * A Parquet file read in row groups, by byte ranges: {@link openParquetPages} reads the footer
 * (one ranged read of the file's tail, a second only for a footer over 512 KiB), and
 * {@link ParquetPages.readGroup} reads one row group's column chunks (hyparquet merges chunks
 * that lie together into one read) and decodes them. Nothing else of the file is read, so a
 * viewer of a multi-GiB object holds only the row groups it shows.
 *
 * Why hyparquet here and parquet-wasm elsewhere: parquet-wasm decodes a whole file held in
 * memory into Arrow (exact Arrow types, and it writes Parquet); hyparquet reads an `AsyncBuffer`
 * by ranges and decodes only the row groups and columns asked for, which is what paging needs.
 */
import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import type { FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { HeliumError } from '../error-class';
import { columnTypeName } from './parquet-types';
import type { RangedFile } from './ranged-object';

/** One column of the table. */
export interface PagedField {
  /** The top-level column's name. */
  name: string;
  /** Its type as pyarrow names it. */
  typeName: string;
}

/** One row group: where its rows start, how many, and its size. */
export interface PagedGroup {
  /** Index of its first row in the file. */
  start: number;
  /** Its row count. */
  rows: number;
  /** Its uncompressed size in bytes (what decoding it roughly costs in memory). */
  bytes: number;
  /** Its compressed size in bytes (what reading it transfers). */
  compressedBytes: number;
}

/** A row group's values: one array per column, each `rows` long. */
export type GroupColumns = ArrayLike<unknown>[];

/** A Parquet file opened for paging. */
export interface ParquetPages {
  /** Rows in the file. */
  readonly numRows: number;
  /** Its top-level columns. */
  readonly fields: PagedField[];
  /** Its row groups, in row order. */
  readonly groups: PagedGroup[];
  /**
   * Read and decode one row group.
   * @param index - the row group.
   * @returns its columns.
   */
  readGroup(index: number): Promise<GroupColumns>;
}

/** The size of the first read of the file's tail (hyparquet's default). */
const FOOTER_READ = 512 * 1024;

/**
 * How much of the file's start to read while the footer is read, betting that the first row
 * group is there (writers put it right after the 4-byte magic): a 64th of the file, between
 * 8 and 32 MiB. Then the first rows cost one round of requests, not two in a row; this matters
 * most on servers where each ranged GET costs time in proportion to the whole object.
 * @param size - the file's size.
 * @returns the bytes to read (0 below 64 MiB, where a second round costs little).
 */
export function headReadSize(size: number): number {
  if (size < 64 * 2 ** 20) {
    return 0;
  }
  return Math.min(size - FOOTER_READ, Math.max(8 * 2 ** 20, Math.min(32 * 2 ** 20, Math.floor(size / 64))));
}

/**
 * A reading error as a HeliumError a person can act on.
 * @param what - what was being read.
 * @param err - the error.
 * @returns the error.
 */
function unreadable(what: string, err: unknown): Error {
  if (err instanceof HeliumError) {
    return err;
  }
  const message = err instanceof Error ? err.message : String(err);
  return new HeliumError('InvalidInput', `${what} could not be read as Parquet: ${message}`, { code: 'UnreadableTable', cause: err });
}

/**
 * The row groups of a file's metadata.
 * @param metadata - the footer.
 * @returns one entry per row group.
 */
export function pagedGroups(metadata: FileMetaData): PagedGroup[] {
  let start = 0;
  return metadata.row_groups.map(group => {
    const rows = Number(group.num_rows);
    const compressed = group.columns.reduce((sum, chunk) => sum + Number(chunk.meta_data?.total_compressed_size ?? 0n), 0);
    const entry = { start, rows, bytes: Number(group.total_byte_size), compressedBytes: compressed };
    start += rows;
    return entry;
  });
}

/**
 * The file as a row group's reader sees it: the group's column chunks in one ranged read (rather
 * than one per column: on servers where each ranged GET costs, that is the difference), and any
 * other range read from the file.
 * @param file - the file.
 * @param metadata - its footer.
 * @param index - the row group.
 * @param head - the file's first bytes, when read ahead (see {@link headReadSize}).
 * @returns the file with the group's bytes at hand.
 */
async function groupFile(file: RangedFile, metadata: FileMetaData, index: number, head?: Uint8Array): Promise<RangedFile> {
  let start = Infinity;
  let end = 0;
  for (const chunk of metadata.row_groups[index].columns) {
    const meta = chunk.meta_data;
    if (meta) {
      const offset = Number(meta.dictionary_page_offset || meta.data_page_offset);
      start = Math.min(start, offset);
      end = Math.max(end, offset + Number(meta.total_compressed_size));
    }
  }
  if (!(end > start)) {
    return file;
  }
  const span = await readSpan(file, start, end, head);
  return {
    byteLength: file.byteLength,
    slice: async (from: number, to = file.byteLength) =>
      from >= start && to <= end ? (span.slice(from - start, to - start).buffer as ArrayBuffer) : file.slice(from, to)
  };
}

/**
 * Read bytes `start`..`end`, taking what the file's head read ahead holds and reading only the rest.
 * @param file - the file.
 * @param start - the first byte.
 * @param end - one past the last.
 * @param head - the file's first bytes, if read.
 * @returns the bytes.
 */
async function readSpan(file: RangedFile, start: number, end: number, head?: Uint8Array): Promise<Uint8Array> {
  if (!head || start >= head.length) {
    return new Uint8Array(await file.slice(start, end));
  }
  if (end <= head.length) {
    return head.subarray(start, end);
  }
  const span = new Uint8Array(end - start);
  span.set(head.subarray(start));
  span.set(new Uint8Array(await file.slice(head.length, end)), head.length - start);
  return span;
}

/**
 * Open a Parquet file for paging: read its footer.
 * @param file - the file (an S3 object read by ranges, or bytes in memory).
 * @param what - how to name it in errors (e.g. its S3 URI).
 * @returns the pages.
 * @throws HeliumError `InvalidInput` when it is not Parquet; the read's errors (NotFound, Cancelled…).
 */
export async function openParquetPages(file: RangedFile, what: string): Promise<ParquetPages> {
  const ahead = headReadSize(file.byteLength);
  // Read at once, with the footer; kept only until the first row group is read.
  let head: Promise<Uint8Array> | undefined = ahead ? Promise.resolve(file.slice(0, ahead)).then(b => new Uint8Array(b)) : undefined;
  head?.catch(() => undefined); // a failed bet is read again normally, never an unhandled rejection
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file, { initialFetchSize: FOOTER_READ });
  } catch (err) {
    throw unreadable(what, err);
  }
  const tree = parquetSchema(metadata);
  const fields = tree.children.map(node => ({ name: node.element.name, typeName: columnTypeName(node) }));
  const groups = pagedGroups(metadata);
  return {
    numRows: Number(metadata.num_rows),
    fields,
    groups,
    async readGroup(index: number): Promise<GroupColumns> {
      const group = groups[index];
      if (!group) {
        throw new HeliumError('InvalidInput', `${what} has no row group ${index}.`, { code: 'InvalidRange' });
      }
      const columns: (ArrayLike<unknown> | unknown[] | undefined)[] = fields.map(() => undefined);
      const slot = new Map(fields.map((field, i) => [field.name, i]));
      try {
        const first = head ? await head.catch(() => undefined) : undefined;
        head = undefined;
        await parquetRead({
          file: await groupFile(file, metadata, index, first),
          metadata,
          compressors,
          rowStart: group.start,
          rowEnd: group.start + group.rows,
          onChunk: ({ columnName, columnData, rowStart }) => {
            const at = slot.get(columnName);
            if (at === undefined) {
              return;
            }
            if (rowStart === group.start && columnData.length === group.rows) {
              columns[at] = columnData; // the usual case: one chunk holds the whole group's column
              return;
            }
            // Chunks may hold rows outside the group asked for: keep those inside it.
            const column = (columns[at] ??= new Array<unknown>(group.rows).fill(null)) as unknown[];
            for (let i = 0; i < columnData.length; i++) {
              const row = rowStart + i - group.start;
              if (row >= 0 && row < group.rows) {
                column[row] = columnData[i];
              }
            }
          }
        });
      } catch (err) {
        throw unreadable(what, err);
      }
      return columns.map(column => column ?? new Array<unknown>(group.rows).fill(null));
    }
  };
}

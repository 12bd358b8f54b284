/**
 * A Parquet file read in row groups, by byte ranges: {@link openParquetPages} reads the footer
 * (one ranged read of the file's tail, a second only for a footer over 512 KiB) and, for big
 * files, the file's start at the same time (see {@link headReadSize}); {@link ParquetPages.readGroup}
 * reads one row group's column chunks in one read (served from the start read ahead when they lie
 * in it) and decodes them. Nothing else of the file is read, so a viewer of a multi-GiB object
 * holds only the row groups it shows.
 *
 * Why hyparquet here and parquet-wasm elsewhere: parquet-wasm decodes a whole file held in
 * memory into Arrow (exact Arrow types, and it writes Parquet); hyparquet reads an `AsyncBuffer`
 * by ranges and decodes only the row groups and columns asked for, which is what paging needs.
 */
import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import type { FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { HeliumError } from '../error-class';
import { EXACT_PARSERS, metadataForExactReads } from './parquet-exact';
import { columnTypeName } from './parquet-types';
import type { RangedFile, ReadAhead } from './ranged-object';

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
 * most on servers where each ranged GET costs time in proportion to the whole object (and on S3
 * saves a round trip of tens of milliseconds). Why these bounds: files written in many row groups
 * (what makes a file pageable at all) have groups of a few to some tens of MiB (pyarrow's default
 * of 1Mi rows, Spark's 128 MiB blocks split by column), and a screen of rows needs one or a few
 * of them; 32 MiB at most keeps the bet small beside the viewer's page-memory goal (300 MB) and
 * below what a ranged file holds read ahead (READ_AHEAD_LIMIT). A group that ends past the head
 * still reads only the rest.
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
  return new HeliumError('InvalidInput', `${what} could not be read as Parquet: ${message}`, {
    code: 'UnreadableTable',
    cause: err,
    params: { what, reason: message }
  });
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
 * Where a row group's column chunks lie in the file.
 * @param metadata - the footer.
 * @param index - the row group.
 * @returns their first byte and one past their last (`end <= start` when the footer says none).
 */
function groupSpan(metadata: FileMetaData, index: number): { start: number; end: number } {
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
  return { start, end };
}

/**
 * The file as a row group's reader sees it: the group's column chunks in one ranged read (rather
 * than one per column: on servers where each ranged GET costs, that is the difference), and any
 * other range read from the file.
 * @param file - the file.
 * @param metadata - its footer.
 * @param index - the row group.
 * @returns the file with the group's bytes at hand.
 */
async function groupFile(file: RangedFile, metadata: FileMetaData, index: number): Promise<RangedFile> {
  const { start, end } = groupSpan(metadata, index);
  if (!(end > start)) {
    return file;
  }
  const span = new Uint8Array(await file.slice(start, end));
  return {
    byteLength: file.byteLength,
    slice: async (from: number, to = file.byteLength) =>
      from >= start && to <= end ? (span.slice(from - start, to - start).buffer as ArrayBuffer) : file.slice(from, to)
  };
}

/**
 * The file's start read ahead (see {@link headReadSize}), cut to the row groups that lie wholly
 * inside it once the footer says where they are (the bytes after them are not transferred), and
 * kept only while it may still serve one: until every such group has been read once, or a group
 * past them has been (the reader has moved on). The viewer reads the groups on its first screen
 * most recent first, so the first group read is not always the first group.
 */
class HeadHold {
  /**
   * @param length - the bytes read ahead from the file's start (0: none).
   * @param ahead - the read.
   */
  constructor(
    private length: number,
    private ahead: ReadAhead | undefined
  ) {}

  /**
   * Cut the head to the row groups wholly inside it (all of it when the first group runs past
   * it: that group reads only the rest).
   * @param metadata - the footer.
   */
  settle(metadata: FileMetaData): void {
    const ends = metadata.row_groups.map((_, i) => groupSpan(metadata, i).end).filter(end => end <= this.length);
    if (ends.length) {
      this.length = Math.max(...ends);
      this.ahead?.cut(this.length);
    }
  }

  /**
   * Forget the head when the reader has no more use for it.
   * @param metadata - the footer.
   * @param read - the row groups read so far.
   */
  update(metadata: FileMetaData, read: Set<number>): void {
    if (!this.ahead) {
      return;
    }
    const inside = metadata.row_groups.map((_, i) => i).filter(i => groupSpan(metadata, i).start < this.length);
    const pastIt = [...read].some(i => groupSpan(metadata, i).start >= this.length);
    if (pastIt || inside.every(i => read.has(i))) {
      this.release();
    }
  }

  /** Forget the head now. */
  release(): void {
    this.ahead?.drop();
    this.ahead = undefined;
  }
}

/**
 * Open a Parquet file for paging: read its footer.
 * @param file - the file (an S3 object read by ranges, or bytes in memory).
 * @param what - how to name it in errors (e.g. its S3 URI).
 * @returns the pages.
 * @throws HeliumError `InvalidInput` when it is not Parquet; the read's errors (NotFound, Cancelled…).
 */
export async function openParquetPages(file: RangedFile, what: string): Promise<ParquetPages> {
  const ahead = file.readAhead ? headReadSize(file.byteLength) : 0;
  // Read with the footer, at once: the file serves the first row group's read from it.
  const head = new HeadHold(ahead, ahead ? file.readAhead?.(0, ahead) : undefined);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file, { initialFetchSize: FOOTER_READ });
  } catch (err) {
    head.release();
    throw unreadable(what, err);
  }
  head.settle(metadata);
  const tree = parquetSchema(metadata);
  const fields = tree.children.map(node => ({ name: node.element.name, typeName: columnTypeName(node) }));
  const repeated = fields.find((field, i) => fields.findIndex(f => f.name === field.name) !== i);
  if (repeated) {
    // hyparquet finds columns by name: both would show the first one's values.
    head.release();
    throw new HeliumError(
      'InvalidInput',
      `${what} has more than one column named "${repeated.name}", which this viewer cannot tell apart. Read it with pyarrow, or write it with unique column names (pyarrow: Table.rename_columns).`,
      { code: 'DuplicateColumnNames', params: { what, name: repeated.name } }
    );
  }
  const groups = pagedGroups(metadata);
  const readMetadata = metadataForExactReads(metadata);
  const read = new Set<number>();
  return {
    numRows: Number(metadata.num_rows),
    fields,
    groups,
    async readGroup(index: number): Promise<GroupColumns> {
      const group = groups[index];
      if (!group) {
        throw new HeliumError('InvalidInput', `${what} has no row group ${index}.`, {
          code: 'InvalidRange',
          params: { what, group: String(index) }
        });
      }
      const columns: (ArrayLike<unknown> | unknown[] | undefined)[] = fields.map(() => undefined);
      const slot = new Map(fields.map((field, i) => [field.name, i]));
      try {
        await parquetRead({
          file: await groupFile(file, metadata, index),
          metadata: readMetadata,
          compressors,
          parsers: EXACT_PARSERS,
          utf8: false,
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
      } finally {
        read.add(index);
        head.update(metadata, read);
      }
      return columns.map(column => column ?? new Array<unknown>(group.rows).fill(null));
    }
  };
}

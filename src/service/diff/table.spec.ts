/**
 * Tests of the table diff on real files written by pyarrow and pandas
 * (src/testing/python/table_diff_fixtures.py): Parquet with several row groups, Feather (lz4),
 * CSV and TSV. The fixture script says which cells, rows and columns it changed; the diff must
 * find exactly those.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import {
  Field,
  Float64,
  Int64,
  LargeUtf8,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableFromArrays,
  Utf8,
  vectorFromArray
} from 'apache-arrow';
import { failure } from '../../testing/failure';
import { runPythonJson } from '../../testing/python-interop';
import { HeliumError } from '../error-class';
import { diffTables, diffTablesAsync, loadTable, RowStatus, suggestKeyColumns, TableDiff, tableFormatFor } from './table';

interface FixtureCase {
  left: string;
  right: string;
  key: string[];
  changed: [string, string][];
  added: string[];
  removed: string[];
  columns?: { name: string; status: string }[];
  movedByPosition?: number;
  duplicates?: { left: number; right: number };
}

let dir: string;
let cases: Record<string, FixtureCase>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helium-table-diff-'));
  ({ cases } = await runPythonJson<{ cases: Record<string, FixtureCase> }>('table_diff_fixtures.py', [dir]));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Load one fixture file. */
function load(file: string): Promise<Table> {
  return loadTable(new Uint8Array(fs.readFileSync(file)), file);
}

/** Load both sides of a case. */
async function loadCase(name: string): Promise<[Table, Table, FixtureCase]> {
  const c = cases[name];
  return [await load(c.left), await load(c.right), c];
}

/** `key|column` of every changed cell, sorted. */
function changedCells(diff: TableDiff): string[] {
  const out: string[] = [];
  for (const row of diff.changedRows) {
    for (const c of diff.changedColumns(row)) {
      out.push(`${diff.keyText('right', diff.rightRow[row])}|${diff.columns[c].name}`);
    }
  }
  return out.sort();
}

/** Keys of the rows with a status. */
function keysWith(diff: TableDiff, status: number): string[] {
  const out: string[] = [];
  for (const row of diff.changedRows) {
    if (diff.status[row] === status) {
      out.push(status === RowStatus.Removed ? diff.keyText('left', diff.leftRow[row]) : diff.keyText('right', diff.rightRow[row]));
    }
  }
  return out.sort();
}

/** The aligned row of a key on the right. */
function rowOfKey(diff: TableDiff, key: string): number {
  for (let k = 0; k < diff.rowCount; k++) {
    if (diff.rightRow[k] >= 0 && diff.keyText('right', diff.rightRow[k]) === key) {
      return k;
    }
  }
  throw new Error(`no row ${key}`);
}

describe('diffTables on pyarrow files', () => {
  it('flags exactly the changed cells of every column type (Parquet)', async () => {
    const [left, right, c] = await loadCase('cells');
    const diff = diffTables(left, right, { keyColumns: c.key });
    expect(changedCells(diff)).toEqual(c.changed.map(([k, col]) => `${k}|${col}`).sort());
    const changedKeys = new Set(c.changed.map(([k]) => k));
    expect(diff.counts).toEqual({ same: 20 - changedKeys.size, changed: changedKeys.size, added: 0, removed: 0 });
    expect(diff.changedCells).toBe(c.changed.length);
    expect(diff.schemaChanged).toBe(false);

    const col = (name: string) => diff.columns.findIndex(x => x.name === name);
    expect(diff.columns[col('score')].changedCells).toBe(2);
    // Untouched cells of a changed row, NaN = NaN and null = null are not changes.
    const row7 = rowOfKey(diff, '7');
    expect(diff.isCellChanged(row7, col('name'))).toBe(true);
    expect(diff.isCellChanged(row7, col('score'))).toBe(false);
    expect(diff.status[rowOfKey(diff, '12')]).toBe(RowStatus.Same);
    expect(diff.status[rowOfKey(diff, '14')]).toBe(RowStatus.Same);

    // Display text, exact for int64, decimals and nanoseconds.
    const row16 = rowOfKey(diff, '16');
    expect(diff.cellText('left', row16, col('big'))).toBe('1152921504606846992');
    expect(diff.cellText('right', row16, col('big'))).toBe('1152921504606846993');
    expect(diff.cellText('right', rowOfKey(diff, '17'), col('price'))).toBe('17.26');
    expect(diff.cellText('right', rowOfKey(diff, '18'), col('ts'))).toBe('2023-11-14 22:13:20.000000019');
    expect(diff.cellText('left', rowOfKey(diff, '11'), col('day'))).toBe('2024-01-11');
    expect(diff.cellText('left', rowOfKey(diff, '9'), col('name'))).toBeNull();
    expect(diff.cellText('right', rowOfKey(diff, '9'), col('name'))).toBe('was null');
    expect(diff.cellText('left', rowOfKey(diff, '3'), col('score'))).toBe('4.5');
    expect(diff.cellText('right', rowOfKey(diff, '3'), col('score'))).toBe('99.0');
    expect(diff.cellText('right', rowOfKey(diff, '15'), col('cat'))).toBe('purple');
  });

  it('gives the same diff over several batches with offsets (sliced tables)', async () => {
    const [left, right, c] = await loadCase('cells');
    // Slices keep their buffers and set a Data offset: bitmaps, booleans and values must honour it.
    const rechunk = (t: Table, cuts: number[]) =>
      new Table([0, ...cuts].flatMap((start, i) => t.slice(start, [...cuts, t.numRows][i]).batches));
    const l = rechunk(left, [3, 11]);
    const r = rechunk(right, [5, 6, 13]);
    expect([l.batches.length, r.batches.length]).toEqual([3, 4]);
    expect(l.batches[1].data.children[0].offset).toBe(3);
    const diff = diffTables(l, r, { keyColumns: c.key });
    expect(changedCells(diff)).toEqual(c.changed.map(([k, col]) => `${k}|${col}`).sort());
    const byPosition = diffTables(l, r);
    expect(changedCells(byPosition)).toEqual(changedCells(diffTables(left, right)));
  });

  it.each(['cells-feather', 'cells-csv', 'cells-tsv'])('finds the same cells in %s', async name => {
    const [left, right, c] = await loadCase(name);
    if (name === 'cells-feather') {
      expect([left.batches.length, right.batches.length]).toEqual([3, 4]); // written in chunks
    }
    const diff = diffTables(left, right, { keyColumns: c.key });
    expect(changedCells(diff)).toEqual(c.changed.map(([k, col]) => `${k}|${col}`).sort());
    expect(diff.counts.same).toBe(20 - new Set(c.changed.map(([k]) => k)).size);
  });

  it('reports added, removed and type-changed columns, comparing across types', async () => {
    const [left, right, c] = await loadCase('schema');
    const diff = diffTables(left, right, { keyColumns: c.key });
    expect(diff.columns.map(x => [x.name, x.status])).toEqual(c.columns!.map(x => [x.name, x.status]));
    const byName = Object.fromEntries(diff.columns.map(x => [x.name, x]));
    expect([byName.a.leftType, byName.a.rightType]).toEqual(['Int64', 'Float64']);
    expect([byName.b.leftType, byName.b.rightType]).toEqual(['Int64', 'Utf8']);
    expect(byName.new.leftType).toBeUndefined();
    expect(byName.gone.rightType).toBeUndefined();
    // int64 10 = double 10.0 and int 1 = "1"; only the two real changes are flagged.
    expect(changedCells(diff)).toEqual(c.changed.map(([k, col]) => `${k}|${col}`).sort());
    expect(diff.schemaChanged).toBe(true);
    expect(diff.cellText('left', rowOfKey(diff, '2'), diff.columns.indexOf(byName.new))).toBeUndefined();
  });

  it('ignores reordered rows by key, and sees them by position', async () => {
    const [left, right, c] = await loadCase('reorder');
    const byKey = diffTables(left, right, { keyColumns: c.key });
    expect(byKey.counts).toEqual({ same: 20, changed: 0, added: 0, removed: 0 });
    expect(byKey.changedRows.length).toBe(0);
    expect(byKey.identical).toBe(true);
    const byPosition = diffTables(left, right);
    expect(byPosition.byKey).toBe(false);
    expect(byPosition.counts.changed).toBe(c.movedByPosition);
    expect(byPosition.counts.same).toBe(20 - c.movedByPosition!);
  });

  it('finds added and removed rows by key, removed ones next to their old neighbour', async () => {
    const [left, right, c] = await loadCase('rows');
    const diff = diffTables(left, right, { keyColumns: c.key });
    expect(keysWith(diff, RowStatus.Added)).toEqual(c.added.slice().sort());
    expect(keysWith(diff, RowStatus.Removed)).toEqual(c.removed.slice().sort());
    expect(changedCells(diff)).toEqual(c.changed.map(([k, col]) => `${k}|${col}`));
    expect(diff.counts).toEqual({ same: 17, changed: 1, added: 2, removed: 2 });
    const removed4 = rowOfKey(diff, '3') + 1;
    expect(diff.status[removed4]).toBe(RowStatus.Removed);
    expect(diff.keyText('left', diff.leftRow[removed4])).toBe('4');
    expect(diff.rightRow[removed4]).toBe(-1);
    expect(diff.cellText('right', removed4, 0)).toBeUndefined();
  });

  it('matches rows on a composite key', async () => {
    const [left, right, c] = await loadCase('composite');
    const diff = diffTables(left, right, { keyColumns: c.key });
    expect(changedCells(diff)).toEqual(c.changed.map(([k, col]) => `${k}|${col}`));
    expect(keysWith(diff, RowStatus.Added)).toEqual(c.added);
    expect(diff.counts).toEqual({ same: 8, changed: 1, added: 1, removed: 0 });
    expect(diff.columns.filter(x => x.isKey).map(x => x.name)).toEqual(['region', 'year']);
  });

  it('pairs duplicate keys in order of occurrence and counts them', async () => {
    const [left, right, c] = await loadCase('dups');
    const diff = diffTables(left, right, { keyColumns: c.key });
    expect(diff.duplicateKeys.left).toBe(c.duplicates!.left);
    expect(diff.duplicateKeys.right).toBe(c.duplicates!.right);
    expect(diff.duplicateKeys.example).toEqual({ side: 'right', row: 2 });
    expect(changedCells(diff)).toEqual(['2|v']);
    const changed = diff.changedRows[0];
    expect([diff.leftRow[changed], diff.rightRow[changed]]).toEqual([2, 2]);
  });

  it('refuses a key column missing on one side', async () => {
    const [left, right] = await loadCase('schema');
    let err: unknown;
    try {
      diffTables(left, right, { keyColumns: ['gone'] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HeliumError);
    expect((err as HeliumError).kind).toBe('InvalidInput');
    expect((err as HeliumError).message).toContain('"gone" is not in the right (newer) table');
    const missingLeft = await failure(diffTablesAsync(left, right, { keyColumns: ['new'] }));
    expect(missingLeft.message).toContain('left (older)');
  });

  it('refuses a key column a side has twice (Arrow allows it) instead of picking one', async () => {
    const fields = ['a', 'a', 'b'].map(n => new Field(n, new Int64()));
    const children = [
      [1n, 2n],
      [3n, 4n],
      [5n, 6n]
    ].map(v => makeData({ type: new Int64(), length: 2, data: BigInt64Array.from(v) }));
    const schema = new Schema(fields);
    const twice = new Table(schema, new RecordBatch(schema, makeData({ type: new Struct(fields), length: 2, children })));
    const err = await failure(diffTablesAsync(twice, twice, { keyColumns: ['a'] }));
    expect(err.code).toBe('AmbiguousKeyColumn');
    expect(err.message).toContain('The key column "a" occurs 2 times in the left (older) table');
    // Not a key, a repeated name is still compared occurrence by occurrence.
    expect(diffTables(twice, twice, { keyColumns: ['b'] }).identical).toBe(true);
  });
});

describe('diffTables on tables built in memory', () => {
  it('aligns by position with extra rows added or removed at the end', () => {
    const left = tableFromArrays({ x: Float64Array.from([1, 2, 3]) });
    const right = tableFromArrays({ x: Float64Array.from([1, 5, 3, 4, 6]) });
    const diff = diffTables(left, right);
    expect(Array.from(diff.status)).toEqual([RowStatus.Same, RowStatus.Changed, RowStatus.Same, RowStatus.Added, RowStatus.Added]);
    expect(Array.from(diff.changedRows)).toEqual([1, 3, 4]);
    expect(Array.from(diff.leftRow)).toEqual([0, 1, 2, -1, -1]);
    const shorter = diffTables(right, left);
    expect(shorter.counts).toEqual({ same: 2, changed: 1, added: 0, removed: 2 });
  });

  it('matches int64 keys with double keys and int keys with string keys', () => {
    const left = new Table({ k: vectorFromArray([1n, 2n, 3n], new Int64()), v: vectorFromArray(['a', 'b', 'c'], new Utf8()) });
    const right = new Table({ k: vectorFromArray([3, 2, 1], new Float64()), v: vectorFromArray(['c', 'B', 'a'], new Utf8()) });
    const numeric = diffTables(left, right, { keyColumns: ['k'] });
    expect(changedCells(numeric)).toEqual(['2.0|v']); // the right side's key, a double
    const text = new Table({ k: vectorFromArray(['3', '2', '1'], new Utf8()), v: vectorFromArray(['c', 'b', 'a'], new Utf8()) });
    expect(diffTables(left, text, { keyColumns: ['k'] }).identical).toBe(false); // k changed type
    expect(diffTables(left, text, { keyColumns: ['k'] }).counts).toEqual({ same: 3, changed: 0, added: 0, removed: 0 });
  });

  it('matches sparse, huge (> 2^53) and null integer keys exactly', () => {
    const big = 2n ** 60n;
    const keys = (values: (bigint | null)[]) => vectorFromArray(values, new Int64());
    // Sparse keys take the Map path; 2^60 and 2^60 + 1 are the same double, not the same key.
    const left = new Table({ k: keys([big, big + 1n, 5n, null, -(10n ** 15n)]), v: vectorFromArray([1, 2, 3, 4, 5], new Float64()) });
    const right = new Table({ k: keys([null, 5n, big + 1n, big, -(10n ** 15n)]), v: vectorFromArray([4, 3, 2, 9, 5], new Float64()) });
    const diff = diffTables(left, right, { keyColumns: ['k'] });
    expect(diff.counts).toEqual({ same: 4, changed: 1, added: 0, removed: 0 });
    expect(changedCells(diff)).toEqual([`${big}|v`]);
    // Dense keys (a small range) take the array path, nulls included.
    const dense = diffTables(
      new Table({ k: keys([3n, null, 1n, 2n]), v: vectorFromArray([3, 0, 1, 2], new Float64()) }),
      new Table({ k: keys([1n, 2n, 4n, null]), v: vectorFromArray([1, 2, 4, 7], new Float64()) }),
      { keyColumns: ['k'] }
    );
    expect(changedCells(dense)).toEqual(['null|v']);
    expect(keysWith(dense, RowStatus.Added)).toEqual(['4']);
    expect(keysWith(dense, RowStatus.Removed)).toEqual(['3']);
  });

  it('suggests an id-like key column both sides have', () => {
    const t = (names: string[]) => tableFromArrays(Object.fromEntries(names.map(n => [n, Float64Array.from([1])])));
    expect(suggestKeyColumns(t(['name', 'user_id', 'id']), t(['id', 'user_id']))).toEqual(['id']);
    expect(suggestKeyColumns(t(['name', 'user_id']), t(['user_id', 'name']))).toEqual(['user_id']);
    expect(suggestKeyColumns(t(['name', 'valid']), t(['name', 'valid']))).toEqual([]);
  });

  it('does not call string vs large_string a type change (pyarrow writes either; CSV gives Utf8)', () => {
    const older = new Table({ id: vectorFromArray([1, 2], new Float64()), s: vectorFromArray(['a', 'b'], new LargeUtf8()) });
    const same = diffTables(older, new Table({ id: vectorFromArray([1, 2], new Float64()), s: vectorFromArray(['a', 'b'], new Utf8()) }), {
      keyColumns: ['id']
    });
    expect(same.columns.find(c => c.name === 's')).toMatchObject({ status: 'same', leftType: 'LargeUtf8', rightType: 'Utf8' });
    expect(same.identical).toBe(true);
    const retyped = diffTables(
      older,
      new Table({ id: vectorFromArray([1, 2], new Float64()), s: vectorFromArray([1, 2], new Float64()) }),
      {
        keyColumns: ['id']
      }
    );
    expect(retyped.columns.find(c => c.name === 's')?.status).toBe('type-changed');
  });

  it('does not suggest an id-like column with repeated values (rows would pair arbitrarily)', () => {
    const left = tableFromArrays({ storm_id: ['a', 'a', 'b'], point_id: Float64Array.from([1, 2, 3]) });
    const right = tableFromArrays({ storm_id: ['a', 'b'], point_id: Float64Array.from([1, 3]) });
    expect(suggestKeyColumns(left, right)).toEqual(['point_id']);
    const noKey = tableFromArrays({ storm_id: ['a', 'a'] });
    expect(suggestKeyColumns(noKey, noKey)).toEqual([]);
  });

  it('treats null = null and NaN = NaN as equal, null ≠ value', () => {
    const left = new Table({ x: vectorFromArray([null, NaN, 1, null], new Float64()) });
    const right = new Table({ x: vectorFromArray([null, NaN, null, 2], new Float64()) });
    expect(Array.from(diffTables(left, right).status)).toEqual([RowStatus.Same, RowStatus.Same, RowStatus.Changed, RowStatus.Changed]);
  });

  it('gives the same result async, and stops when the signal is aborted', async () => {
    const left = tableFromArrays({
      id: Int32Array.from({ length: 1000 }, (_, i) => i),
      v: Float64Array.from({ length: 1000 }, (_, i) => i)
    });
    const right = tableFromArrays({
      id: Int32Array.from({ length: 1000 }, (_, i) => 999 - i),
      v: Float64Array.from({ length: 1000 }, (_, i) => (i === 10 ? -1 : 999 - i))
    });
    const sync = diffTables(left, right, { keyColumns: ['id'] });
    const async_ = await diffTablesAsync(left, right, { keyColumns: ['id'] });
    expect(changedCells(async_)).toEqual(changedCells(sync));
    expect(changedCells(sync)).toEqual(['989|v']);
    const controller = new AbortController();
    controller.abort();
    const err = await failure(diffTablesAsync(left, right, { signal: controller.signal }));
    expect(err.kind).toBe('Cancelled');
  });
});

describe('loadTable', () => {
  it('picks the format by bytes, then extension, then content type', async () => {
    expect(tableFormatFor('a/b.PQ')).toBe('parquet');
    expect(tableFormatFor('a/b', 'text/csv; charset=utf-8')).toBe('csv');
    expect(tableFormatFor('a/b.txt')).toBeUndefined();
    const parquet = new Uint8Array(fs.readFileSync(cases.cells.left));
    expect((await loadTable(parquet, 'no-extension')).numRows).toBe(20);
    const csv = await loadTable(new TextEncoder().encode('a,b\n1,x\n2,y\n'), 'data', 'text/csv');
    expect(csv.schema.fields.map(f => String(f.type))).toEqual(['Int64', 'Utf8']);
  });

  it('keeps quoted tabs and commas of TSV cells', async () => {
    const table = await loadTable(new TextEncoder().encode('a\tb\n"x\ty"\t1,5\n'), 't.tsv');
    expect(table.numRows).toBe(1);
    expect(table.getChild('a')?.get(0)).toBe('x\ty');
    expect(table.getChild('b')?.get(0)).toBe('1,5');
  });

  it('refuses what is not a table', async () => {
    const err = await failure(loadTable(new TextEncoder().encode('hello'), 'notes.txt'));
    expect(err.kind).toBe('InvalidInput');
    expect(err.message).toContain('notes.txt');
  });

  it('refuses gzip-compressed bytes (Content-Encoding: gzip) instead of reading their noise as a CSV header', async () => {
    const gzip = Uint8Array.from(zlib.gzipSync('id,v\n1,2\n'));
    const err = await failure(loadTable(gzip, 'runs/scores.csv', 'text/csv'));
    expect(err.kind).toBe('InvalidInput');
    expect(err.code).toBe('CompressedTable');
    expect(err.message).toContain('runs/scores.csv is gzip-compressed');
  });
});

/**
 * The column-wise comparison of the table diff (table-compare-rows.ts, the per-type loops and the
 * changed-cell mask) against the per-cell comparison it replaced ({@link cellEquals} on every
 * aligned row): every cell of random tables of every common type, with nulls, NaN, -0, huge
 * int64, timestamps, dictionaries with different codes, duplicate and null keys, and several
 * batches with offsets, must be flagged exactly as the per-cell path flags it.
 */
import {
  Binary,
  Bool,
  DataType,
  DateDay,
  DateMillisecond,
  Dictionary,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  makeData,
  makeVector,
  Table,
  Utf8,
  Vector,
  vectorFromArray
} from 'apache-arrow';
import { column, timestampVector } from '../../testing/arrow-tables';
import { diffTables, RowStatus, TableDiff } from './table';
import { batchStarts, chunkOf } from './table-chunks';
import { cellEquals } from './table-compare';

/** A small deterministic random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` values picked from a small pool, so that many cells of two tables agree. */
function pick<T>(rand: () => number, pool: T[], n: number): T[] {
  return Array.from({ length: n }, () => pool[Math.floor(rand() * pool.length)]);
}

/** A dictionary column whose dictionary order and index width are its own. */
function dictionary(categories: string[], values: (string | null)[], indexType: Int8 | Int16): Vector {
  const dict = vectorFromArray(categories, new Utf8());
  const codes = values.map(v => (v === null ? 0 : categories.indexOf(v)));
  const data = indexType instanceof Int8 ? Int8Array.from(codes) : Int16Array.from(codes);
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
  values.forEach((v, i) => {
    if (v !== null) {
      nullBitmap[i >> 3] |= 1 << (i & 7);
    }
  });
  const nullCount = values.filter(v => v === null).length;
  const type = new Dictionary(new Utf8(), indexType);
  return makeVector(makeData({ type, length: values.length, data, dictionary: dict, nullBitmap, nullCount }));
}

/** One side's table: every common type, values from small pools. */
function randomTable(seed: number, rows: number, side: 'left' | 'right'): Table {
  const rand = random(seed);
  const big = 2n ** 62n;
  const categories = side === 'left' ? ['red', 'green', 'blue'] : ['blue', 'violet', 'red', 'green'];
  const bytes = (s: string) => new TextEncoder().encode(s);
  const columns: Record<string, Vector> = {
    // The key: duplicates and nulls, so rows pair in order of occurrence.
    id: column(pick(rand, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, null], rows), new Int32()),
    i32: column(pick(rand, [0, 1, -1, null], rows), new Int32()),
    f64: column(pick(rand, [0, -0, 1.5, NaN, Infinity, null], rows), new Float64()),
    i64: column(pick(rand, [0n, big, big + 1n, -big, null], rows), new Int64()),
    ts: timestampVector('ns', 'UTC', pick(rand, [1704067200123456789n, 1704067200123456790n, null], rows)),
    day: column(pick(rand, [new Date(0), new Date(86_400_000), null], rows), new DateDay()),
    ms: column(pick(rand, [new Date(1), new Date(2), null], rows), new DateMillisecond()),
    text: column(pick(rand, ['', 'a', 'ab', 'b', 'héllo', '🎉', null], rows), new Utf8()),
    blob: column(pick(rand, [bytes(''), bytes('x'), bytes('xy'), null], rows), new Binary()),
    cat: dictionary(categories, pick(rand, ['red', 'green', 'blue', null], rows), side === 'left' ? new Int8() : new Int16()),
    flag: column(pick(rand, [true, false, null], rows), new Bool()),
    // Different types on each side: compared by number, or by display text.
    num: side === 'left' ? column(pick(rand, [1n, 2n, null], rows), new Int64()) : column(pick(rand, [1, 2.5, null], rows), new Float64()),
    mixed: side === 'left' ? column(pick(rand, [1, 2, null], rows), new Int8()) : column(pick(rand, ['1', 'x', null], rows), new Utf8())
  };
  return new Table(columns);
}

/** The same table in batches cut at `cuts`: slices keep their buffers and set a Data offset. */
function rechunk(t: Table, cuts: number[]): Table {
  return new Table([0, ...cuts].flatMap((start, i) => t.slice(start, [...cuts, t.numRows][i]).batches));
}

/** The per-cell answer: for each aligned row on both sides, the columns whose cells differ. */
function perCellChanges(diff: TableDiff): Map<number, number[]> {
  const equals = diff.columns.map(c =>
    c.leftIndex >= 0 && c.rightIndex >= 0
      ? cellEquals(diff.left.getChildAt(c.leftIndex) as Vector, diff.right.getChildAt(c.rightIndex) as Vector)
      : undefined
  );
  const [ls, rs] = [batchStarts(diff.left), batchStarts(diff.right)];
  const out = new Map<number, number[]>();
  for (let k = 0; k < diff.rowCount; k++) {
    const [l, r] = [diff.leftRow[k], diff.rightRow[k]];
    if (l < 0 || r < 0) {
      continue;
    }
    const [lc, rc] = [chunkOf(ls, l), chunkOf(rs, r)];
    out.set(
      k,
      equals.flatMap((eq, c) => (eq && !eq(lc, l - ls[lc], rc, r - rs[rc]) ? [c] : []))
    );
  }
  return out;
}

/** Check a diff cell by cell against the per-cell comparison. */
function expectSameAsPerCell(diff: TableDiff): void {
  const expected = perCellChanges(diff);
  let changedRows = 0;
  for (const [row, columns] of expected) {
    expect([row, diff.changedColumns(row)]).toEqual([row, columns]);
    expect([row, diff.status[row]]).toEqual([row, columns.length > 0 ? RowStatus.Changed : RowStatus.Same]);
    changedRows += columns.length > 0 ? 1 : 0;
  }
  expect(diff.counts.changed).toBe(changedRows);
  const perColumn = diff.columns.map((_, c) => [...expected.values()].filter(cols => cols.includes(c)).length);
  expect(diff.columns.map(c => c.changedCells)).toEqual(perColumn);
}

describe('the column-wise comparison', () => {
  const left = randomTable(1, 400, 'left');
  const right = randomTable(2, 380, 'right');

  it('flags the cells the per-cell comparison flags, by position', () => {
    const diff = diffTables(left, right);
    expect(diff.counts.changed).toBeGreaterThan(0);
    expectSameAsPerCell(diff);
  });

  it('flags the cells the per-cell comparison flags, by a key with duplicates and nulls', () => {
    const diff = diffTables(left, right, { keyColumns: ['id'] });
    expect(diff.duplicateKeys.left).toBeGreaterThan(0);
    expect(diff.counts.same + diff.counts.changed).toBeGreaterThan(300);
    expectSameAsPerCell(diff);
    // Matched on an exact key, the key cells are equal (and not compared).
    expect(diff.columns.find(c => c.name === 'id')!.changedCells).toBe(0);
  });

  it('does so over several batches with offsets', () => {
    const l = rechunk(left, [7, 150, 151]);
    const r = rechunk(right, [100, 333]);
    expect(l.batches[1].data.children[0].offset).toBe(7);
    for (const keyColumns of [[], ['id'], ['id', 'text']]) {
      const diff = diffTables(l, r, { keyColumns });
      expectSameAsPerCell(diff);
      const whole = diffTables(left, right, { keyColumns });
      expect(Array.from(diff.status)).toEqual(Array.from(whole.status));
      expect(Array.from(diff.cellBits)).toEqual(Array.from(whole.cellBits));
    }
  });

  it('does so with columns added, removed and reordered', () => {
    const names = right.schema.fields.map(f => f.name).filter(n => n !== 'flag');
    const reordered = new Table({
      extra: column(
        Array.from({ length: right.numRows }, (_, i) => i),
        new Int32()
      ),
      ...Object.fromEntries([...names].reverse().map(n => [n, right.getChild(n)!]))
    });
    for (const keyColumns of [[], ['id']]) {
      const diff = diffTables(left, reordered, { keyColumns });
      expect(diff.columns.filter(c => c.status !== 'same').map(c => [c.name, c.status])).toEqual([
        ['extra', 'added'],
        ['mixed', 'type-changed'],
        ['num', 'type-changed'],
        ['flag', 'removed']
      ]);
      expectSameAsPerCell(diff);
      // The same cells change as with the columns in their first order.
      const named = (d: TableDiff) =>
        [...d.changedRows].flatMap(row => d.changedColumns(row).map(c => `${row}|${d.columns[c].name}`)).sort();
      expect(named(diff)).toEqual(named(diffTables(left, right, { keyColumns })).filter(cell => !cell.endsWith('|flag')));
    }
  });

  it('compares a string key column too (a string key is not exact: invalid UTF-8 could decode alike)', () => {
    const bad = (b: number[]) =>
      makeVector(makeData({ type: new Utf8(), length: 1, valueOffsets: Int32Array.from([0, b.length]), data: Uint8Array.from(b) }));
    const t = (key: Vector, v: number) => new Table({ k: key, v: vectorFromArray([v], new Float64() as DataType) as Vector });
    // Two different invalid bytes both decode to U+FFFD: the rows match, the key cells differ.
    const diff = diffTables(t(bad([0xff]), 1), t(bad([0xfe]), 1), { keyColumns: ['k'] });
    expect(diff.counts).toEqual({ same: 0, changed: 1, added: 0, removed: 0 });
    expectSameAsPerCell(diff);
  });
});

/**
 * Whether a column identifies each row (the key the diff tab suggests): integer columns take
 * typed arrays (a table of seen values, or a sorted copy for sparse values); the answers must be
 * those of the Set of values every other column uses.
 */
import { Int32, Int64, Table, Vector, vectorFromArray } from 'apache-arrow';
import { isUniqueColumn } from './table-columns';

/** The Set-based answer (nulls count as one value). */
function uniqueBySet(values: unknown[]): boolean {
  return new Set(values).size === values.length;
}

/** A one-column table `k`. */
function table(values: (number | bigint | null)[], type: Int32 | Int64): Table {
  return new Table({ k: vectorFromArray(values as never[], type as never) as unknown as Vector });
}

describe('isUniqueColumn on integer columns', () => {
  const big = 2n ** 60n;
  const cases: [string, (number | bigint | null)[], Int32 | Int64][] = [
    ['dense, unique', [3, 1, 2, 0, -1], new Int32()],
    ['dense, a repeat', [3, 1, 2, 1], new Int32()],
    ['one null', [1, null, 2], new Int32()],
    ['two nulls', [1, null, 2, null], new Int32()],
    ['only nulls', [null, null], new Int32()],
    ['sparse, unique (sorted path)', [1_000_000_000, -5, 7, 2_000_000_000], new Int32()],
    ['sparse, a repeat (sorted path)', [1_000_000_000, -5, 7, 1_000_000_000], new Int32()],
    ['int64, unique', [10n ** 15n, -(10n ** 15n), 0n], new Int64()],
    ['int64, a repeat', [10n ** 15n, 0n, 10n ** 15n], new Int64()],
    ['int64 beyond 2^53, unique (Set path)', [big, big + 1n], new Int64()],
    ['int64 beyond 2^53, a repeat (Set path)', [big + 1n, 5n, big + 1n], new Int64()],
    ['int64 beyond 2^53 but null', [big, null, 1n], new Int64()]
  ];

  it.each(cases)('%s: as the Set of values says', (_, values, type) => {
    const t = table(values, type);
    expect(isUniqueColumn(t, 'k')).toBe(uniqueBySet([...t.getChild('k')!]));
  });

  it('agrees with the Set on random columns, dense and sparse', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 40; round++) {
      const n = 50 + (round % 7) * 30;
      const spread = round % 2 === 0 ? n * 2 : 2 ** 30;
      const values = Array.from({ length: n }, () => (next() % 400 === 0 ? null : next() % spread));
      const t = table(values, new Int32());
      expect([round, isUniqueColumn(t, 'k')]).toEqual([round, uniqueBySet([...t.getChild('k')!])]);
    }
    // A permutation is unique; the same with one value repeated is not.
    const ids = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000);
    expect(isUniqueColumn(table(ids, new Int32()), 'k')).toBe(true);
    expect(isUniqueColumn(table([...ids, 42], new Int32()), 'k')).toBe(false);
  });
});

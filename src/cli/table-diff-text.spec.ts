/**
 * Unit tests of `helium diff`'s table output: real Arrow tables compared by the diff tab's engine,
 * then summarised (--json) and written as text.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { Float64, Int64, Table, Utf8 } from 'apache-arrow';
import { diffTables, suggestKeyColumns } from '../service/diff/table';
import { column } from '../testing/arrow-tables';
import { changedParts, columnText, summarizeTableDiff, tableDiffText } from './table-diff-text';

const names: [string, string] = ['s3://b/t.parquet (version 1)', 's3://b/t.parquet (version 2)'];

/** The older table: ids 1..4, a name, a score and a note. */
function older(): Table {
  return new Table({
    id: column([1n, 2n, 3n, 4n], new Int64()),
    name: column(['Ada', 'Bob', 'Cy', 'Dee'], new Utf8()),
    score: column([1.5, 2.5, 3.5, 4.5], new Float64()),
    note: column(['a', 'b', 'c', 'd'], new Utf8())
  });
}

/** The newer table: id 2 gone, id 5 new, id 3's name and score changed, note removed, city added, rows reordered. */
function newer(): Table {
  return new Table({
    id: column([3n, 1n, 4n, 5n], new Int64()),
    name: column(['Cyd\u001b[2J', 'Ada', 'Dee', 'Eve'], new Utf8()),
    score: column([null, 1.5, 4.5, 5.5], new Float64()),
    city: column(['Oslo', 'Rome', '', 'Lima'], new Utf8())
  });
}

describe('summarizeTableDiff', () => {
  it('gives the match, every column, the counts and each changed cell with its key', () => {
    const diff = diffTables(older(), newer(), { keyColumns: suggestKeyColumns(older(), newer()) });
    const summary = summarizeTableDiff(diff, 'suggested', 20);
    expect(summary.identical).toBe(false);
    expect(summary.match).toEqual({ by: 'key', columns: ['id'], chosen: 'suggested' });
    expect(summary.columns.map(c => [c.name, c.status, c.leftType, c.rightType])).toEqual([
      ['id', 'same', 'Int64', 'Int64'],
      ['name', 'same', 'Utf8', 'Utf8'],
      ['score', 'same', 'Float64', 'Float64'],
      ['city', 'added', null, 'Utf8'],
      ['note', 'removed', 'Utf8', null]
    ]);
    expect(summary.counts).toEqual({
      leftRows: 4,
      rightRows: 4,
      added: 1,
      removed: 1,
      changed: 1,
      unchanged: 2,
      changedCells: 2,
      duplicateKeys: { left: 0, right: 0 }
    });
    expect(summary.changes).toEqual([
      {
        status: 'changed',
        key: { id: '3' },
        leftRow: 2,
        rightRow: 0,
        cells: [
          { column: 'name', old: 'Cy', new: 'Cyd\u001b[2J' },
          { column: 'score', old: '3.5', new: null }
        ]
      },
      // A removed row shows after its old neighbour (id 1), in the newer table's order.
      { status: 'removed', key: { id: '2' }, leftRow: 1, rightRow: null, cells: [] },
      { status: 'added', key: { id: '5' }, leftRow: null, rightRow: 3, cells: [] }
    ]);
    expect(summary.more).toBe(0);
  });

  it('lists only --rows rows and says how many more differ', () => {
    const diff = diffTables(older(), newer(), { keyColumns: ['id'] });
    const summary = summarizeTableDiff(diff, 'given', 1);
    expect(summary.changes.map(c => c.key)).toEqual([{ id: '3' }]);
    expect(summary.more).toBe(2);
    expect(summarizeTableDiff(diff, 'given', 0).changes).toEqual([]);
  });
});

describe('tableDiffText', () => {
  it('writes the header, the match, the columns, the counts and the changed cells, terminal-safe', () => {
    const summary = summarizeTableDiff(diffTables(older(), newer(), { keyColumns: ['id'] }), 'given', 20);
    expect(tableDiffText(summary, names)).toBe(
      [
        '--- s3://b/t.parquet (version 1)',
        '+++ s3://b/t.parquet (version 2)',
        'Rows matched by key: id (--key).',
        'Columns: 1 added, 1 removed, 0 type changed (3 in both).',
        '  + city: Utf8',
        '  - note: Utf8',
        'Rows (4 → 4): 1 added, 1 removed, 1 changed, 2 unchanged.',
        '',
        '~ id=3',
        '    name: Cy → Cyd\\x1b[2J',
        '    score: 3.5 → null',
        '- id=2',
        '+ id=5',
        ''
      ].join('\n')
    );
  });

  it('says when rows were matched by position, a suggested key, truncation and type changes', () => {
    const left = new Table({ n: column([1n, 2n, 3n], new Int64()), s: column(['x', 'y', 'z'], new Utf8()) });
    const right = new Table({ n: column([1.0, 2.0, 4.0], new Float64()), s: column(['x', '', 'z'], new Utf8()) });
    const text = tableDiffText(summarizeTableDiff(diffTables(left, right), 'suggested', 1), names);
    expect(text).toContain('Rows matched by position (no --key, and no id column unique in both tables)');
    expect(text).toContain('Columns: 0 added, 0 removed, 1 type changed (2 in both).\n  ~ n: Int64 → Float64\n');
    expect(text).toContain(
      'Rows (3 → 3): 0 added, 0 removed, 2 changed, 1 unchanged.\n\n~ row 2\n    s: y → ""\n… and 1 more row (--rows N lists more).\n'
    );
    const suggested = tableDiffText(summarizeTableDiff(diffTables(older(), newer(), { keyColumns: ['id'] }), 'suggested', 0), names);
    expect(suggested).toContain('Rows matched by key: id (an id column unique in both tables; --key picks others).');
    expect(suggested).toContain('\n\n3 rows differ (--rows N lists them).\n');
    expect(suggested).not.toContain('~ id=3');
    const ids = (n: number) =>
      new Table({
        n: column(
          Array.from({ length: n }, (_v, i) => BigInt(i)),
          new Int64()
        )
      });
    expect(tableDiffText(summarizeTableDiff(diffTables(ids(1500), ids(3000)), 'suggested', 0), names)).toContain(
      'Rows (1,500 → 3,000): 1,500 added, 0 removed, 0 changed, 1,500 unchanged.\n\n1,500 rows differ'
    );
  });

  it('names composite keys and duplicate keys, and says when the tables are identical', () => {
    const left = new Table({
      k: column(['a', 'b', 'b'], new Utf8()),
      y: column([1n, 2n, 2n], new Int64()),
      v: column([1n, 2n, 3n], new Int64())
    });
    const right = new Table({
      k: column(['a', 'b', 'b'], new Utf8()),
      y: column([1n, 2n, 2n], new Int64()),
      v: column([1n, 2n, 30n], new Int64())
    });
    const text = tableDiffText(summarizeTableDiff(diffTables(left, right, { keyColumns: ['k', 'y'] }), 'given', 20), names);
    expect(text).toContain('Rows matched by key: k, y (--key).');
    expect(text).toContain(
      'Duplicate keys: 1 key value repeated in the older table, 1 in the newer; their rows were paired in order of occurrence.'
    );
    expect(text).toContain('~ k=b, y=2\n    v: 3 → 30\n');
    const same = tableDiffText(summarizeTableDiff(diffTables(older(), older(), { keyColumns: ['id'] }), 'given', 20), names);
    expect(same).toContain('Columns: the same 4 columns.\nRows (4 → 4): 0 added, 0 removed, 0 changed, 4 unchanged.\n');
    expect(same).toContain('The tables are identical: only their bytes differ');
  });
});

describe('changedParts', () => {
  it('shows where two long values differ, not the same cut prefix on both sides', () => {
    const [before, after] = changedParts(`${'x'.repeat(5000)}a`, `${'x'.repeat(5000)}b`);
    expect(before).toBe(`…${'x'.repeat(40)}a`);
    expect(after).toBe(`…${'x'.repeat(40)}b`);
    expect(changedParts('short', 'shirt')).toEqual(['short', 'shirt']);
    expect(changedParts(null, 'x'.repeat(500))).toEqual([null, 'x'.repeat(500)]);
    // A longer value: its rest is kept (valueText cuts it), after the same lead.
    expect(changedParts('y'.repeat(300), `${'y'.repeat(300)}z`)[1]).toBe(`…${'y'.repeat(40)}z`);
  });

  it('prints a cell whose values differ past the cut so that the difference shows', () => {
    const table = (s: string) => new Table({ id: column([1n], new Int64()), s: column([s], new Utf8()) });
    const diff = diffTables(table(`${'x'.repeat(4999)}a`), table(`${'x'.repeat(4999)}b`), { keyColumns: ['id'] });
    expect(tableDiffText(summarizeTableDiff(diff, 'given', 20), names)).toContain(`    s: …${'x'.repeat(40)}a → …${'x'.repeat(40)}b\n`);
  });
});

describe('columnText', () => {
  it('quotes column names that would read as something else in a diff line', () => {
    expect(columnText('score')).toBe('score');
    expect(columnText('my id')).toBe('my id');
    expect(columnText('a,b')).toBe('"a,b"');
    expect(columnText('')).toBe('""');
    expect(columnText(' x')).toBe('" x"');
    expect(columnText('k=v')).toBe('"k=v"');
  });

  it('prints a key column named "a,b" and an empty column name unambiguously', () => {
    const table = (v: number) => new Table({ 'a,b': column([1n, 2n], new Int64()), '': column([v, 0], new Float64()) });
    const text = tableDiffText(summarizeTableDiff(diffTables(table(1), table(2), { keyColumns: ['a,b'] }), 'given', 20), names);
    expect(text).toContain('Rows matched by key: "a,b" (--key).');
    expect(text).toContain('\n~ "a,b"=1\n    "": 1.0 → 2.0\n');
  });
});

describe('tableDiffText of a wide table', () => {
  it('lists the first 30 changed columns and counts the others, so the rows stay in sight', () => {
    const wide = (type: Int64 | Float64, v: number) =>
      new Table(
        Object.fromEntries([
          ['id', column([1n], new Int64())],
          ...Array.from({ length: 40 }, (_, i) => [`c${i}`, column([type instanceof Int64 ? BigInt(v) : v], type)])
        ])
      );
    const diff = diffTables(wide(new Int64(), 1), wide(new Float64(), 2), { keyColumns: ['id'] });
    const lines = tableDiffText(summarizeTableDiff(diff, 'given', 20), names).split('\n');
    expect(lines[3]).toBe('Columns: 0 added, 0 removed, 40 type changed (41 in both).');
    expect(lines[4]).toBe('  ~ c0: Int64 → Float64');
    expect(lines[33]).toBe('  ~ c29: Int64 → Float64');
    expect(lines[34]).toBe('  … and 10 more columns (--json lists them all).');
    expect(lines[35]).toBe('Rows (1 → 1): 0 added, 0 removed, 1 changed, 0 unchanged.');
  });
});

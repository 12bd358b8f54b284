/**
 * `helium diff` of tables: versions of Parquet, Feather and CSV objects written by pandas
 * (src/testing/python/cli_table_diff_fixture.py), compared row by row. dist/helium.cjs run as a
 * child process against the local S3 server (jest's global setup).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { S3Client } from '@aws-sdk/client-s3';
import { promises as fs } from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { putObject } from '../service/objects';
import { cliSuite } from '../testing/cli-suite';
import { runPythonJson } from '../testing/python-interop';

jest.setTimeout(120_000);

const suite = cliSuite('cli-difftab');
const { helium } = suite;
let s3: S3Client, bucket: string;

/** What the fixture script wrote and changed. */
interface Fixture {
  paths: Record<string, string>;
  changed: { id: string; column: string; old: string; new: string };
  added: string;
  removed: string;
  addedColumn: string;
  columns: string[];
}
let fixture: Fixture;

/**
 * Upload fixture files as successive versions of one key.
 * @param key - the key.
 * @param files - fixture file names, oldest first.
 * @returns the version ids.
 */
async function putVersions(key: string, ...files: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    const body = new Uint8Array(await fs.readFile(fixture.paths[file]));
    ids.push((await putObject(s3, { bucket, key, body })).versionId as string);
  }
  return ids;
}

beforeAll(async () => {
  ({ s3, bucket } = suite);
  fixture = await runPythonJson<Fixture>('cli_table_diff_fixture.py', [path.join(suite.tmp, 'fixture')]);
});

describe('helium diff of tables', () => {
  it('compares the last two Parquet versions by their id column: a changed cell, an added and a removed row, an added column', async () => {
    const [first] = await putVersions('t/people.parquet', 'v1.parquet', 'v2.parquet');
    const result = await helium('diff', `s3://${bucket}/t/people.parquet`);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^--- s3://${bucket}/t/people.parquet \\(version ${first}, `));
    expect(lines[1]).toMatch(new RegExp(`^\\+\\+\\+ s3://${bucket}/t/people.parquet \\(version `));
    expect(lines[2]).toBe('Rows matched by key: id (an id column unique in both tables; --key picks others).');
    expect(lines[3]).toBe('Columns: 1 added, 0 removed, 0 type changed (4 in both).');
    expect(lines[4]).toBe(`  + ${fixture.addedColumn}: Int64`);
    expect(lines[5]).toBe('Rows (5 → 5): 1 added, 1 removed, 1 changed, 3 unchanged.');
    const { changed } = fixture;
    expect(result.stdout).toContain(`\n~ id=${changed.id}\n    ${changed.column}: ${changed.old} → ${changed.new}\n`);
    expect(result.stdout).toContain(`\n- id=${fixture.removed}\n`);
    expect(result.stdout).toContain(`\n+ id=${fixture.added}\n`);
    expect(result.stdout).not.toContain('Binary content differs');
  });

  it('gives the same diff as JSON: sides, match, columns, counts and the changed cells', async () => {
    const [first, second] = await putVersions('t/json.parquet', 'v1.parquet', 'v2.parquet');
    const result = await helium('diff', `s3://${bucket}/t/json.parquet`, '--json', '--rows', '2');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({
      left: { uri: `s3://${bucket}/t/json.parquet`, versionId: first },
      right: { versionId: second },
      identical: false,
      kind: 'table',
      patch: null,
      match: { by: 'key', columns: ['id'], chosen: 'suggested' },
      counts: { leftRows: 5, rightRows: 5, added: 1, removed: 1, changed: 1, unchanged: 3, changedCells: 1 },
      more: 1
    });
    expect(doc.columns.find((c: { name: string }) => c.name === fixture.addedColumn)).toMatchObject({
      status: 'added',
      leftType: null,
      rightType: 'Int64'
    });
    const { changed } = fixture;
    // In the newer table's order: removed id 2 after id 1, where it was, then id 3.
    expect(doc.changes).toHaveLength(2);
    expect(doc.changes[0]).toEqual({ status: 'removed', key: { id: fixture.removed }, leftRow: 1, rightRow: null, cells: [] });
    expect(doc.changes[1]).toEqual({
      status: 'changed',
      key: { id: changed.id },
      leftRow: 2,
      rightRow: 1,
      cells: [{ column: changed.column, old: changed.old, new: changed.new }]
    });
  });

  it('matches rows on --key columns (composite too), and names the columns when a side lacks one', async () => {
    await putVersions('t/keyed.parquet', 'v1.parquet', 'v2.parquet');
    const composite = await helium('diff', `s3://${bucket}/t/keyed.parquet`, '--key', 'city', '--key', 'name', '--rows', '0');
    expect(composite.code).toBe(0);
    expect(composite.stdout).toContain('Rows matched by key: city, name (--key).');
    expect(composite.stdout).toContain(
      'Rows (5 → 5): 1 added, 1 removed, 1 changed, 3 unchanged.\n\n3 rows differ (--rows N lists them).\n'
    );

    const missing = await helium('diff', `s3://${bucket}/t/keyed.parquet`, '--key', 'id,population');
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain(
      `The key column "population" is not in the left (older) table (its columns: ${fixture.columns.join(', ')})`
    );
  });

  it('matches rows on the pandas index the tables were written with (a RangeIndex on one side), when no --key is given', async () => {
    await putVersions('t/indexed.parquet', 'v1-index.parquet', 'v2-index.parquet');
    const result = await helium('diff', `s3://${bucket}/t/indexed.parquet`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Rows matched by key: rid (the pandas index both tables were written with; --key picks others).');
    const { changed } = fixture;
    expect(result.stdout).toContain(`\n~ rid=${changed.id}\n    ${changed.column}: ${changed.old} → ${changed.new}\n`);
    expect(result.stdout).toContain(`\n- rid=${fixture.removed}\n`);
    const json = await helium('diff', `s3://${bucket}/t/indexed.parquet`, '--json');
    expect(JSON.parse(json.stdout).match).toEqual({ by: 'key', columns: ['rid'], chosen: 'pandas-index' });
  });

  it('takes a --key value naming a column exactly as that column ("a,b", " x"), else splits it on commas', async () => {
    await putVersions('t/comma.parquet', 'v1-comma.parquet', 'v2-comma.parquet');
    const uri = `s3://${bucket}/t/comma.parquet`;
    const literal = await helium('diff', uri, '--key', 'a,b', '--json');
    expect(literal.code).toBe(0);
    expect(JSON.parse(literal.stdout).match.columns).toEqual(['a,b']);
    expect(JSON.parse(literal.stdout).changes[0].key).toEqual({ 'a,b': '2' });
    const split = await helium('diff', uri, '--key', 'a', '--key', 'b', '--json');
    expect(JSON.parse(split.stdout).match.columns).toEqual(['a', 'b']);
    expect(JSON.parse(split.stdout).changes[0].key).toEqual({ a: '1', b: '2' });
    const spaced = await helium('diff', uri, '--key', ' x,a');
    expect(spaced.code).toBe(2);
    expect(spaced.stderr).toContain('The key column "x" is not in the left (older) table');
    const leading = await helium('diff', uri, '--key', ' x');
    expect(leading.stdout).toContain('Rows matched by key: " x" (--key).');
  });

  it('says why a side is no table without the API hint, and refuses gzip-compressed CSV (Content-Encoding: gzip)', async () => {
    const parquet = new Uint8Array(await fs.readFile(fixture.paths['v1.parquet']));
    await putObject(s3, { bucket, key: 't/cut.parquet', body: parquet });
    await putObject(s3, { bucket, key: 't/cut.parquet', body: parquet.subarray(0, parquet.length - 20) });
    const cut = await helium('diff', `s3://${bucket}/t/cut.parquet`);
    expect(cut.code).toBe(0);
    expect(cut.stdout).toContain('No table diff: t/cut.parquet could not be read as Parquet: ');
    expect(cut.stdout).not.toContain("format: 'bytes'");
    const csv = await fs.readFile(fixture.paths['v1.csv']);
    await putObject(s3, { bucket, key: 't/zipped.csv', body: new Uint8Array(zlib.gzipSync(csv)) });
    await putObject(s3, {
      bucket,
      key: 't/zipped.csv',
      body: new Uint8Array(zlib.gzipSync(Buffer.concat([csv, Buffer.from('7,Gus,7.5,Rio\n')])))
    });
    const zipped = await helium('diff', `s3://${bucket}/t/zipped.csv`, '--table');
    expect(zipped.code).toBe(1);
    expect(zipped.stderr).toContain('t/zipped.csv is gzip-compressed');
  });

  it('gives CSV a line diff by default and a table diff with --table; Feather a table diff by default', async () => {
    await putVersions('t/people.csv', 'v1.csv', 'v2.csv');
    const lines = await helium('diff', `s3://${bucket}/t/people.csv`);
    expect(lines.stdout).toContain('\n-3,Cy,3.5,Lima\n');
    const { changed } = fixture;
    const table = await helium('diff', `s3://${bucket}/t/people.csv`, '--table');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Rows matched by key: id');
    expect(table.stdout).toContain(`\n~ id=${changed.id}\n    ${changed.column}: ${changed.old} → ${changed.new}\n`);
    expect(table.stdout).not.toContain('@@');

    await putVersions('t/people.feather', 'v1.feather', 'v2.feather');
    const feather = await helium('diff', `s3://${bucket}/t/people.feather`);
    expect(feather.stdout).toContain('Rows (5 → 5): 1 added, 1 removed, 1 changed, 3 unchanged.');

    await putObject(s3, { bucket, key: 't/notes.txt', body: 'id\n1\n' });
    await putObject(s3, { bucket, key: 't/notes.txt', body: 'id\n2\n' });
    const notTable = await helium('diff', `s3://${bucket}/t/notes.txt`, '--table');
    expect(notTable.code).toBe(2);
    expect(notTable.stderr).toContain(`--table and --key compare tables, and s3://${bucket}/t/notes.txt is not one`);
  });

  it('says when tables are identical: the same ETag, or other bytes holding the same table', async () => {
    await putVersions('t/same.parquet', 'v1.parquet', 'v1.parquet');
    const sameEtag = await helium('diff', `s3://${bucket}/t/same.parquet`);
    expect(sameEtag.code).toBe(0);
    expect(sameEtag.stdout).toContain('Identical (same ETag and size).');

    await putVersions('t/recoded.parquet', 'v1.parquet', 'v1-gzip.parquet');
    const recoded = await helium('diff', `s3://${bucket}/t/recoded.parquet`);
    expect(recoded.code).toBe(0);
    expect(recoded.stdout).toContain('Rows (5 → 5): 0 added, 0 removed, 0 changed, 5 unchanged.');
    expect(recoded.stdout).toContain('The tables are identical: only their bytes differ');
    const json = JSON.parse((await helium('diff', `s3://${bucket}/t/recoded.parquet`, '--json')).stdout);
    expect(json).toMatchObject({ identical: true, kind: 'table', changes: [], more: 0 });
  });

  it('documents the options and the --json shape in its help, and refuses a bad --rows or an empty --key', async () => {
    const help = await helium('diff', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--key <columns>');
    expect(help.stdout).toContain(
      '"match": {"by": "key", "columns": [..], "chosen": "given"|"pandas-index"|"suggested"} | {"by": "position"}'
    );
    expect(help.stdout).toContain('up to 64 MiB a side');
    const rows = await helium('diff', `s3://${bucket}/t/any.parquet`, '--rows', '-1');
    expect(rows.code).toBe(2);
    expect(rows.stderr).toContain('--rows must be a whole number of rows, 0 or more (got "-1")');
    const key = await helium('diff', `s3://${bucket}/t/any.parquet`, '--key', 'id,');
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('--key takes column names');
  });

  it('diffs Parquet tables over the 8 MiB line-diff limit (written by pyarrow, read whole)', async () => {
    const key = 't/big.parquet';
    const older = await runPythonJson<{ size: number }>('parquet_pages_fixture.py', [bucket, key, '1100', '100', '8000']);
    await runPythonJson('parquet_pages_fixture.py', [bucket, key, '1101', '100', '8000']);
    expect(older.size).toBeGreaterThan(8 * 1024 * 1024);
    const result = await helium('diff', `s3://${bucket}/${key}`, '--json');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ kind: 'table', counts: { added: 1, removed: 0, changed: 0, unchanged: 1100 } });
    expect(doc.changes).toEqual([{ status: 'added', key: { id: '1100' }, leftRow: null, rightRow: 1100, cells: [] }]);
  });
});

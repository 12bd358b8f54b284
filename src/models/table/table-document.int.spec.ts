/**
 * The table viewer's sources against the real local S3 (moto): an `s3:` document is read by
 * ranges pinned to the version its HEAD saw (an overwrite while it is open changes nothing), an
 * `s3-version:` document reads its version, and the paged grid of a pyarrow file with several
 * row groups reads only the footer and the row groups asked for.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { runPythonJson } from '../../testing/python-interop';
import { createTestBucket, testClient } from '../../testing/s3';
import { versionDrivePath } from '../../drive/version-paths';
import type { IHeliumConnections } from '../../tokens';
import { putObject } from '../../service/objects-write';
import { loadTable } from '../../service/diff/table-load';
import { openPagedGrid, openTableSource, readTablePreview, s3DocumentOf, wholeLinesLength } from './table-document';

// jest cannot compile the worker's `import.meta` (see CONTRIBUTING, "Table worker"); no Arrow file here.
jest.mock('./table-worker-start', () => ({ startTableWorker: () => undefined }));
// The worker's loader, in-process (table-load-client.spec.ts tests the worker).
jest.mock('./table-load-client', () => ({ loadTableOffThread: (bytes: Uint8Array, key: string) => loadTable(bytes, key) }));
jest.setTimeout(120_000);

interface Fixture {
  size: number;
  version_id: string;
  last_label: string;
}

let s3: S3Client;
let bucket: string;
let deps: { connections: IHeliumConnections; contents: { get: jest.Mock } };

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'table-document');
  deps = {
    connections: {
      client: async (name: string) => (name === 'local' ? s3 : Promise.reject(new Error(name)))
    } as unknown as IHeliumConnections,
    contents: { get: jest.fn() }
  };
});

const texts = { loading: '…', failed: '(not read)' };

test('document paths name S3 objects and versions; other drives are not S3', () => {
  expect(s3DocumentOf('s3:local/b/a/t.parquet')).toEqual({ connection: 'local', ref: { bucket: 'b', key: 'a/t.parquet' } });
  const version = versionDrivePath({ connection: 'local', bucket: 'b', key: 'a/t.parquet', versionId: 'v/1+' });
  expect(s3DocumentOf(`s3-version:${version}`)).toEqual({
    connection: 'local',
    ref: { bucket: 'b', key: 'a/t.parquet', versionId: 'v/1+' }
  });
  expect(s3DocumentOf('work/t.parquet')).toBeNull();
  expect(s3DocumentOf('s3:local/b')).toBeNull();
});

test('an s3: document is paged by ranges, pinned to the version first seen', async () => {
  const key = 'pages/table.parquet';
  const old = await runPythonJson<Fixture>('parquet_pages_fixture.py', [bucket, key, '4000', '1000', '2000']);
  const counter = { reads: 0, bytes: 0 };
  const source = await openTableSource(`s3:local/${bucket}/${key}`, deps, { counter });
  expect(source.ranged).toBe(true);
  expect(source.size).toBe(old.size);
  expect(source.where).toContain(old.version_id);
  const model = await openPagedGrid(source, texts);
  expect(model.rowCount('body')).toBe(4000);
  // Overwritten while open: the viewer keeps reading the version it opened.
  await runPythonJson<Fixture>('parquet_pages_fixture.py', [bucket, key, '100', '100', '8']);
  await model.ensureRows(3999, 3999);
  expect(model.data('body', 3999, 1)).toBe(old.last_label);
  expect(model.heldGroups).toEqual([3]);
  // The footer (a 512 KiB tail) and one row group of four (2 MB): far less than the 8 MB file.
  expect(counter.reads).toBe(2);
  expect(counter.bytes).toBeLessThan(old.size / 2);
  expect(deps.contents.get).not.toHaveBeenCalled();
});

test('an s3-version: document reads that version', async () => {
  const key = 'pages/versions.parquet';
  const first = await runPythonJson<Fixture>('parquet_pages_fixture.py', [bucket, key, '300', '100', '8']);
  await runPythonJson<Fixture>('parquet_pages_fixture.py', [bucket, key, '50', '50', '8']);
  const path = `s3-version:${versionDrivePath({ connection: 'local', bucket, key, versionId: first.version_id })}`;
  const model = await openPagedGrid(await openTableSource(path, deps), texts);
  expect(model.rowCount('body')).toBe(300);
  await model.ensureRows(299, 299);
  expect(model.data('body', 299, 1)).toBe(first.last_label);
});

test('the preview of a long CSV reads its start in one ranged GET, cut at a line, without the last row', async () => {
  const key = 'pages/long.csv';
  // Quoted values with line breaks and commas, and non-ASCII text: the cut must not split them.
  const lines = ['id,text'];
  for (let i = 0; lines.join('\n').length < 300_000; i++) {
    lines.push(i % 7 === 0 ? `${i},"line ${i}\nnext, é"` : `${i},plain ${i} é`);
  }
  const body = lines.join('\n') + '\n';
  await putObject(s3, { bucket, key, body });
  const counter = { reads: 0, bytes: 0 };
  const source = await openTableSource(`s3:local/${bucket}/${key}`, deps, { counter });
  const preview = await readTablePreview(source, key, 100_000);
  expect(preview.truncated).toBe(true);
  expect(preview.bytesRead).toBe(100_000);
  expect(counter).toEqual({ reads: 1, bytes: 100_000 });
  const rows = preview.table.numRows;
  expect(rows).toBeGreaterThan(1000);
  // Every row shown is a whole row of the file, in order.
  const ids = preview.table.getChild('id')!.toArray();
  expect(Array.from(ids, Number)).toEqual(Array.from({ length: rows }, (_, i) => i));
  const texts = preview.table.getChild('text')!;
  expect(texts.get(7)).toBe('line 7\nnext, é');
  expect(texts.get(rows - 1)).toMatch(new RegExp(`^(plain|line) ${rows - 1}`));
  // A CSV shorter than the preview is read whole, every row kept.
  const whole = await readTablePreview(source, key, source.size + 10);
  expect(whole.truncated).toBe(false);
  expect(whole.table.numRows).toBe(lines.length - 1);
});

test('a cut keeps whole lines only', () => {
  expect(wholeLinesLength(new TextEncoder().encode('a,b\n1,2\n3,'))).toBe(8);
  expect(wholeLinesLength(new TextEncoder().encode('no line break'))).toBe(0);
});

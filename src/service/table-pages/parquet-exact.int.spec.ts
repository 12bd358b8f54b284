/**
 * The table viewer's values on a real local S3: two versions of one Parquet key (written by
 * pyarrow, src/testing/python/parquet_exact_fixture.py) that differ only below a millisecond or
 * past a double's 16 digits must show different text, and every value as pandas prints it:
 * nanoseconds kept, decimals with all their digits and their scale, bytes as bytes, times of day.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { S3Client } from '@aws-sdk/client-s3';
import { runPythonJson } from '../../testing/python-interop';
import { createTestBucket, testClient } from '../../testing/s3';
import { putObject } from '../objects';
import { openParquetPages } from './parquet-pages';
import { hintsFor, parquetValueText } from './parquet-values';
import { rangedObject } from './ranged-object';

let s3: S3Client;
let bucket: string;
let dir: string;
let files: { v1: string; v2: string; legacy: string };

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'exactpages');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helium-exact-'));
  files = await runPythonJson('parquet_exact_fixture.py', [dir]);
}, 60_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Put a file as a new version of a key and read its first row group's cells as the viewer shows them. */
async function shownVersion(key: string, file: string): Promise<Record<string, (string | null)[]> & { types: string[] }> {
  const body = new Uint8Array(fs.readFileSync(file));
  const { versionId } = await putObject(s3, { bucket, key, body });
  const pages = await openParquetPages(rangedObject(s3, { bucket, key, versionId }, body.length), key);
  const columns = await pages.readGroup(0);
  return {
    ...Object.fromEntries(
      pages.fields.map((field, c) => [field.name, Array.from(columns[c], value => parquetValueText(value, hintsFor(field.typeName)))])
    ),
    types: pages.fields.map(field => field.typeName)
  };
}

it('shows two versions that differ below a millisecond and past 16 digits as different, exactly', async () => {
  const v1 = await shownVersion('exact/prices.parquet', files.v1);
  const v2 = await shownVersion('exact/prices.parquet', files.v2);
  // pandas: Timestamp('2024-01-01 01:00:00.000000001+0100', tz='Europe/Paris'), shown in UTC.
  expect(v1.ts).toEqual(['2024-01-01 00:00:00.000000001Z', null]);
  expect(v2.ts).toEqual(['2024-01-01 00:00:00.000000002Z', null]);
  expect(v1.money).toEqual(['123456789012345678901234567890123.45', null]);
  expect(v2.money).toEqual(['123456789012345678901234567890123.46', null]);
  expect(v1.price).toEqual(['1.10', '-0.05']);
  expect(v1.blob).toEqual(['00ff', null]);
  expect(v1.at).toEqual(['01:02:03.000004', null]);
  expect(v1.huge).toEqual([`-${'9'.repeat(49)}.5`, null]);
  // A list's int64s keep their digits: 2^53 + 5 and 2^53 + 6 are one double.
  expect(v1.ids).toEqual(['[9007199254740997,-1]', null]);
  expect(v2.ids).toEqual(['[9007199254740998,-1]', null]);
  expect(v1.types).toEqual([
    'timestamp[ns, tz=UTC]',
    'decimal128(38, 2)',
    'decimal128(10, 2)',
    'binary',
    'time64[us]',
    'decimal256(50, 1)',
    'list<element: int64>'
  ]);
});

it('keeps the nanoseconds of a pandas INT96 timestamp before 1970', async () => {
  const legacy = await shownVersion('exact/legacy.parquet', files.legacy);
  expect(legacy.t).toEqual(['1969-12-31 23:59:59.999999999']);
});

/**
 * Integration tests of putValue/getValue against the local S3 (moto), with pandas, pyarrow and
 * boto3 on the other side (src/testing/python/values_interop.py).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Table } from 'apache-arrow';
import { asStoredInParquet, dumpTable, TableDump } from '../../testing/arrow-dump';
import { SAMPLE, sampleTable } from '../../testing/arrow-tables';
import { runPythonJson } from '../../testing/python-interop';
import { createTestBucket, testClient } from '../../testing/s3';
import { headObject, putObject } from '../objects';
import { getValue, putValue } from './index';
import { failure } from '../../testing/failure';

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'values');
});

/** What values_interop.py prints for `read-table`. */
interface PandasDump {
  columns: string[];
  dtypes: Record<string, string>;
  values: Record<string, unknown[]>;
}
type ReadTable = Record<string, { arrow: TableDump; pandas: PandasDump }>;
type Heads = Record<string, { helium: string | null; content_type: string; version_id: string }>;

const py = <T>(...args: string[]) => runPythonJson<T>('values_interop.py', args);

/**
 * pandas' `Timestamp.isoformat()` of a raw timestamp: digits after the second only when not
 * zero (6 for microseconds, 9 when nanoseconds are set), and `±HH:MM` for tz-aware values.
 * @param raw - the value in its unit.
 * @param unit - its unit.
 * @param offsetMinutes - the UTC offset at that instant, or null for naive timestamps.
 */
function pandasIso(raw: bigint | null, unit: 's' | 'ms' | 'us' | 'ns', offsetMinutes: number | null): string | null {
  if (raw === null) {
    return null;
  }
  const perUnit = { s: 1_000_000_000n, ms: 1_000_000n, us: 1_000n, ns: 1n }[unit];
  const ns = raw * perUnit + BigInt(offsetMinutes ?? 0) * 60_000_000_000n;
  const seconds = ns >= 0n ? ns / 1_000_000_000n : -((-ns + 999_999_999n) / 1_000_000_000n);
  const frac = ns - seconds * 1_000_000_000n;
  let text = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  if (frac !== 0n) {
    text += frac % 1000n === 0n ? `.${String(frac / 1000n).padStart(6, '0')}` : `.${String(frac).padStart(9, '0')}`;
  }
  if (offsetMinutes !== null) {
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    text += `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  }
  return text;
}

describe('Parquet interop with pandas and pyarrow', () => {
  it('reads what pandas wrote (snappy, dictionary pages, row groups) as the same Arrow table, and writes it back for pandas unchanged', async () => {
    const written = await py<{ arrow: TableDump; rowGroups: number; compression: string; encodings: string[] }>(
      'pandas-write',
      bucket,
      'pandas/frame.parquet'
    );
    expect(written.rowGroups).toBe(3);
    expect(written.compression).toBe('SNAPPY');
    expect(written.encodings).toContain('RLE_DICTIONARY');

    const got = await getValue<Table>(s3, `s3://${bucket}/pandas/frame.parquet`);
    expect(got.format).toBe('parquet');
    expect(got.meta).toBeNull();
    const dump = dumpTable(got.value);
    // column by column first, for readable failures
    expect(dump.columns.map(c => `${c.name}: ${c.type}`)).toEqual(written.arrow.columns.map(c => `${c.name}: ${c.type}`));
    for (const [i, column] of written.arrow.columns.entries()) {
      expect({ name: column.name, values: dump.columns[i].values }).toEqual({ name: column.name, values: column.values });
    }
    expect(dump).toEqual(written.arrow);
    expect(dump.columns.find(c => c.name === 'ts_paris')!.type).toBe('timestamp[us, tz=Europe/Paris]');
    expect(dump.columns.find(c => c.name === 'category')!.type).toMatch(/^dictionary<values=(large_)?string, indices=int8/);

    // …and back: pandas reads our Parquet of that table as the frame it wrote
    const put = await putValue(s3, `s3://${bucket}/pandas/frame-again.parquet`, got.value);
    expect(put.format).toBe('parquet');
    const read = await py<ReadTable>('read-table', bucket, 'pandas/frame.parquet', 'pandas/frame-again.parquet');
    expect(read['pandas/frame-again.parquet'].pandas).toEqual(read['pandas/frame.parquet'].pandas);
    expect(read['pandas/frame-again.parquet'].arrow).toEqual(read['pandas/frame.parquet'].arrow);
    expect(read['pandas/frame.parquet'].pandas.dtypes).toMatchObject({
      nullable_int: 'Int64',
      nullable_bool: 'boolean',
      ts_paris: 'datetime64[us, Europe/Paris]',
      category: 'category'
    });
  });

  it('writes an Arrow table that pyarrow and pandas read back identically', async () => {
    const table = sampleTable();
    const put = await putValue(s3, `s3://${bucket}/tables/sample.parquet`, table, { meta: { rows: 7 } });
    expect(put).toMatchObject({ format: 'parquet', versionId: expect.any(String), etag: expect.any(String) });
    await putValue(s3, `s3://${bucket}/tables/sample.arrow`, table, { format: 'arrow' });
    const read = await py<ReadTable>('read-table', bucket, 'tables/sample.parquet', 'tables/sample.arrow');

    // pyarrow: the same types (units, timezones, dictionary) and values
    const expected = dumpTable(table);
    expect(read['tables/sample.parquet'].arrow).toEqual(asStoredInParquet(expected));
    expect(read['tables/sample.arrow'].arrow).toEqual(expected);

    // pandas: the DataFrame pandas makes of such a table
    const frame = read['tables/sample.parquet'].pandas;
    expect(frame.columns).toEqual(table.schema.fields.map(f => f.name));
    expect(frame.dtypes).toEqual({
      int64: 'int64',
      nullable_int: 'float64',
      int32: 'int32',
      float64: 'float64',
      string: 'str',
      bool: 'bool',
      nullable_bool: 'object',
      ts_ns_naive: 'datetime64[ns]',
      ts_us_utc: 'datetime64[us, UTC]',
      ts_ms_paris: 'datetime64[ms, Europe/Paris]',
      ts_s_ny: 'datetime64[ms, America/New_York]',
      category: 'category'
    });
    const nanToNull = (v: unknown) => (v === null ? 'NaN' : v);
    const float = (v: number | null) => (v === null || Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? v : v > 0 ? 'Infinity' : '-Infinity');
    // Offsets: Paris +1 in winter, +2 in summer (2024-03-31 01:00 UTC on); New York -5, -4 from 2024-03-10 07:00 UTC to 2024-11-03 06:00 UTC.
    const paris = [60, 120, null, 120, 60, 60, 60];
    const newYork = [-300, -240, -240, null, -300, -300, -300];
    expect(frame.values).toEqual({
      int64: SAMPLE.int64.map(String),
      nullable_int: SAMPLE.nullable_int.map(v => (v === null ? 'NaN' : Number(v))),
      int32: SAMPLE.int32.map(String),
      float64: SAMPLE.float64.map(float),
      string: SAMPLE.string.map(nanToNull),
      bool: SAMPLE.bool,
      nullable_bool: SAMPLE.nullable_bool,
      ts_ns_naive: SAMPLE.ts_ns_naive.map(v => pandasIso(v, 'ns', null)),
      ts_us_utc: SAMPLE.ts_us_utc.map(v => pandasIso(v, 'us', 0)),
      ts_ms_paris: SAMPLE.ts_ms_paris.map((v, i) => pandasIso(v, 'ms', paris[i])),
      ts_s_ny: SAMPLE.ts_s_ny.map((v, i) => pandasIso(v, 's', newYork[i])),
      category: SAMPLE.category.codes.map(c => (c === null ? 'NaN' : SAMPLE.category.categories[c]))
    });
    // the Arrow IPC file keeps the seconds unit, and has the same values
    expect(read['tables/sample.arrow'].pandas).toEqual({
      ...frame,
      dtypes: { ...frame.dtypes, ts_s_ny: 'datetime64[s, America/New_York]' }
    });

    // and we read both back
    const parquet = await getValue<Table>(s3, { bucket, key: 'tables/sample.parquet' });
    expect(parquet).toMatchObject({ format: 'parquet', meta: { rows: 7 } });
    expect(dumpTable(parquet.value)).toEqual(asStoredInParquet(expected));
    const ipc = await getValue<Table>(s3, `s3://${bucket}/tables/sample.arrow`);
    expect(ipc.format).toBe('arrow');
    expect(ipc.info.contentType).toBe('application/vnd.apache.arrow.file');
    expect(dumpTable(ipc.value)).toEqual(expected);
  });
});

describe('Arrow IPC (Feather) interop', () => {
  it('reads Feather files pandas wrote: LZ4 (its default), ZSTD and uncompressed', async () => {
    const files = await py<Record<string, TableDump>>(
      'feather-write',
      bucket,
      'feather/lz4.feather=lz4',
      'feather/zstd.feather=zstd',
      'feather/plain.arrow=uncompressed'
    );
    for (const [key, expected] of Object.entries(files)) {
      const got = await getValue<Table>(s3, `s3://${bucket}/${key}`);
      expect(got.format).toBe('arrow');
      expect({ key, dump: dumpTable(got.value) }).toEqual({ key, dump: expected });
    }
    expect(files['feather/lz4.feather'].numRows).toBe(1000);
  });
});

describe('JSON, text and bytes', () => {
  const json = { name: 'run 12', values: [1, 2.5, null, true, 'ü'], nested: { '🎉': { deep: [] } } };
  const text = 'plain ascii\nhéllo wörld — 日本語 🎉 𝄞 \u{1F600}\r\nend\u0000';
  const bytes = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256);
  const meta = { source: 'lab 3', tags: ['a', 'ü', '🎉'], n: 1.5, ok: true, none: null };

  it('round-trip with metadata in x-amz-meta-helium, exactly as boto3 sees it', async () => {
    const results = {
      json: await putValue(s3, `s3://${bucket}/plain/value.json`, json, { meta }),
      txt: await putValue(s3, `s3://${bucket}/plain/value.txt`, text, { meta }),
      bytes: await putValue(s3, `s3://${bucket}/plain/value.bin`, bytes, { meta }),
      blob: await putValue(s3, `s3://${bucket}/plain/blob`, new Blob([bytes.subarray(0, 5)])),
      nokey: await putValue(s3, `s3://${bucket}/plain/settings`, [1, 2], { contentType: 'application/x-custom' })
    };
    expect(results.json.format).toBe('json');
    expect(results.txt.format).toBe('txt');
    expect(results.bytes.format).toBe('bytes');
    expect(results.blob.format).toBe('bytes');
    expect(results.json.checksumSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);

    const heads = await py<Heads>('head', bucket, 'plain/value.json', 'plain/value.txt', 'plain/value.bin', 'plain/blob', 'plain/settings');
    const metaJson = '{"source":"lab 3","tags":["a","\\u00fc","\\ud83c\\udf89"],"n":1.5,"ok":true,"none":null}';
    expect(heads['plain/value.json'].helium).toBe(`{"target":"json","user_meta":${metaJson}}`);
    expect(heads['plain/value.txt'].helium).toBe(`{"target":"txt","user_meta":${metaJson}}`);
    expect(heads['plain/value.bin'].helium).toBe(`{"target":"bytes","user_meta":${metaJson}}`);
    expect(heads['plain/blob'].helium).toBe('{"target":"bytes","user_meta":{}}');
    expect(JSON.parse(heads['plain/value.json'].helium!)).toEqual({ target: 'json', user_meta: meta });
    expect(heads['plain/value.json'].content_type).toBe('application/json');
    expect(heads['plain/value.txt'].content_type).toBe('text/plain; charset=utf-8');
    expect(heads['plain/value.bin'].content_type).toBe('application/octet-stream');
    expect(heads['plain/settings'].content_type).toBe('application/x-custom');
    expect(heads['plain/value.json'].version_id).toBe(results.json.versionId);

    const gotJson = await getValue(s3, `s3://${bucket}/plain/value.json`);
    expect(gotJson).toMatchObject({ value: json, meta, format: 'json' });
    expect(gotJson.info.versionId).toBe(results.json.versionId);
    const gotText = await getValue(s3, `s3://${bucket}/plain/value.txt`);
    expect(gotText).toMatchObject({ meta, format: 'txt' });
    expect(gotText.value).toBe(text);
    const gotBytes = await getValue<Uint8Array>(s3, `s3://${bucket}/plain/value.bin`);
    expect(gotBytes).toMatchObject({ meta, format: 'bytes' });
    expect(Array.from(gotBytes.value)).toEqual(Array.from(bytes));
    expect(Array.from((await getValue<Uint8Array>(s3, `s3://${bucket}/plain/blob`)).value)).toEqual([0, 7, 14, 21, 28]);
    // the header's target wins over a missing extension and a custom content type
    expect(await getValue(s3, `s3://${bucket}/plain/settings`)).toMatchObject({ value: [1, 2], format: 'json', meta: {} });
  });

  it('refuses 3 KB of metadata before sending anything', async () => {
    const key = 'plain/too-much.json';
    const send = jest.spyOn(s3, 'send');
    try {
      const err = await failure(putValue(s3, `s3://${bucket}/${key}`, { a: 1 }, { meta: { notes: 'x'.repeat(3000) } }));
      expect(err.kind).toBe('InvalidInput');
      expect(err.code).toBe('MetadataTooLarge');
      expect(err.message).toMatch(/3,0\d\d bytes/);
      expect(err.message).toContain('2 KB');
      expect(send).not.toHaveBeenCalled();
    } finally {
      send.mockRestore();
    }
    expect((await failure(headObject(s3, { bucket, key }))).kind).toBe('NotFound');
  });

  it('reads an old version', async () => {
    const uri = `s3://${bucket}/versions/config.json`;
    const v1 = await putValue(s3, uri, { v: 1 }, { meta: { author: 'a' } });
    const v2 = await putValue(s3, uri, 'now text', { meta: { author: 'b' } });
    expect(v2.versionId).not.toBe(v1.versionId);
    const old = await getValue(s3, uri, { version: v1.versionId });
    expect(old).toMatchObject({ value: { v: 1 }, meta: { author: 'a' }, format: 'json' });
    expect(old.info.versionId).toBe(v1.versionId);
    expect(await getValue(s3, `${uri}?versionId=${encodeURIComponent(v1.versionId!)}`)).toMatchObject({ value: { v: 1 } });
    // the current one was written as text under a .json key: the header says so
    expect(await getValue(s3, uri)).toMatchObject({ value: 'now text', meta: { author: 'b' }, format: 'txt' });
    expect((await failure(getValue(s3, uri, { version: 'no-such-version' }))).kind).toBe('NotFound');
  });

  it('reads objects without a helium header by extension, content type, else as bytes', async () => {
    const raw = Uint8Array.from([0, 255, 1, 254]);
    await putObject(s3, { bucket, key: 'plain/blob.xyz', body: raw });
    const unknown = await getValue<Uint8Array>(s3, `s3://${bucket}/plain/blob.xyz`);
    expect(unknown.format).toBe('bytes');
    expect(unknown.meta).toBeNull();
    expect(Array.from(unknown.value)).toEqual([0, 255, 1, 254]);

    await putObject(s3, { bucket, key: 'plain/readme', body: 'héllo', contentType: 'text/markdown; charset=utf-8' });
    expect(await getValue(s3, `s3://${bucket}/plain/readme`)).toMatchObject({ value: 'héllo', format: 'txt', meta: null });
    await putObject(s3, { bucket, key: 'plain/data.json', body: '{"a": [1]}' });
    expect(await getValue(s3, `s3://${bucket}/plain/data.json`)).toMatchObject({ value: { a: [1] }, format: 'json' });
    // a foreign or broken header is ignored, T4's target names are understood
    await putObject(s3, { bucket, key: 'plain/odd.txt', body: 'x', userMetadata: { helium: 'not json' } });
    expect(await getValue(s3, `s3://${bucket}/plain/odd.txt`)).toMatchObject({ value: 'x', format: 'txt', meta: null });
    await putObject(s3, {
      bucket,
      key: 'plain/t4-frame',
      body: (await putAndRead()).bytes,
      userMetadata: { helium: '{"target": "pandas", "user_meta": {"from": "t4"}}' }
    });
    const t4 = await getValue<Table>(s3, `s3://${bucket}/plain/t4-frame`);
    expect(t4).toMatchObject({ format: 'parquet', meta: { from: 't4' } });
    expect(t4.value.numRows).toBe(7);
    // a format can be forced
    expect((await getValue(s3, `s3://${bucket}/plain/data.json`, { format: 'bytes' })).value).toBeInstanceOf(Uint8Array);
    const broken = await failure(getValue(s3, `s3://${bucket}/plain/blob.xyz`, { format: 'parquet' }));
    expect(broken.code).toBe('UnreadableContent');
    expect(broken.message).toContain(`s3://${bucket}/plain/blob.xyz`);
  });

  /** The Parquet bytes of the sample table, as written by putValue. */
  async function putAndRead(): Promise<{ bytes: Uint8Array }> {
    await putValue(s3, `s3://${bucket}/plain/sample.parquet`, sampleTable());
    const { value } = await getValue<Uint8Array>(s3, `s3://${bucket}/plain/sample.parquet`, { format: 'bytes' });
    return { bytes: value };
  }

  it('reads CSV into a table typed as pandas types it', async () => {
    const csv =
      'id,price,flag,label,missing,big\n' +
      '1,1.25,True,"Zürich, CH",,9223372036854775807\n' +
      '2,-3,False,"say ""hi""",NA,-9223372036854775808\n' +
      '3,1e3,True,🎉,,0\n';
    await putObject(s3, { bucket, key: 'csv/data.csv', body: csv, contentType: 'text/csv' });
    const got = await getValue<Table>(s3, `s3://${bucket}/csv/data.csv`);
    expect(got.format).toBe('csv');
    const dump = dumpTable(got.value);
    expect(dump.columns.map(c => [c.name, c.type])).toEqual([
      ['id', 'int64'],
      ['price', 'double'],
      ['flag', 'bool'],
      ['label', 'string'],
      ['missing', 'double'],
      ['big', 'int64']
    ]);
    expect(dump.columns.map(c => c.values)).toEqual([
      ['1', '2', '3'],
      [1.25, -3, 1000],
      [true, false, true],
      ['Zürich, CH', 'say "hi"', '🎉'],
      [null, null, null],
      ['9223372036854775807', '-9223372036854775808', '0']
    ]);
    // pandas infers the same types from the same file
    const read = await py<ReadTable>('read-table', bucket, 'csv/data.csv');
    expect(read['csv/data.csv'].pandas.dtypes).toEqual({
      id: 'int64',
      price: 'float64',
      flag: 'bool',
      label: 'str',
      missing: 'float64',
      big: 'int64'
    });
  });

  it('refuses values no format takes, and versions as write targets', async () => {
    expect((await failure(putValue(s3, `s3://${bucket}/x`, new Map()))).code).toBe('UnsupportedValue');
    expect((await failure(putValue(s3, `s3://${bucket}/x.csv`, sampleTable(), { format: 'csv' }))).code).toBe('UnsupportedValue');
    expect((await failure(putValue(s3, `s3://${bucket}/folder/`, { a: 1 }))).kind).toBe('InvalidInput');
    expect((await failure(putValue(s3, `s3://${bucket}/x.json?versionId=abc`, { a: 1 }))).kind).toBe('InvalidInput');
  });
});

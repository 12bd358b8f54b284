/**
 * Unit tests of the value formats (no S3): the registry, each codec, and CSV type inference.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { LosslessNumber } from 'lossless-json';
import { DateMillisecond, Table, tableFromArrays, TimeSecond, Type } from 'apache-arrow';
import { asStoredInParquet, dumpTable } from '../../testing/arrow-dump';
import { column, sampleTable, timestampVector } from '../../testing/arrow-tables';
import { HeliumError } from '../error-class';
import { asciiJson, encodeHeliumHeader, parseHeliumHeader } from '../values/header';
import {
  arrowIpcCodec,
  bytesCodec,
  csvCodec,
  findFormat,
  formatForContentType,
  formatForKey,
  formatForObject,
  formatForValue,
  getFormat,
  inferCsvColumnType,
  isArrowTable,
  jsonCodec,
  parquetCodec,
  parseCsv,
  csvDelimiter,
  textCodec
} from './index';
import { lz4FrameDecompress } from './ipc-compression';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The HeliumError a promise rejects with (or a function throws). */
async function failure(work: Promise<unknown> | (() => unknown)): Promise<HeliumError> {
  let err: unknown;
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(HeliumError);
  return err as HeliumError;
}

describe('registry', () => {
  it('finds formats by name and T4 alias', () => {
    expect(findFormat('JSON')?.name).toBe('json');
    expect(findFormat('pandas')?.name).toBe('parquet');
    expect(findFormat('unicode')?.name).toBe('txt');
    expect(findFormat('feather')?.name).toBe('arrow');
    expect(findFormat('numpy')).toBeUndefined();
    expect(findFormat(undefined)).toBeUndefined();
  });

  it('refuses an unknown format name with the known ones', async () => {
    const err = await failure(() => getFormat('xlsx'));
    expect(err.kind).toBe('InvalidInput');
    expect(err.message).toContain('json, txt, bytes, parquet, arrow, csv');
  });

  it('maps extensions, case-insensitively, on the last path segment', () => {
    expect(formatForKey('a/b/table.PARQUET')?.name).toBe('parquet');
    expect(formatForKey('x.feather')?.name).toBe('arrow');
    expect(formatForKey('x.arrow')?.name).toBe('arrow');
    expect(formatForKey('data.csv')?.name).toBe('csv');
    expect(formatForKey('notes.txt')?.name).toBe('txt');
    expect(formatForKey('cfg.json')?.name).toBe('json');
    expect(formatForKey('dir.json/noext')).toBeUndefined();
    expect(formatForKey('.hidden')).toBeUndefined();
    expect(formatForKey('file.xyz')).toBeUndefined();
  });

  it('maps content types, ignoring parameters', () => {
    expect(formatForContentType('text/csv; charset=utf-8')?.name).toBe('csv');
    expect(formatForContentType('application/geo+json')?.name).toBe('json');
    expect(formatForContentType('text/markdown')?.name).toBe('txt');
    expect(formatForContentType('application/vnd.apache.parquet')?.name).toBe('parquet');
    expect(formatForContentType('binary/octet-stream')?.name).toBe('bytes');
    expect(formatForContentType('image/png')).toBeUndefined();
    expect(formatForContentType(undefined)).toBeUndefined();
  });

  it('reads by target, then extension, then content type, then as bytes', () => {
    expect(formatForObject({ target: 'json', key: 'a.csv', contentType: 'text/plain' }).name).toBe('json');
    expect(formatForObject({ target: 'numpy', key: 'a.csv', contentType: 'text/plain' }).name).toBe('csv');
    expect(formatForObject({ key: 'a.parquet', contentType: 'text/plain' }).name).toBe('parquet');
    expect(formatForObject({ key: 'a', contentType: 'application/json' }).name).toBe('json');
    expect(formatForObject({ key: 'a.bin2', contentType: 'image/png' }).name).toBe('bytes');
  });

  it('chooses the write format from the value', async () => {
    expect(formatForValue({ a: 1 }).name).toBe('json');
    expect(formatForValue(Object.create(null)).name).toBe('json');
    expect(formatForValue([1, 2]).name).toBe('json');
    expect(formatForValue(3).name).toBe('json');
    expect(formatForValue(null).name).toBe('json');
    expect(formatForValue('text').name).toBe('txt');
    expect(formatForValue(new Uint8Array(2)).name).toBe('bytes');
    expect(formatForValue(new Float32Array(2)).name).toBe('bytes');
    expect(formatForValue(new ArrayBuffer(2)).name).toBe('bytes');
    expect(formatForValue(new Blob(['x'])).name).toBe('bytes');
    expect(formatForValue(tableFromArrays({ a: [1, 2] })).name).toBe('parquet');
    for (const bad of [undefined, new Map(), new Date(), () => 1, 10n, NaN]) {
      const err = await failure(() => formatForValue(bad));
      expect(err.code).toBe('UnsupportedValue');
    }
  });

  it('recognises Arrow tables by shape', () => {
    expect(isArrowTable(new Table())).toBe(true);
    expect(isArrowTable({ numRows: 1 })).toBe(false);
    expect(isArrowTable(null)).toBe(false);
  });
});

describe('x-amz-meta-helium', () => {
  it('is compact JSON with non-ASCII escaped as Python does', () => {
    expect(encodeHeliumHeader('json', { é: 'ü', e: '🎉', n: [1, null] })).toBe(
      '{"target":"json","user_meta":{"\\u00e9":"\\u00fc","e":"\\ud83c\\udf89","n":[1,null]}}'
    );
    expect(encodeHeliumHeader('txt', undefined)).toBe('{"target":"txt","user_meta":{}}');
    expect(asciiJson('"\u007f\u2028"')).toBe('"\\u007f\\u2028"');
    expect(parseHeliumHeader(encodeHeliumHeader('json', { e: '🎉' }))).toEqual({ target: 'json', user_meta: { e: '🎉' } });
  });

  it('ignores headers that are not JSON objects', () => {
    expect(parseHeliumHeader('not json')).toBeUndefined();
    expect(parseHeliumHeader('[1]')).toBeUndefined();
    expect(parseHeliumHeader(undefined)).toBeUndefined();
    expect(parseHeliumHeader('{"user_meta":{"a":1}}')).toEqual({ user_meta: { a: 1 } });
  });

  it('refuses metadata with no JSON form', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect((await failure(() => encodeHeliumHeader('json', cyclic))).code).toBe('InvalidMetadata');
  });

  it('writes number tokens whole: bigints and LosslessNumbers as their digits', () => {
    expect(encodeHeliumHeader('json', { n: 2n ** 70n, x: new LosslessNumber('1.0') })).toBe(
      '{"target":"json","user_meta":{"n":1180591620717411303424,"x":1.0}}'
    );
  });
});

describe('codecs', () => {
  it('JSON round-trips and reports bad JSON', async () => {
    const value = { a: [1, 'two', null, true], ü: { '🎉': 1.5 } };
    const bytes = await jsonCodec.encode!(value);
    expect(new TextDecoder().decode(bytes)).toBe(JSON.stringify(value));
    expect(await jsonCodec.decode(bytes)).toEqual(value);
    expect(await jsonCodec.decode(utf8('\ufeff[1]'))).toEqual([1]);
    const err = await failure(jsonCodec.decode(utf8('{oops'), { source: 's3://b/k.json' }));
    expect(err.code).toBe('UnreadableContent');
    expect(err.message).toContain('s3://b/k.json could not be read as JSON');
    expect((await failure(jsonCodec.encode!(undefined))).code).toBe('UnsupportedValue');
  });

  it('text keeps every character, astral ones and a BOM included', async () => {
    const text = '\ufeffhéllo 日本 🎉 𝄞\r\n\u0000end';
    const bytes = await textCodec.encode!(text);
    expect(bytes.length).toBe(new TextEncoder().encode(text).length);
    expect(await textCodec.decode(bytes)).toBe(text);
  });

  it('bytes are stored as they are, from views, buffers and blobs', async () => {
    const raw = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(await bytesCodec.encode!(raw)).toBe(raw);
    expect(Array.from(await bytesCodec.encode!(raw.subarray(10, 12)))).toEqual([10, 11]);
    expect(Array.from(await bytesCodec.encode!(raw.buffer))).toHaveLength(256);
    expect(Array.from(await bytesCodec.encode!(new Blob([raw.subarray(0, 3)])))).toEqual([0, 1, 2]);
    expect(await bytesCodec.decode(raw)).toBe(raw);
  });

  it('Parquet round-trips every sample type exactly', async () => {
    const table = sampleTable();
    const bytes = await parquetCodec.encode!(table);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x50, 0x41, 0x52, 0x31]);
    const back = (await parquetCodec.decode(bytes)) as Table;
    expect(dumpTable(back)).toEqual(asStoredInParquet(dumpTable(table)));
    expect(back.schema.metadata).toEqual(table.schema.metadata);
  });

  it('Parquet stores types it lacks as pyarrow does (seconds → milliseconds, date64 → date32)', async () => {
    const table = new Table({
      ts: timestampVector('s', 'Asia/Tokyo', [1n, null, -1n]),
      time: column([1, null, 86399], new TimeSecond()),
      date: column([new Date(86_400_000), null, new Date(-86_400_000)], new DateMillisecond())
    });
    const back = (await parquetCodec.decode(await parquetCodec.encode!(table))) as Table;
    expect(dumpTable(back).columns).toEqual([
      { name: 'ts', type: 'timestamp[ms, tz=Asia/Tokyo]', values: ['1000', null, '-1000'] },
      { name: 'time', type: 'Time32<MILLISECOND>', values: [1000, null, 86399000] },
      { name: 'date', type: 'date32[day]', values: ['1', null, '-1'] }
    ]);
  });

  it('Arrow IPC file round-trips every sample type exactly', async () => {
    const table = sampleTable();
    const bytes = await arrowIpcCodec.encode!(table);
    expect(new TextDecoder().decode(bytes.subarray(0, 6))).toBe('ARROW1');
    expect(dumpTable((await arrowIpcCodec.decode(bytes)) as Table)).toEqual(dumpTable(table));
  });

  it('refuses bytes that are not Parquet or Arrow', async () => {
    for (const codec of [parquetCodec, arrowIpcCodec]) {
      const err = await failure(codec.decode(utf8('just some text, not a table'), { source: 's3://b/k' }));
      expect(err.code).toBe('UnreadableContent');
    }
    const truncated = (await parquetCodec.encode!(sampleTable())).slice();
    truncated.fill(0, 8, 400);
    expect((await failure(parquetCodec.decode(truncated))).code).toBe('UnreadableContent');
    expect((await failure(parquetCodec.encode!({ not: 'a table' }))).code).toBe('UnsupportedValue');
  });
});

describe('LZ4 frames', () => {
  /** A frame around blocks: magic, FLG (version 1, flags), BD, header checksum, blocks, end mark. */
  function frame(flags: number, blocks: { data: number[]; stored?: boolean }[], extra: number[] = []): Uint8Array {
    const bytes = [0x04, 0x22, 0x4d, 0x18, 0x40 | flags, 0x40, ...extra, 0x00];
    for (const block of blocks) {
      const size = block.data.length | (block.stored ? 0x80000000 : 0);
      bytes.push(size & 0xff, (size >>> 8) & 0xff, (size >>> 16) & 0xff, (size >>> 24) & 0xff, ...block.data);
      if (flags & 0x10) {
        bytes.push(0, 0, 0, 0); // block checksum (not verified)
      }
    }
    bytes.push(0, 0, 0, 0);
    if (flags & 0x04) {
      bytes.push(0, 0, 0, 0); // content checksum
    }
    return Uint8Array.from(bytes);
  }
  const ascii = (text: string) => Array.from(utf8(text));
  const decoded = (bytes: Uint8Array) => new TextDecoder().decode(lz4FrameDecompress(bytes));

  it('decodes literals, overlapping matches, long lengths and stored blocks', () => {
    // "abc" + match(distance 3, length 9) + "x"
    const block1 = [0x35, ...ascii('abc'), 3, 0, 0x10, ...ascii('x')];
    expect(decoded(frame(0x20, [{ data: block1 }]))).toBe('abcabcabcabcx');
    // 20 literals (15 + 5), then a run of 'z' of 4 + 15 + 255 + 1 = 275 (distance 1), then "!"
    const block2 = [0xff, 5, ...ascii('0123456789abcdefghij'), 1, 0, 255, 1, 0x10, ...ascii('!')];
    const text = decoded(frame(0x20, [{ data: block2 }]));
    expect(text).toBe('0123456789abcdefghij' + 'j'.repeat(275) + '!');
    // linked blocks (a match reaching into the previous block), stored block, checksums, content size
    const linked = frame(
      0x10 | 0x08 | 0x04,
      [{ data: [0x40, ...ascii('wxyz')] }, { data: [0x04, 4, 0, 0x10, ...ascii('.')] }, { data: ascii('raw'), stored: true }],
      [0, 0, 0, 0, 0, 0, 0, 0]
    );
    expect(decoded(linked)).toBe('wxyzwxyzwxyz.raw');
  });

  it('refuses corrupt input', () => {
    expect(() => lz4FrameDecompress(utf8('not lz4 at all'))).toThrow('not an LZ4 frame');
    expect(() => lz4FrameDecompress(frame(0x20, [{ data: [0x10, ...ascii('a'), 9, 0, 0x10, 0x41] }]))).toThrow('before the start');
    expect(() => lz4FrameDecompress(frame(0x20, [{ data: [0xf0, ...ascii('ab')] }]).subarray(0, 14))).toThrow('truncated');
  });
});

describe('CSV', () => {
  it('infers column types as pandas does', () => {
    expect(inferCsvColumnType(['1', '-2', null, '+3'])).toBe('int64');
    expect(inferCsvColumnType(['9223372036854775808'])).toBe('uint64');
    expect(inferCsvColumnType(['-9223372036854775809'])).toBe('string');
    expect(inferCsvColumnType(['1', '2.5', '1e3', '.5', 'inf', '-Infinity'])).toBe('float64');
    expect(inferCsvColumnType(['True', 'false', null, 'TRUE'])).toBe('bool');
    expect(inferCsvColumnType(['True', 'yes'])).toBe('string');
    expect(inferCsvColumnType(['1', 'a'])).toBe('string');
    expect(inferCsvColumnType([null, null])).toBe('float64');
  });

  it('parses quotes, CRLF, a BOM, NA tokens and blank lines into typed columns', async () => {
    const text =
      '\ufeffid,price,ok,name,,id,empty\r\n' +
      '1,1.5,True,"a, ""quoted"" name",x,10,\r\n' +
      '\r\n' +
      '2,,false,"multi\nline",y,11,NA\r\n' +
      '-3,NaN,TRUE,héllo 🎉,,12,\r\n';
    const table = (await csvCodec.decode(utf8(text))) as Table;
    const types = Object.fromEntries(table.schema.fields.map(f => [f.name, f.type.typeId]));
    expect(types).toEqual({
      id: Type.Int,
      price: Type.Float,
      ok: Type.Bool,
      name: Type.Utf8,
      'Unnamed: 4': Type.Utf8,
      'id.1': Type.Int,
      empty: Type.Float
    });
    expect(table.getChild('id')!.toArray()).toEqual(BigInt64Array.from([1n, 2n, -3n]));
    expect([...table.getChild('price')!]).toEqual([1.5, null, null]);
    expect([...table.getChild('ok')!]).toEqual([true, false, true]);
    expect([...table.getChild('name')!]).toEqual(['a, "quoted" name', 'multi\nline', 'héllo 🎉']);
    expect([...table.getChild('Unnamed: 4')!]).toEqual(['x', 'y', null]);
    expect([...table.getChild('empty')!]).toEqual([null, null, null]);
  });

  it('refuses rows with more fields than the header', async () => {
    const err = await failure(parseCsv('a,b\n1,2\n3,4,5\n', { source: 's3://b/x.csv' }));
    expect(err.code).toBe('UnreadableContent');
    expect(err.message).toContain('expected 2 fields in line 3, saw 3');
  });

  it('ends short rows in nulls, as pandas does', async () => {
    // pandas.read_csv: a=[1, 4], b=[2, 5], c=[3.0, NaN] (here a nullable integer column).
    const table = await parseCsv('a,b,c\n1,2,3\n4,5\n');
    expect(table.numRows).toBe(2);
    expect([...table.getChild('b')!]).toEqual([2n, 5n]);
    expect([...table.getChild('c')!]).toEqual([3n, null]);
  });

  it('skips lines of only spaces, as pandas does, but keeps a row of empty fields', async () => {
    // pandas.read_csv: a=[1.0, NaN, 3.0], b=[2.0, NaN, 4.0]
    const table = await parseCsv('a,b\n1,2\n   \n,\n3,4\n');
    expect(table.getChild('a')!.type.toString()).toBe('Int64');
    expect([...table.getChild('a')!]).toEqual([1n, null, 3n]);
    expect([...table.getChild('b')!]).toEqual([2n, null, 4n]);
  });

  it("reads Excel's semicolon CSV as columns, and keeps commas for anything less regular", async () => {
    const table = await parseCsv('name;price\nbread;1,50\nmilk;0,99\n');
    expect(table.schema.fields.map(f => f.name)).toEqual(['name', 'price']);
    expect([...table.getChild('price')!]).toEqual(['1,50', '0,99']);
    expect(csvDelimiter('a,b;c\n1,2;3\n')).toBe(',');
    expect(csvDelimiter('note\nx;y\n')).toBe(',');
    expect(csvDelimiter('a;b\n1;2;3\n')).toBe(',');
    expect(csvDelimiter('a;b\n')).toBe(',');
    expect(csvDelimiter('a;b\r\n\r\n1;2\r\n')).toBe(';');
  });

  it('guesses the separator from records, not lines: quoted newlines and separators do not count', async () => {
    // pandas.to_csv(sep=';') of a cell with a newline: its second line is `c";2.5`.
    const text = 'id;name;v\n1;a;1.5\n2;"b\nc";2.5\n3;"x;""y""";3.5\n';
    expect(csvDelimiter(text)).toBe(';');
    const table = await parseCsv(text);
    expect(table.schema.fields.map(f => f.name)).toEqual(['id', 'name', 'v']);
    expect([...table.getChild('name')!]).toEqual(['a', 'b\nc', 'x;"y"']);
    expect(csvDelimiter('a;b\n"1,5";2\n')).toBe(';');
    expect(csvDelimiter('"a;b",c\n1,2\n')).toBe(',');
  });

  it('is read-only', () => {
    expect(csvCodec.encode).toBeUndefined();
  });
});

/**
 * Pins in a notebook's metadata (pure): reading, validation of hand-written and secret-looking
 * pins, and writing that keeps everything else as it was.
 */
import { parseLosslessJson } from '../snapshots/json-values';
import { stringify } from 'lossless-json';
import { makeFilePin, makePin, readNotebookPins, removePin, replacePins, setPin, validatePin, withFreeName } from './notebook-pins';
import { findSecret, secretLooking } from './secrets';
import { validateTagName } from './tag-keys';

const HASH = 'a'.repeat(64);
const HASH2 = 'b'.repeat(64);

const goodPin = (extra: Record<string, unknown> = {}) => ({
  name: 'hurdat',
  uri: 's3://bucket/data/hurdat/',
  package: 'team/hurdat',
  top_hash: HASH,
  pinned_at: '2026-12-06T20:00:00.000Z',
  follows: 'latest',
  ...extra
});

const notebook = (pins: unknown, metadata: Record<string, unknown> = {}) => ({
  cells: [{ cell_type: 'code', source: ['x = 1.0\n'], metadata: {}, outputs: [], execution_count: 3 }],
  metadata: { kernelspec: { name: 'python3' }, ...metadata, helium: { other: true, pins } },
  nbformat: 4,
  nbformat_minor: 5
});

describe('reading pins', () => {
  it('reads a valid pin with bucket and folder, and defaults name and follows', () => {
    const { pins, problems } = readNotebookPins(
      notebook([goodPin(), { ...goodPin({ name: undefined, follows: undefined }), package: 'team/other' }])
    );
    expect(problems).toEqual([]);
    expect(pins[0]).toMatchObject({ name: 'hurdat', bucket: 'bucket', folder: 'data/hurdat/', follows: 'latest', index: 0 });
    expect(pins[1]).toMatchObject({ name: 'team/other', follows: 'latest', index: 1 });
  });

  it('reads a tag it follows', () => {
    const { pins } = readNotebookPins(notebook([goodPin({ follows: { tag: 'q3-release' } })]));
    expect(pins[0].follows).toEqual({ tag: 'q3-release' });
  });

  it('gives no pins for a notebook without helium metadata', () => {
    expect(readNotebookPins({ cells: [], metadata: {} })).toEqual({ pins: [], problems: [] });
  });

  it('names the pin and the field of a malformed pin, and still reads the others', () => {
    const { pins, problems } = readNotebookPins(
      notebook([
        goodPin({ name: 'bad-hash', top_hash: 'xyz' }),
        goodPin({ name: 'file-uri', uri: 's3://bucket/data/file.csv' }),
        goodPin({ name: 'bad-follows', follows: { branch: 'main' } }),
        goodPin({ name: 'bad-package', package: 'no slash' }),
        goodPin({ name: 'bad-date', pinned_at: 'yesterday' }),
        goodPin({ name: 'versioned', uri: 's3://bucket/data/?versionId=1' }),
        'not an object',
        goodPin()
      ])
    );
    expect(pins.map(p => p.name)).toEqual(['hurdat']);
    expect(problems.map(p => [p.name, p.field])).toEqual([
      ['bad-hash', 'top_hash'],
      ['file-uri', 'uri'],
      ['bad-follows', 'follows'],
      ['bad-package', 'package'],
      ['bad-date', 'pinned_at'],
      ['versioned', 'uri'],
      [undefined, undefined]
    ]);
    expect(problems[0].message).toBe('Pin "bad-hash": field "top_hash" must be a top hash: 64 lowercase hex characters.');
    expect(problems[1].message).toContain('a snapshot pin must name a folder');
    expect(problems[6].message).toContain('Pin #7');
  });

  it('reports a duplicate name, keeping the first pin', () => {
    const { pins, problems } = readNotebookPins(notebook([goodPin(), goodPin({ top_hash: HASH2 })]));
    expect(pins.map(p => (p.kind === 'folder' ? p.top_hash : p.version_id))).toEqual([HASH]);
    expect(problems).toEqual([expect.objectContaining({ index: 1, name: 'hurdat', field: 'name' })]);
  });

  it('reports pins that are not a list', () => {
    const { problems } = readNotebookPins(notebook({ hurdat: goodPin() }));
    expect(problems[0].message).toContain('metadata.helium.pins is not a list');
  });
});

describe('secrets are refused', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['signed URL', { uri: 's3://bucket/data/?X-Amz-Signature=abc&X-Amz-Credential=AKIA' }, 'signed URL'],
    ['access key in an extra field', { note: 'AKIAIOSFODNN7EXAMPLE' }, 'access key'],
    ['secret key', { extra: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }, 'secret access key'],
    ['endpoint', { uri: 'https://minio.local:9000/bucket/data/' }, 'endpoint URL'],
    ['credential field name', { aws_secret_access_key: 'x' }, 'credential'],
    ['user and password', { source: 'https://user:hunter2@host/x' }, 'user name and password']
  ];
  it.each(cases)('refuses a pin holding %s, without echoing it', (_label, extra, what) => {
    const { pins, problems } = readNotebookPins(notebook([goodPin(extra), goodPin({ name: 'ok' })]));
    expect(pins.map(p => p.name)).toEqual(['ok']);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain(what);
    expect(problems[0].message).toContain('Pin "hurdat"');
    for (const value of Object.values(extra)) {
      expect(problems[0].message).not.toContain(String(value));
    }
  });

  it('does not flag top hashes, package names and plain words', () => {
    expect(findSecret(goodPin())).toBeNull();
    expect(secretLooking('a'.repeat(40))).toBeNull();
    expect(secretLooking('s3://bucket/data/')).toBeNull();
    expect(findSecret({ author: 'Ada', comment: 'q3 data' })).toBeNull();
    expect(findSecret({ Authorization: 'x' })?.field).toBe('Authorization');
  });

  it('makePin refuses what it would refuse to read', () => {
    expect(() => makePin({ bucket: 'bucket', folder: 'd/', package: 'team/x', topHash: 'short' })).toThrow(/field "top_hash"/);
    expect(() => makePin({ bucket: 'bucket', folder: 'd/', package: 'team/x', topHash: HASH, name: 'AKIAIOSFODNN7EXAMPLE' })).toThrow(
      /access key/
    );
  });
});

describe('writing pins', () => {
  it('adds a pin and keeps every other metadata key and the cells as they were (numbers too)', () => {
    const text =
      '{"cells": [{"source": "x", "outputs": [{"data": {"v": 1.0, "big": 12345678901234567890}}]}], "metadata": {"zz": {"keep": 2.50}}, "nbformat": 4}';
    const before = parseLosslessJson(text) as Record<string, unknown>;
    const pin = makePin({ bucket: 'bucket', folder: 'data', package: 'team/data', topHash: HASH, pinnedAt: new Date(0) });
    const after = setPin(before, pin);
    expect(after.cells).toBe(before.cells);
    expect(stringify(after.cells)).toContain('"v":1.0');
    expect(stringify(after.cells)).toContain('12345678901234567890');
    expect(stringify((after.metadata as Record<string, unknown>).zz)).toBe('{"keep":2.50}');
    expect(readNotebookPins(after).pins).toEqual([
      { ...pin, index: 0, uri: 's3://bucket/data/', pinned_at: '1970-01-01T00:00:00.000Z', name: 'team/data' }
    ]);
    // the original is not changed
    expect((before.metadata as Record<string, unknown>).helium).toBeUndefined();
  });

  it('replaces a pin of the same name in place, keeping its unknown fields and the other pins', () => {
    const nb = notebook([goodPin({ note: 'why' }), goodPin({ name: 'broken', top_hash: 'nope' })]);
    const pin = { ...readNotebookPins(nb).pins[0], top_hash: HASH2 };
    const after = setPin(nb, pin);
    const list = (after.metadata as { helium: { pins: Record<string, unknown>[]; other: boolean } }).helium;
    expect(list.other).toBe(true);
    expect(list.pins[0]).toMatchObject({ top_hash: HASH2, note: 'why' });
    expect(list.pins[1]).toBe((nb.metadata.helium.pins as unknown[])[1]);
  });

  it('replacePins changes only the positions given; removePin drops one by name', () => {
    const nb = notebook([goodPin(), goodPin({ name: 'b' }), { junk: true }]);
    const read = readNotebookPins(nb);
    const after = replacePins(nb, new Map([[1, { ...read.pins[1], top_hash: HASH2 }]]));
    const pins = (after.metadata as { helium: { pins: unknown[] } }).helium.pins;
    expect(pins[0]).toBe((nb.metadata.helium.pins as unknown[])[0]);
    expect(pins[2]).toBe((nb.metadata.helium.pins as unknown[])[2]);
    expect((pins[1] as { top_hash: string }).top_hash).toBe(HASH2);
    expect(readNotebookPins(removePin(after, 'hurdat')).pins.map(p => p.name)).toEqual(['b']);
  });
});

describe('file pins', () => {
  const filePin = (extra: Record<string, unknown> = {}) => ({
    uri: 's3://bucket/data/storms.csv',
    version_id: 'Ltz7oS5w0Mz5eZ_3nL.ExAmPlE-1',
    etag: 'd41d8cd98f00b204e9800998ecf8427e',
    size: 1024,
    pinned_at: '2026-12-06T20:00:00.000Z',
    ...extra
  });

  it('reads a file pin: its key, version, ETag and size, named after the file by default', () => {
    const { pins, problems } = readNotebookPins(notebook([filePin(), goodPin()]));
    expect(problems).toEqual([]);
    expect(pins[0]).toEqual({
      kind: 'file',
      name: 'storms.csv',
      uri: 's3://bucket/data/storms.csv',
      bucket: 'bucket',
      key: 'data/storms.csv',
      version_id: 'Ltz7oS5w0Mz5eZ_3nL.ExAmPlE-1',
      etag: 'd41d8cd98f00b204e9800998ecf8427e',
      size: 1024,
      pinned_at: '2026-12-06T20:00:00.000Z',
      follows: 'latest',
      index: 0
    });
    expect(pins[1]).toMatchObject({ kind: 'folder', name: 'hurdat' });
  });

  it('names what is wrong with a malformed file pin', () => {
    const { pins, problems } = readNotebookPins(
      notebook([
        filePin({ name: 'no-version', version_id: undefined }),
        filePin({ name: 'null-version', version_id: 'null' }),
        filePin({ name: 'url-version', version_id: 'https://x.example/?sig=1' }),
        filePin({ name: 'tagged', follows: { tag: 'q3' } }),
        filePin({ name: 'bad-size', size: -1 }),
        filePin({ name: 'quoted-etag', etag: '"abc"' })
      ])
    );
    expect(pins).toEqual([]);
    expect(problems.map(p => [p.name, p.field])).toEqual([
      ['no-version', 'version_id'],
      ['null-version', 'version_id'],
      ['url-version', 'version_id'],
      ['tagged', 'follows'],
      ['bad-size', 'size'],
      ['quoted-etag', 'etag']
    ]);
    expect(problems[1].message).toContain('turn versioning on');
    expect(problems[3].message).toContain('must be "latest"');
  });

  it('accepts a version id that happens to look like a secret key, and still refuses secrets elsewhere', () => {
    const id = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/+Ab';
    expect(secretLooking(id)).not.toBeNull(); // what a value check alone would say
    expect(validatePin(filePin({ version_id: id }), 0)).toMatchObject({ kind: 'file', version_id: id });
    expect(validatePin(filePin({ secret_access_key: 'x' }), 0)).toMatchObject({ field: 'secret_access_key' });
  });

  it('makeFilePin drops the quotes of an ETag and refuses a folder key', () => {
    const pin = makeFilePin({ bucket: 'bkt', key: 'a/x.parquet', versionId: 'v1', etag: '"abc-2"', size: 5, pinnedAt: new Date(0) });
    expect(pin).toMatchObject({ kind: 'file', name: 'x.parquet', etag: 'abc-2', size: 5, pinned_at: '1970-01-01T00:00:00.000Z' });
    expect(() => makeFilePin({ bucket: 'bkt', key: 'a/', versionId: 'v1' })).toThrow(/is a folder/);
  });

  it('gives a pin of other data whose default name is taken a name of its own; the same data keeps its name', () => {
    const pin2024 = makeFilePin({ bucket: 'bkt', key: 'sales/2024/sales.csv', versionId: 'v1' });
    let nb: unknown = setPin({ cells: [], metadata: {} }, pin2024);
    const again = withFreeName(nb, makeFilePin({ bucket: 'bkt', key: 'sales/2024/sales.csv', versionId: 'v2' }));
    expect(again.name).toBe('sales.csv');
    const pin2025 = withFreeName(nb, makeFilePin({ bucket: 'bkt', key: 'sales/2025/sales.csv', versionId: 'v3' }));
    expect(pin2025.name).toBe('2025/sales.csv');
    nb = setPin(nb, pin2025);
    const other = withFreeName(nb, makeFilePin({ bucket: 'other-bkt', key: 'sales.csv', versionId: 'v4' }));
    expect(other.name).toBe('sales.csv (2)');
    nb = setPin(nb, other);
    expect(readNotebookPins(nb).pins.map(p => [p.name, p.uri])).toEqual([
      ['sales.csv', 's3://bkt/sales/2024/sales.csv'],
      ['2025/sales.csv', 's3://bkt/sales/2025/sales.csv'],
      ['sales.csv (2)', 's3://other-bkt/sales.csv']
    ]);
  });

  it('replacing a snapshot pin by a file pin of the same name keeps no snapshot fields', () => {
    const nb = notebook([goodPin({ name: 'data', note: 'why' })]);
    const after = setPin(nb, makeFilePin({ bucket: 'bkt', key: 'k.csv', versionId: 'v1', name: 'data', pinnedAt: new Date(0) }));
    const stored = (after.metadata as { helium: { pins: Record<string, unknown>[] } }).helium.pins;
    expect(stored).toEqual([
      { note: 'why', name: 'data', uri: 's3://bkt/k.csv', version_id: 'v1', pinned_at: '1970-01-01T00:00:00.000Z', follows: 'latest' }
    ]);
    expect(readNotebookPins(after).problems).toEqual([]);
  });
});

describe('names', () => {
  it('validates tag names', () => {
    expect(validateTagName('q3-release')).toBeNull();
    expect(validateTagName('paper.v1')).toBeNull();
    for (const bad of ['latest', '12345', 'deadbeef', 'a/b', '', '-x', 'a..b', 'x.']) {
      expect(validateTagName(bad)).toContain('not a valid tag name');
    }
  });

  it('validatePin refuses a pin with a control character in its name', () => {
    expect(validatePin(goodPin({ name: 'a\u001bb' }), 0)).toMatchObject({ field: 'name' });
  });
});

/**
 * Top hashes, manifests, physical keys and package names: the vectors of issue 5, then cases
 * checked against real quilt3 (src/testing/python/quilt_vectors.py): quilt3 loads our manifest
 * text, and its top hash and its own dump must equal ours byte for byte.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runPythonJson } from '../../testing/python-interop';
import { HeliumError } from '../error-class';
import { bytesSource } from '../transfers/sources';
import { quiltChunkedHash } from '../transfers/quilt-hash';
import { formatPhysicalKey, manifestText, parseManifest, parsePhysicalKey } from './manifest';
import { defaultPackageName, normalizeFolder, validatePackageName } from './names';
import { parseLosslessJson } from './python-json';
import { EMPTY_QUILT_HASH } from './snapshot-hash';
import { compareLogicalKeys, sortInTreeOrder, topHash } from './top-hash';
import type { JsonValue, ManifestEntry, ManifestHeader } from './types';

/**
 * Write a JSON document to a temporary file for the Python helper.
 * @param value - the document.
 * @returns the file's path.
 */
function tempJson(value: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helium-tophash-'));
  const file = path.join(dir, 'input.json');
  fs.writeFileSync(file, JSON.stringify(value), 'utf-8');
  return file;
}

/** A made-up but well-formed Quilt hash for an entry. */
function fakeHash(i: number): { type: 'sha2-256-chunked'; value: string } {
  return { type: 'sha2-256-chunked', value: Buffer.alloc(32, i).toString('base64') };
}

/**
 * An entry for a test manifest.
 * @param key - its logical key.
 * @param i - a number making its hash and size distinct.
 * @param meta - its metadata.
 * @returns the entry.
 */
function entry(key: string, i: number, meta: JsonValue = {}): ManifestEntry {
  const physical = formatPhysicalKey({ bucket: 'bucket', key: `data/${key}`, versionId: `v${i}` });
  return { logical_key: key, physical_keys: [physical], size: i * 10, hash: fakeHash(i), meta };
}

describe('topHash: the vectors of issue 5', () => {
  it.each([
    [{ message: '', user_meta: {}, version: 'v0' }, '0929824c58e90a6d2cc3ad2c7bdc66e34f43e8ed7063a6b48595a3834dd3ec99'],
    [{ message: null, version: 'v0' }, '2a5a67156ca9238c14d12042db51c5b52260fdd5511b61ea89b58929d6e1769b'],
    [{ message: 'Initial', user_meta: { key: 'value' }, version: 'v0' }, '0d659c7f1d7a141160a9defc9b1c9ea7bca96d3454af59cbfcf523871e72f47e']
  ])('header %j, no entries → %s', (header, expected) => {
    expect(topHash(header as ManifestHeader, [])).toBe(expected);
  });

  it('one entry data.txt', () => {
    const header: ManifestHeader = { message: '', user_meta: {}, version: 'v0' };
    const e: ManifestEntry = {
      logical_key: 'data.txt',
      physical_keys: ['s3://b/data.txt'],
      size: 16,
      hash: { type: 'sha2-256-chunked', value: 'Xb1PbjJeWof4zD7zuHc9PI7sLiz/Ykj4gphlaZEt3xA=' },
      meta: { type: 'text' }
    };
    expect(topHash(header, [e])).toBe('9adfc26d4d85bc1a31bd9b45af1c78647415d580a4196becd85f9e4e793c5824');
  });

  it('hashes meta null as {} and ignores physical keys and entry order', () => {
    const header: ManifestHeader = { version: 'v0', message: 'm' };
    const a = [entry('b', 1, null), entry('a', 2)];
    const b = [
      { ...entry('a', 2), physical_keys: ['s3://elsewhere/x'] },
      { ...entry('b', 1), meta: {} }
    ];
    expect(topHash(header, a)).toBe(topHash(header, b));
  });
});

describe('walk order', () => {
  it('puts a folder before a.txt and a!, children sorted by name', () => {
    const keys = ['a.txt', 'a!', 'a/b', 'a/a.txt', 'a-b/c', 'b', 'A', '\uffff', '😀'];
    expect([...keys].sort(compareLogicalKeys)).toEqual(['A', 'a/a.txt', 'a/b', 'a!', 'a-b/c', 'a.txt', 'b', '\uffff', '😀']);
  });

  it('refuses a key that is both a file and a folder, and duplicates', () => {
    expect(() => sortInTreeOrder([{ logical_key: 'a' }, { logical_key: 'a/b' }])).toThrow(/both a file and a folder/);
    expect(() => sortInTreeOrder([{ logical_key: 'x' }, { logical_key: 'x' }])).toThrow(/twice/);
  });
});

describe('manifests against quilt3', () => {
  const header = (extra: Record<string, JsonValue> = {}): ManifestHeader => ({ version: 'v0', message: 'msg', ...extra });
  const floats = parseLosslessJson('{"one": 1.0, "tiny": 1e-7, "huge": 1e16, "neg0": -0.0, "big": 123456789012345678901234567890, "i": 7}');

  /** Manifests written by our writer. */
  const written: { title: string; text: string }[] = [
    {
      title: 'unicode and astral logical keys',
      text: manifestText({
        header: header(),
        entries: ['é/ü.txt', '日本語.csv', '😀.txt', '\uffff.txt', 'a b/c d.txt', 'e\u0301.txt', 'tab\there'].map((k, i) => entry(k, i + 1))
      })
    },
    {
      title: 'folders versus a.txt',
      text: manifestText({
        header: header(),
        entries: ['a.txt', 'a!', 'a/b', 'a/b.txt', 'a-b/c', 'a/c/d', 'ab'].map((k, i) => entry(k, i + 1))
      })
    },
    {
      title: 'floats and big ints in package and entry metadata',
      text: manifestText({ header: header({ user_meta: floats }), entries: [entry('x.json', 1, { target: 'json', user_meta: floats })] })
    },
    {
      title: 'nested metadata with unicode keys',
      text: manifestText({
        header: header({
          user_meta: { z: { '😀': [1, { é: null }], '\uffff': 'x' }, a: [true, false, 'q"\\'], 'k\n': '\u2028' }
        }),
        entries: [entry('n/m.bin', 3, { user_meta: { deep: { deeper: { deepest: [1, 2, 3] } } } })]
      })
    },
    {
      title: 'our snapshot header: helium folder, null message, empty file',
      text: manifestText({
        header: { version: 'v0', user_meta: { owner: 'team' }, message: null, helium: { folder: 'team/hurdat/' } },
        entries: [{ ...entry('empty.txt', 0), size: 0, hash: { type: 'sha2-256-chunked', value: EMPTY_QUILT_HASH } }]
      })
    },
    { title: 'no entries', text: manifestText({ header: { version: 'v0' }, entries: [] }) }
  ];

  /** Manifests written by hand, as other writers might. */
  const raw: { title: string; text: string }[] = [
    {
      title: 'falsy entry metadata (null, [], 0, "")',
      text: [
        '{"version": "v0", "message": "m"}',
        ...['null', '[]', '0', '""', '0.0', 'false'].map(
          (meta, i) =>
            `{"logical_key": "f${i}", "physical_keys": ["s3://b/f${i}"], "size": ${i}, "hash": {"type": "sha2-256-chunked", "value": "${fakeHash(i).value}"}, "meta": ${meta}}`
        )
      ].join('\n')
    },
    {
      title: 'an obsolete top_hash in the header, a folder-metadata line, entries out of order, compact JSON',
      text: [
        '{"version":"v0","top_hash":{"alg":"v0","value":"x"},"message":"m","user_meta":{"b":1.50,"a":2E3}}',
        '{"logical_key":"d/","meta":{"about":"folder"}}',
        `{"logical_key":"z","physical_keys":["s3://b/z"],"size":1,"hash":{"type":"sha2-256-chunked","value":"${fakeHash(1).value}"},"meta":{"x":1}}`,
        `{"logical_key":"d/a","physical_keys":["s3://b/d/a"],"size":2,"hash":{"type":"sha2-256-chunked","value":"${fakeHash(2).value}"},"meta":{}}`,
        ''
      ].join('\n')
    }
  ];

  let python: { top_hash?: string; dump?: string; error?: string }[];

  beforeAll(async () => {
    python = await runPythonJson('quilt_vectors.py', ['manifests', tempJson([...written, ...raw].map(c => c.text))]);
  }, 60000);

  it.each(written.map((c, i) => [c.title, i]))('%s: same top hash, and quilt3 re-dumps our bytes unchanged', (_title, i) => {
    const { text } = written[i as number];
    expect(python[i as number].error).toBeUndefined();
    expect(parseManifest(text).topHash).toBe(python[i as number].top_hash);
    expect(python[i as number].dump).toBe(text);
  });

  it.each(raw.map((c, i) => [c.title, i]))('%s: same top hash, and our re-dump equals quilt3’s', (_title, i) => {
    const result = python[written.length + (i as number)];
    expect(result.error).toBeUndefined();
    const manifest = parseManifest(raw[i as number].text);
    expect(manifest.topHash).toBe(result.top_hash);
    expect(manifestText({ header: manifest.header, entries: manifest.entries, directories: manifest.directories })).toBe(result.dump);
  });

  it('refuses a manifest whose content does not hash to its name', () => {
    const text = written[0].text;
    const name = parseManifest(text).topHash;
    const tampered = text.replace('"size": 10', '"size": 11');
    expect(() => parseManifest(text, { expectedTopHash: name })).not.toThrow();
    let error: HeliumError | undefined;
    try {
      parseManifest(tampered, { expectedTopHash: name, source: 'The manifest X' });
    } catch (err) {
      error = err as HeliumError;
    }
    expect(error?.code).toBe('ManifestHashMismatch');
    expect(error?.message).toMatch(/^The manifest X does not hash to its name/);
  });

  it('refuses text that is not a manifest', () => {
    expect(() => parseManifest('')).toThrow(/not a valid Quilt manifest/);
    expect(() => parseManifest('{"version": "v0"}\n[1]')).toThrow(/line 2/);
    expect(() =>
      parseManifest(
        '{"version": "v0"}\n{"logical_key": "a", "physical_keys": ["s3://b/a"], "size": 1.5, "hash": {"type": "t", "value": "v"}}'
      )
    ).toThrow(/whole number/);
  });
});

describe('sha2-256-chunked against quilt3', () => {
  it('matches quilt3 for the empty file, one byte, one chunk, exactly 8 MiB and 8 MiB + 1', async () => {
    const sizes = [0, 1, 1000, 8 * 1024 * 1024, 8 * 1024 * 1024 + 1];
    const python = await runPythonJson<Record<string, string>>('quilt_vectors.py', ['chunked', ...sizes.map(String)]);
    expect(python['0']).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(EMPTY_QUILT_HASH).toBe(python['0']);
    for (const size of sizes) {
      const data = new Uint8Array(size);
      for (let i = 0; i < size; i++) {
        data[i] = (i * 31 + 7) & 255;
      }
      expect([size, await quiltChunkedHash(bytesSource(data))]).toEqual([size, python[String(size)]]);
    }
  }, 60000);
});

describe('physical keys against quilt3', () => {
  it('formats as str(PhysicalKey) and parses what it formats', async () => {
    const refs: [string, string, string | null][] = [
      ['b', 'a/b.txt', 'abc'],
      ['b', "sp ace/é/😀/!*()'~_.-+&=?#%:;@,$", 'v 1+/=.~_-'],
      ['b', 'no-version.csv', null],
      ['b', 'null-version', 'null'],
      ['my.bucket', 'x%2Fy/%zz', '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo']
    ];
    const python = await runPythonJson<{ url: string; parsed: [string, string, string | null] }[]>('quilt_vectors.py', [
      'physical-keys',
      tempJson(refs)
    ]);
    refs.forEach(([bucket, key, versionId], i) => {
      const url = formatPhysicalKey({ bucket, key, ...(versionId === null ? {} : { versionId }) });
      expect(url).toBe(python[i].url);
      expect(parsePhysicalKey(url)).toEqual({ bucket, key, ...(versionId === null ? {} : { versionId }) });
      expect(python[i].parsed).toEqual([bucket, key, versionId]);
    });
  });
});

describe('package names against quilt3', () => {
  const names = [
    'team/hurdat',
    'a/b',
    'é/x',
    'e\u0301/x',
    '日本/データ',
    'a.b/c',
    'a/b/c',
    'a b/c',
    '/a',
    'a/',
    'a',
    'A-1/b_2',
    'a/b\n',
    'a/😀'
  ];

  it('accepts exactly what validate_package_name accepts (but a trailing newline)', async () => {
    const python = await runPythonJson<Record<string, boolean>>('quilt_vectors.py', ['names', ...names]);
    for (const name of names) {
      const expected = name.endsWith('\n') ? false : python[name];
      expect([name, validatePackageName(name) === null]).toEqual([name, expected]);
    }
    expect(python['a/b\n']).toBe(true); // quilt3's `$` lets a trailing newline through
  });

  it('makes default names quilt3 accepts', async () => {
    const cases: [string, string, string][] = [
      ['bkt', 'team/hurdat/', 'team/hurdat'],
      ['bkt', 'team/hurdat', 'team/hurdat'],
      ['bkt', 'hurdat2/', 'hurdat2/snapshot'],
      ['bkt', 'a/b/c/', 'a/b_c'],
      ['bkt', '', 'bkt/root'],
      ['my.bucket', '/', 'my_bucket/root'],
      ['bkt', 'my data.v2/', 'my_data_v2/snapshot'],
      ['bkt', 'ünï/cöde/', 'ünï/cöde'],
      ['bkt', '.hidden/..x/', 'hidden/x']
    ];
    const python = await runPythonJson<Record<string, boolean>>('quilt_vectors.py', ['names', ...cases.map(c => c[2])]);
    for (const [bucket, folder, expected] of cases) {
      expect(defaultPackageName(bucket, folder)).toBe(expected);
      expect(python[expected]).toBe(true);
    }
  });

  it('normalizes folders and refuses the registry', () => {
    expect(normalizeFolder('team/hurdat')).toBe('team/hurdat/');
    expect(normalizeFolder('')).toBe('');
    // A leading "/" is part of the key prefix (the keys "/team/…"), never dropped.
    expect(normalizeFolder('/team')).toBe('/team/');
    expect(normalizeFolder('/')).toBe('/');
    expect(() => normalizeFolder('.quilt/packages/')).toThrow(/Quilt registry/);
  });
});

/**
 * The fast manifest-line parse (JSON.parse + number tokens) against lossless-json, which it must
 * equal exactly: same values, same key order, LosslessNumbers of the same tokens, same errors;
 * then whole manifests (same entries and top hash as with lossless-json for every line, and the
 * top hash quilt3 computes), and the diff of what they parse to.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runPythonJson } from '../../testing/python-interop';
import { compareEntries, diffEntries } from './manifest-diff';
import { parseManifest } from './manifest';
import { LineParser, MAX_NATIVE_DEPTH, parseManifestLine, parseManifestLineWith } from './manifest-line';
import { canonicalJson, isJsonObject, isLosslessNumber, LosslessNumber, manifestJson, parseLosslessJson } from './python-json';
import { sortInTreeOrder, topHash } from './top-hash';
import type { JsonValue, ManifestEntry, ManifestHeader } from './types';

/**
 * A value as text that shows everything the parsers could differ in: key order, own
 * `__proto__` keys, LosslessNumber tokens vs plain numbers, prototypes.
 * @param value - a parsed value.
 * @returns the text.
 */
function shape(value: unknown): string {
  if (isLosslessNumber(value)) {
    return `LN(${value.value})`;
  }
  if (Array.isArray(value)) {
    return `[${value.map(shape).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) === Object.prototype ? '' : '!proto';
    return `{${proto}${Object.keys(value)
      .map(k => `${JSON.stringify(k)}:${shape((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return `${typeof value}:${JSON.stringify(value)}`;
}

/**
 * Parse with both parsers and expect the same outcome.
 * @param line - one JSON text.
 * @returns which parser the fast parse used, or 'error'.
 */
function expectSameAsLossless(line: string): LineParser | 'error' {
  let expected: unknown;
  let expectedError: string | undefined;
  try {
    expected = parseLosslessJson(line);
  } catch (err) {
    expectedError = (err as Error).message;
  }
  if (expectedError !== undefined) {
    expect(() => parseManifestLine(line)).toThrow(expectedError);
    expect(() => parseManifestLineWith(line)).toThrow(expectedError);
    return 'error';
  }
  const { value, parser } = parseManifestLineWith(line);
  expect(shape(value)).toBe(shape(expected));
  expect(value).toStrictEqual(expected);
  expect(shape(parseManifestLine(line))).toBe(shape(expected));
  for (const dump of [canonicalJson, manifestJson]) {
    expect(outcome(() => dump(value))).toBe(outcome(() => dump(expected)));
  }
  return parser;
}

/**
 * What a function returns, or the message it throws.
 * @param f - the function.
 * @returns its result or `throws: <message>`.
 */
function outcome(f: () => string): string {
  try {
    return f();
  } catch (err) {
    return `throws: ${(err as Error).message}`;
  }
}

const tricky: [string, string, LineParser | 'error'][] = [
  [
    'plain entry',
    '{"logical_key": "a/b.csv", "physical_keys": ["s3://b/a/b.csv?versionId=v1"], "size": 12, "hash": {"type": "sha2-256-chunked", "value": "x"}, "meta": {}}',
    'native'
  ],
  ['floats in meta', '{"logical_key": "a", "size": 1, "meta": {"score": 1.5, "tiny": 1e-7, "whole": 1.0, "neg": -2.50}}', 'native-tokens'],
  [
    'big integers',
    '{"a": 12345678901234567890, "b": 9007199254740993, "c": 9007199254740991, "d": -123456789012345678901234567890}',
    'native-tokens'
  ],
  ['15 digits stay native', '{"a": 999999999999999, "b": -999999999999999, "c": 0}', 'native'],
  ['-0 and -0.0', '{"a": -0, "b": -0.0, "c": 0, "d": [0, -0]}', 'native-tokens'],
  ['exponents', '{"a": 1E5, "b": 1e+16, "c": 2.50E-3, "d": 1e400, "e": 1e-400}', 'native-tokens'],
  ['unicode escapes', '{"k\\u00e9": "\\u00e9\\ud83d\\ude00 \\u2028 \\ud800 \\/ \\b\\f\\n\\r\\t", "n": 1.25}', 'native-tokens'],
  ['raw non-ASCII', '{"ключ": "значение 😀", "n": 2}', 'native'],
  ['floats inside strings', '{"a": "1.5", "b": "x:1.0e5", "c": "\\"-0\\": 1e9", "d": "\\\\", "e": 7}', 'native'],
  ['escaped quotes before numbers', '{"a\\"": "\\\\\\"", "b": 3, "c\\\\": -4}', 'native'],
  ['colons and braces inside strings', '{"a": "{\\"b\\": [1.5, 2]}", "c:d": ":::", "e": [1, 2.5]}', 'native-tokens'],
  ['nested arrays', '[[1, [2.5, [-0, [12345678901234567890]]]], [], [[[]]], {"a": [{"b": [1e3]}]}]', 'native-tokens'],
  ['nested arrays, plain integers', '[[1, [2, [3, []]]], {"a": [{"b": [4]}]}]', 'native'],
  ['a top-level number', '1.0', 'native-tokens'],
  ['a top-level integer', '5', 'native'],
  ['whitespace and CR', ' \t{ "a" : 1.0 ,"b":[ 1 , 2 ] }\r', 'native-tokens'],
  ['a repeated key', '{"a": 1, "a": 2}', 'lossless'],
  ['a repeated key, "deep equal" values', '{"a": [], "a": {}}', 'lossless'],
  ['a repeated key, nested', '{"m": {"x": 1.5, "x": 2.5}}', 'lossless'],
  ['__proto__, native', '{"__proto__": {"x": 1}, "a": 2}', 'native'],
  ['__proto__, tokens', '{"__proto__": 1.5, "a": {"__proto__": [2.0]}}', 'native-tokens'],
  ['__proto__ twice', '{"__proto__": 1, "__proto__": 2}', 'lossless'],
  ['index keys, integers', '{"b": 1, "1": 2, "0": 3}', 'native'],
  ['index keys with a float', '{"b": 1.5, "1": 2, "0": 3}', 'lossless'],
  ['empty string key', '{"": 1.5, "a": {"": 2}}', 'native-tokens'],
  ['too deep', `${'['.repeat(MAX_NATIVE_DEPTH + 1)}1${']'.repeat(MAX_NATIVE_DEPTH + 1)}`, 'lossless'],
  ['as deep as allowed', `${'['.repeat(MAX_NATIVE_DEPTH)}1.5${']'.repeat(MAX_NATIVE_DEPTH)}`, 'native-tokens'],
  ['trailing comma', '{"a": 1,}', 'error'],
  ['leading zero', '{"a": 01}', 'error'],
  ['leading dot', '{"a": .5}', 'error'],
  ['missing comma', '[1 2]', 'error'],
  ['raw control character', '{"a": "x\u0001"}', 'error'],
  ['bad escape', '{"a": "\\x"}', 'error'],
  ['unterminated string', '{"a": "x', 'error'],
  ['empty line', '', 'error'],
  ['two values', '{} {}', 'error'],
  ['bare word', 'nul', 'error'],
  ['NaN', '{"a": NaN}', 'error'],
  ['minus alone', '[-]', 'error'],
  ['byte order mark', '\ufeff{}', 'error']
];

describe('parseManifestLine equals parseLosslessJson', () => {
  it.each(tricky)('%s', (_title, line, parser) => {
    expect(expectSameAsLossless(line)).toBe(parser);
  });

  it('keeps __proto__ an own key and the prototype plain, on both paths', () => {
    for (const line of ['{"__proto__": {"polluted": 1}}', '{"__proto__": {"polluted": 1.5}}']) {
      const value = parseManifestLine(line) as Record<string, unknown>;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value)).toEqual(['__proto__']);
      expect(isJsonObject(value)).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(canonicalJson(value)).toBe(canonicalJson(parseLosslessJson(line)));
    }
  });

  it('makes LosslessNumbers of the exact tokens, not copies sharing the text', () => {
    const value = parseManifestLine('{"a": 1.50, "b": 12345678901234567890, "c": -0, "d": 7}') as Record<string, LosslessNumber>;
    expect([value.a.value, value.b.value, value.c.value, value.d.value]).toEqual(['1.50', '12345678901234567890', '-0', '7']);
    expect(value.d).toBeInstanceOf(LosslessNumber);
  });

  it('agrees on 3,000 random lines', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const numbers = [
      '0',
      '-0',
      '1',
      '-7',
      '42',
      '1.0',
      '1.5',
      '-0.0',
      '1e5',
      '1E-5',
      '2.50e+3',
      '999999999999999',
      '1000000000000000',
      '9007199254740993',
      '12345678901234567890',
      '1e400'
    ];
    const strings = ['""', '"a"', '"1.5"', '"\\"x\\""', '"\\\\"', '"\\u00e9"', '"\\ud83d\\ude00"', '"a:b"', '"{[1.0]}"', '"é😀"'];
    const keys = ['"a"', '"b"', '"c"', '"__proto__"', '"0"', '"1"', '"10"', '"x1"', '""', '"k\\"ey"', '"a"'];
    const value = (depth: number): string => {
      const r = random();
      if (depth > 3 || r < 0.35) {
        return pick(numbers);
      }
      if (r < 0.55) {
        return pick(strings);
      }
      if (r < 0.6) {
        return pick(['true', 'false', 'null']);
      }
      const n = Math.floor(random() * 4);
      const items = Array.from({ length: n }, () => value(depth + 1));
      if (r < 0.75) {
        return `[${items.join(', ')}]`;
      }
      return `{${items.map(item => `${pick(keys)}: ${item}`).join(', ')}}`;
    };
    const seen = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      let line = value(0);
      if (random() < 0.03) {
        // a few broken lines: their error must be lossless-json's
        const at = Math.floor(random() * line.length);
        line = line.slice(0, at) + pick([',', '"', ']', '}', '.', '-', 'x', '']) + line.slice(at + 1);
      }
      const parser = expectSameAsLossless(line);
      seen.set(parser, (seen.get(parser) ?? 0) + 1);
    }
    // every path was exercised
    expect([...seen.keys()].sort()).toEqual(['error', 'lossless', 'native', 'native-tokens']);
  });
});

/**
 * A manifest read the old way: every line with lossless-json (the reference).
 * @param text - the manifest.
 * @returns header, entries in walk order, and top hash.
 */
function referenceParse(text: string): { header: ManifestHeader; entries: ManifestEntry[]; topHash: string } {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') {
    lines.pop();
  }
  const header = parseLosslessJson(lines[0]) as ManifestHeader;
  delete header.top_hash;
  const entries: ManifestEntry[] = [];
  for (const line of lines.slice(1)) {
    const obj = parseLosslessJson(line) as Record<string, JsonValue>;
    if (!Array.isArray(obj.physical_keys) || obj.physical_keys.length === 0) {
      continue;
    }
    entries.push({
      logical_key: obj.logical_key as string,
      physical_keys: obj.physical_keys as string[],
      size: Number((obj.size as LosslessNumber).value),
      hash: obj.hash as ManifestEntry['hash'],
      meta: obj.meta === undefined ? {} : obj.meta
    });
  }
  const sorted = sortInTreeOrder(entries);
  return { header, entries: sorted, topHash: topHash(header, sorted) };
}

/**
 * One entry line of a test manifest.
 * @param key - logical key.
 * @param size - size token.
 * @param meta - meta JSON text.
 * @returns the line.
 */
function entryLine(key: string, size: string, meta: string): string {
  return `{"logical_key": ${JSON.stringify(key)}, "physical_keys": ["s3://b/${encodeURI(key)}?versionId=v1"], "size": ${size}, "hash": {"type": "sha2-256-chunked", "value": ${JSON.stringify(`h-${key}`)}}, "meta": ${meta}}`;
}

const manifests: [string, string][] = [
  [
    'tricky metadata, every path',
    [
      '{"version": "v0", "message": "m 1.5", "user_meta": {"score": 0.5, "n": 3, "big": 123456789012345678901, "z": -0}}',
      '{"logical_key": "d/", "meta": {"about": 1.0}}',
      entryLine('a.csv', '10', '{}'),
      entryLine('a/b.csv', '11', '{"user_meta": {"f": 1.5, "e": 1E5, "neg0": -0, "big": 12345678901234567890}}'),
      entryLine('c', '0', '{"user_meta": {"s": "1.5", "t": "\\u00e9\\ud83d\\ude00", "nested": [[1, [2.5e-7]], []]}}'),
      entryLine('d/é😀', '5', '{"target": "json", "user_meta": {"k\\"": "v\\\\"}}'),
      entryLine('e', '12', '{"user_meta": {"1": 2.5, "0": 1}}'),
      entryLine('f', '13', '{"user_meta": {"__proto__": {"x": 1.25}}}'),
      entryLine('g', '14', '{"user_meta": {"x": 1, "x": 1.0}}'),
      entryLine('h', '15', '0'),
      entryLine('i', '16', 'null'),
      entryLine('j', '17', '[]'),
      entryLine('k', '18', '{"user_meta": {"n": 999999999999999, "m": -1}}')
    ].join('\n') + '\n'
  ],
  ['CRLF line ends', ['{"version": "v0", "message": null}', entryLine('a', '1', '{"x": 1.5}'), entryLine('b', '2', '{}'), ''].join('\r\n')],
  ['no final newline', ['{"version": "v0", "message": "x", "top_hash": "obsolete"}', entryLine('z', '3', '{"n": 2}')].join('\n')]
];

describe('parseManifest with the fast line parse', () => {
  it.each(manifests)('%s: the same entries and top hash as lossless-json for every line', (_title, text) => {
    const expected = referenceParse(text);
    const manifest = parseManifest(text, { expectedTopHash: expected.topHash });
    expect(manifest.topHash).toBe(expected.topHash);
    expect(shape(manifest.header)).toBe(shape(expected.header));
    expect(manifest.entries.map(shape)).toEqual(expected.entries.map(shape));
    expect(manifest.entries).toStrictEqual(expected.entries);
  });

  it('gives the top hash quilt3 computes for the same texts', async () => {
    // (not the repeated-key line: Python keeps the last value where lossless-json keeps the first
    // of two "deep equal" values; our reading of those is unchanged)
    const texts = manifests.map(([, text]) => text.replace(/\n[^\n]*"logical_key": "g"[^\n]*/, ''));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helium-manifest-line-'));
    const file = path.join(dir, 'input.json');
    fs.writeFileSync(file, JSON.stringify(texts), 'utf-8');
    const python = await runPythonJson<{ top_hash?: string; error?: string }[]>('quilt_vectors.py', ['manifests', file]);
    texts.forEach((text, i) => {
      expect(python[i].error).toBeUndefined();
      expect(parseManifest(text).topHash).toBe(python[i].top_hash);
    });
  }, 60000);

  it('reports errors on the same lines as before', () => {
    const header = '{"version": "v0"}';
    expect(() => parseManifest(`${header}\n${entryLine('a', '1.5', '{}')}`)).toThrow(
      /\(line 2\).*"size" must be a whole number of bytes, not "1.5"/
    );
    expect(() => parseManifest(`${header}\n${entryLine('a', '1E3', '{}')}`)).toThrow(/not "1E3"/);
    expect(() => parseManifest(`${header}\n${entryLine('a', '-0', '{}')}`)).toThrow(/not "-0"/);
    expect(() => parseManifest(`${header}\n${entryLine('a', '12345678901234567890', '{}')}`)).toThrow(/not "12345678901234567890"/);
    expect(() => parseManifest(`${header}\n${entryLine('a', '1', '{}')}\n\n`)).toThrow(
      /\(line 3\) is not a valid Quilt manifest: The text is not valid JSON/
    );
    expect(() => parseManifest(`${header}\n{"logical_key": "a",}`)).toThrow(
      `(line 2) is not a valid Quilt manifest: ${(() => {
        try {
          parseLosslessJson('{"logical_key": "a",}');
        } catch (err) {
          return (err as Error).message;
        }
        return '';
      })()}`
    );
  });
});

describe('the diff of fast-parsed manifests', () => {
  it('equals the diff of lossless-parsed ones', () => {
    const left = manifests[0][1];
    const right = left
      .replace('"f": 1.5', '"f": 1.50')
      .replace('"e": 1E5', '"e": 1E6')
      .replace('"n": 999999999999999', '"n": 999999999999998')
      .replace('"1": 2.5, "0": 1', '"0": 1, "1": 2.5');
    const ours = diffEntries(parseManifest(left).entries, parseManifest(right).entries, { includeSame: true });
    const reference = diffEntries(referenceParse(left).entries, referenceParse(right).entries, { includeSame: true });
    const statuses = (d: typeof ours) => d.changes.map(c => `${c.logicalKey} ${c.status}`);
    expect(statuses(ours)).toEqual(statuses(reference));
    expect(statuses(ours)).toEqual([
      'a.csv same',
      'a/b.csv metadata-changed',
      'c same',
      'd/é😀 same',
      'e same',
      'f same',
      'g same',
      'h same',
      'i same',
      'j same',
      'k metadata-changed'
    ]);
  });

  it('tells metadata apart when the values are not the same as they stand', () => {
    const entry = (meta: unknown): ManifestEntry => ({
      logical_key: 'a',
      physical_keys: ['s3://b/a?versionId=v1'],
      size: 1,
      hash: { type: 'sha2-256-chunked', value: 'h' },
      meta
    });
    const status = (a: unknown, b: unknown) => compareEntries(entry(a), entry(b));
    expect(status({ a: [1] }, { a: { 0: 1 } })).toBe('metadata-changed');
    expect(status({ a: { 0: 1 } }, { a: [1] })).toBe('metadata-changed');
    expect(status({ a: [] }, { a: {} })).toBe('metadata-changed');
    expect(status({ a: 1 }, { b: 1 })).toBe('metadata-changed');
    expect(status({ a: 1, b: undefined }, { a: 1, c: 2 })).toBe('metadata-changed');
    expect(status({ a: 1, b: undefined }, { a: 1 })).toBe('same');
    expect(status({ a: new LosslessNumber('1.0') }, { a: 1 })).toBe('same');
    expect(status({ a: new LosslessNumber('1.0') }, { a: new LosslessNumber('1') })).toBe('same');
    expect(status({ a: new LosslessNumber('1.5') }, { a: new LosslessNumber('1.50') })).toBe('same');
    expect(status({ a: new LosslessNumber('1.5') }, { a: new LosslessNumber('2.5') })).toBe('metadata-changed');
    expect(status({ a: '1' }, { a: new LosslessNumber('1') })).toBe('metadata-changed');
    expect(status({ a: null }, { a: undefined })).toBe('metadata-changed');
    expect(status([], {})).toBe('same');
    expect(status(0, null)).toBe('same');
    expect(status({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe('same');
    expect(status({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe('metadata-changed');
    expect(status({ a: [1, 2] }, { a: [1, 2, 3] })).toBe('metadata-changed');
  });
});

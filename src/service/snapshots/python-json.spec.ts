/**
 * Python-exact JSON: fixed cases, then a batch compared with real Python (`json.dumps`) through
 * src/testing/python/quilt_vectors.py.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runPythonJson } from '../../testing/python-interop';
import { HeliumError } from '../error-class';
import {
  canonicalJson,
  compareCodePoints,
  LosslessNumber,
  manifestJson,
  parseLosslessJson,
  pythonFloatRepr,
  pythonJsonDumps,
  pythonNumberText,
  pythonTruthy,
  toPlainJson
} from './python-json';

/**
 * Write a JSON document to a temporary file for the Python helper.
 * @param value - the document.
 * @returns the file's path.
 */
function tempJson(value: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helium-pyjson-'));
  const file = path.join(dir, 'input.json');
  fs.writeFileSync(file, JSON.stringify(value), 'utf-8');
  return file;
}

describe('pythonFloatRepr', () => {
  it.each([
    [1, '1.0'],
    [0.1, '0.1'],
    [1e-7, '1e-07'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [123456789.125, '123456789.125'],
    [-0, '-0.0'],
    [0, '0.0'],
    [-2.5, '-2.5'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [1e22, '1e+22'],
    [1 / 3, '0.3333333333333333'],
    [123456789012345680, '1.2345678901234568e+17']
  ])('%p → %s', (x, text) => {
    expect(pythonFloatRepr(x)).toBe(text);
  });

  it('refuses NaN and infinities', () => {
    expect(() => pythonFloatRepr(NaN)).toThrow(HeliumError);
    expect(() => pythonFloatRepr(Infinity)).toThrow(/allow_nan=False/);
  });
});

describe('pythonNumberText', () => {
  it.each([
    ['1', '1'],
    ['-0', '0'],
    ['1.0', '1.0'],
    ['1E5', '100000.0'],
    ['2.50E-3', '0.0025'],
    ['-0.0', '-0.0'],
    ['1e-400', '0.0'],
    ['123456789012345678901234567890', '123456789012345678901234567890'],
    ['-9007199254740993', '-9007199254740993']
  ])('%s → %s', (token, text) => {
    expect(pythonNumberText(token)).toBe(text);
  });

  it('refuses overflow to infinity and non-numbers', () => {
    expect(() => pythonNumberText('1e400')).toThrow(/NaN and infinities/);
    expect(() => pythonNumberText('0x10')).toThrow(HeliumError);
    expect(() => pythonNumberText('9'.repeat(4301))).toThrow(/4300/);
  });
});

describe('pythonJsonDumps', () => {
  it('escapes as ensure_ascii does, astral characters as surrogate pairs', () => {
    expect(canonicalJson('é😀\n\t"\\\u0001\u007f\u2028')).toBe('"\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\u0001\\u007f\\u2028"');
  });

  it('escapes only quotes, backslashes and controls without ensure_ascii', () => {
    expect(manifestJson('é😀\n"\u007f\u0000')).toBe('"é😀\\n\\"\u007f\\u0000"');
  });

  it('sorts keys by code point, not UTF-16 unit', () => {
    const value = { '\uffff': 1, '😀': 2, a: 3, B: 4 };
    expect(canonicalJson(value)).toBe('{"B":4,"a":3,"\\uffff":1,"\\ud83d\\ude00":2}');
    expect(compareCodePoints('\uffff', '😀')).toBeLessThan(0);
    expect(['😀', '\uffff'].sort()).toEqual(['😀', '\uffff']); // JS's own order differs
  });

  it('writes manifest lines with default separators and insertion order', () => {
    expect(manifestJson({ b: [1, 2.5], a: null, c: true })).toBe('{"b": [1, 2.5], "a": null, "c": true}');
  });

  it('keeps int and float tokens of a lossless parse', () => {
    const value = parseLosslessJson('{"i": 1, "f": 1.0, "e": 1e-7, "big": 123456789012345678901234567890, "z": -0}');
    expect(canonicalJson(value)).toBe('{"big":123456789012345678901234567890,"e":1e-07,"f":1.0,"i":1,"z":0}');
  });

  it('treats plain JS numbers as JSON.stringify writes them', () => {
    expect(canonicalJson([1, 1.5, 1e21, -0, 2n ** 70n])).toBe('[1,1.5,1e+21,0,1180591620717411303424]');
  });

  it('refuses NaN, cycles and functions with InvalidInput', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const bad of [{ x: NaN }, cycle, (): void => undefined]) {
      let error: unknown;
      try {
        pythonJsonDumps(bad);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(HeliumError);
      expect((error as HeliumError).kind).toBe('InvalidInput');
    }
  });

  it('refuses lone surrogates in manifest lines but escapes them for hashing', () => {
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
    expect(() => manifestJson('\ud800')).toThrow(/surrogate/);
  });

  it('parses duplicate keys as Python: first position, last value', () => {
    expect(manifestJson(parseLosslessJson('{"a": 1, "b": 2, "a": 3}'))).toBe('{"a": 3, "b": 2}');
  });

  it('keeps __proto__ as a plain key', () => {
    const value = parseLosslessJson('{"__proto__": {"x": 1}}');
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1}}');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('pythonTruthy and toPlainJson', () => {
  it('follows Python truthiness', () => {
    for (const falsy of [null, undefined, false, '', 0, [], {}, new LosslessNumber('0.0'), 0n]) {
      expect(pythonTruthy(falsy)).toBe(false);
    }
    for (const truthy of [true, 'x', 1, [0], { a: null }, new LosslessNumber('1e-9')]) {
      expect(pythonTruthy(truthy)).toBe(true);
    }
  });

  it('turns lossless numbers into numbers and bigints', () => {
    expect(toPlainJson(parseLosslessJson('[1.5, 12345678901234567890]'))).toEqual([1.5, 12345678901234567890n]);
  });
});

describe('against Python json.dumps', () => {
  /** Deterministic doubles from random bit patterns, and awkward literal tokens. */
  function numberTokens(): string[] {
    const tokens = [
      '1.10',
      '2.50E-3',
      '0.000001',
      '1e16',
      '1e15',
      '123456789012345678',
      '1.0e0',
      '-0',
      '-0.0',
      '0.1',
      '0.30000000000000004',
      '9007199254740993',
      '1e-5',
      '100',
      '4.35',
      '1E+2',
      '5e-324'
    ];
    const view = new DataView(new ArrayBuffer(8));
    let x = 12345;
    while (tokens.length < 400) {
      for (let i = 0; i < 8; i++) {
        x = (x * 1103515245 + 12345) & 0x7fffffff;
        view.setUint8(i, x >>> 16);
      }
      const value = view.getFloat64(0);
      const rounded = Math.round(value * 1e6) / 1e6;
      if (Number.isFinite(value) && Number.isFinite(rounded)) {
        tokens.push(String(value), String(rounded), String(value / 2 ** 1000));
      }
    }
    return tokens;
  }

  it('gives Python’s canonical and manifest JSON for numbers, unicode and nesting', async () => {
    const texts = [
      ...numberTokens().map(t => `{"n": ${t}}`),
      '{"😀": 1, "\\uffff": 2, "a": {"z": [1, 2.0, {"y": null}], "b": "é\\u0000\\u001f\\u007f"}}',
      '{"b": 1, "a": 2, "a": 3}',
      '["\\ud83d\\ude00", "\\u2028\\u2029", "tab\\there", "\\"q\\" \\\\"]',
      '{"nested": {"deep": {"deeper": [true, false, null, 0, -1.5e-10]}}}',
      '"plain"',
      '[]',
      '{}'
    ];
    const python = await runPythonJson<{ canonical?: string; manifest?: string; error?: string }[]>('quilt_vectors.py', [
      'dumps',
      tempJson(texts)
    ]);
    texts.forEach((text, i) => {
      const value = parseLosslessJson(text);
      expect({ text, canonical: canonicalJson(value), manifest: manifestJson(value) }).toEqual({
        text,
        canonical: python[i].canonical,
        manifest: python[i].manifest
      });
    });
  });
});

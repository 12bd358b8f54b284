import { isHeliumError } from '../error-class';
import { diffJsonValues, parseJsonSide } from './json';
import { formatJsonPath, previewJsonValue, splitJsonPath } from './json-format';

describe('diffJsonValues', () => {
  it('finds nothing in equal documents, whatever the key order', () => {
    const result = diffJsonValues({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 });
    expect(result.changes).toEqual([]);
    expect(result.counts).toEqual({ added: 0, removed: 0, changed: 0 });
    expect(result.truncated).toBe(false);
  });

  it('lists added, removed and changed paths in document order', () => {
    const left = { name: 'x', storms: [{ wind: 10 }, { wind: 20 }], gone: true };
    const right = { name: 'y', storms: [{ wind: 10 }, { wind: 25, rain: 3 }, { wind: 5 }] };
    const result = diffJsonValues(left, right);
    expect(result.changes).toEqual([
      { path: ['name'], kind: 'changed', left: 'x', right: 'y' },
      { path: ['storms', 1, 'wind'], kind: 'changed', left: 20, right: 25 },
      { path: ['storms', 1, 'rain'], kind: 'added', right: 3 },
      { path: ['storms', 2], kind: 'added', right: { wind: 5 } },
      { path: ['gone'], kind: 'removed', left: true }
    ]);
    expect(result.counts).toEqual({ added: 2, removed: 1, changed: 2 });
  });

  it('compares arrays by index and reports removed tail items', () => {
    const result = diffJsonValues([1, 2, 3], [1, 3]);
    expect(result.changes).toEqual([
      { path: [1], kind: 'changed', left: 2, right: 3 },
      { path: [2], kind: 'removed', left: 3 }
    ]);
  });

  it('treats a change of type as one change with both values', () => {
    expect(diffJsonValues({ a: [1] }, { a: { 0: 1 } }).changes).toEqual([{ path: ['a'], kind: 'changed', left: [1], right: { 0: 1 } }]);
    expect(diffJsonValues({ a: null }, { a: {} }).changes).toEqual([{ path: ['a'], kind: 'changed', left: null, right: {} }]);
    expect(diffJsonValues(1, '1').changes).toHaveLength(1);
  });

  it('does not see inherited properties as keys', () => {
    const right = JSON.parse('{"toString": 1, "__proto__": 2}');
    const result = diffJsonValues({}, right);
    expect(result.changes.map(c => c.path)).toEqual([['toString'], ['__proto__']]);
    expect(result.changes.every(c => c.kind === 'added')).toBe(true);
  });

  it('caps the listed changes but counts them all', () => {
    const left = Array.from({ length: 50 }, (_, i) => i);
    const right = left.map(i => i + 1);
    const result = diffJsonValues(left, right, { maxEntries: 10 });
    expect(result.changes).toHaveLength(10);
    expect(result.changes[9].path).toEqual([9]);
    expect(result.counts.changed).toBe(50);
    expect(result.truncated).toBe(true);
  });

  it('handles documents nested deeper than the call stack', () => {
    let left: unknown = 1;
    let right: unknown = 2;
    for (let i = 0; i < 20000; i++) {
      left = [left];
      right = [right];
    }
    const result = diffJsonValues(left, right);
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0].path).toHaveLength(20000);
  });
});

describe('formatJsonPath', () => {
  it('writes identifiers with dots, indexes and odd keys in brackets', () => {
    expect(formatJsonPath([])).toBe('$');
    expect(formatJsonPath(['storms', 3, 'wind'])).toBe('$.storms[3].wind');
    expect(formatJsonPath(['a b', '3', 'x"y'])).toBe('$["a b"]["3"]["x\\"y"]');
  });
});

describe('splitJsonPath', () => {
  it('keeps the last key whole (with its parent when it is an array index); the start is what a view may cut', () => {
    expect(splitJsonPath(['per_season', '1990'])).toEqual({ head: '$.per_season', tail: '["1990"]' });
    expect(splitJsonPath(['storms', 12, 'track', 3, 'wind'])).toEqual({ head: '$.storms[12].track[3]', tail: '.wind' });
    expect(splitJsonPath(['storms', 12, 'track', 3])).toEqual({ head: '$.storms[12]', tail: '.track[3]' });
    expect(splitJsonPath([4])).toEqual({ head: '$', tail: '[4]' });
  });

  it('gives the whole text back when joined, short paths included', () => {
    for (const path of [[], ['a'], ['a', 0], ['a', 'b c', 2, 'd']]) {
      const { head, tail } = splitJsonPath(path);
      expect(head + tail).toBe(formatJsonPath(path));
      expect(head.startsWith('$')).toBe(true);
    }
  });
});

describe('previewJsonValue', () => {
  it('gives compact JSON for small values', () => {
    expect(previewJsonValue({ a: [1, 'x'], b: null })).toBe('{"a":[1,"x"],"b":null}');
    expect(previewJsonValue('<b>')).toBe('"<b>"');
  });

  it('cuts long values with an ellipsis', () => {
    const text = previewJsonValue({ data: 'x'.repeat(1000) }, 50);
    expect(text).toHaveLength(51);
    expect(text.endsWith('…')).toBe(true);
    const big = previewJsonValue(
      Array.from({ length: 100000 }, (_, i) => i),
      30
    );
    expect(big).toBe('[0,1,2,3,4,5,6,7,8,9,10,11,12,…');
  });
});

describe('parseJsonSide', () => {
  it('parses JSON, ignoring a byte order mark', () => {
    expect(parseJsonSide('\ufeff{"a":1}', 'Version A')).toEqual({ a: 1 });
  });

  it('throws an InvalidInput HeliumError naming the side', () => {
    let error: unknown;
    try {
      parseJsonSide('{"a":', 'Version B');
    } catch (err) {
      error = err;
    }
    expect(isHeliumError(error, 'InvalidInput')).toBe(true);
    expect((error as Error).message).toMatch(/^Version B is not valid JSON/);
  });
});

describe('integers past 2^53', () => {
  const diffTexts = (a: string, b: string) => diffJsonValues(parseJsonSide(a, 'Version A'), parseJsonSide(b, 'Version B'));

  it('keep every digit, so ids that a double would round together still differ', () => {
    const result = diffTexts('{"id": 12345678901234567891, "n": 1}', '{"id": 12345678901234567892, "n": 1}');
    expect(result.changes).toEqual([{ path: ['id'], kind: 'changed', left: 12345678901234567891n, right: 12345678901234567892n }]);
    expect(previewJsonValue(result.changes[0].right)).toBe('12345678901234567892');
    expect(previewJsonValue({ id: 9007199254740993n })).toBe('{"id":9007199254740993}');
  });

  it('are equal when written the same, and other numbers stay numbers', () => {
    expect(diffTexts('[9007199254740993, 1.5]', '[9007199254740993, 1.5]').changes).toEqual([]);
    expect(parseJsonSide('[9007199254740993, 1.5, 7]', 'A')).toEqual([9007199254740993n, 1.5, 7]);
  });

  it('still allow a repeated key (the last wins, as JSON.parse and Python read it)', () => {
    expect(parseJsonSide('{"a": 1, "a": 12345678901234567891}', 'A')).toEqual({ a: Number('12345678901234567891') });
  });
});

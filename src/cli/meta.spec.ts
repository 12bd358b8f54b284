/**
 * `--meta`: the JSON object a person types, and the T4 header it becomes.
 */
import { LosslessNumber } from 'lossless-json';
import { exitCodeFor, UsageError } from './errors';
import { heliumUserMetadata, parseMetaOption, targetForKey } from './meta';

describe('--meta', () => {
  it('takes a JSON object', () => {
    // Numbers as written (LosslessNumber): 2^70 and 1.0 go to S3 as typed.
    expect(parseMetaOption('{"a": 1, "b": ["x"], "c": 1180591620717411303424, "d": 1.0}')).toEqual({
      a: new LosslessNumber('1'),
      b: ['x'],
      c: new LosslessNumber('1180591620717411303424'),
      d: new LosslessNumber('1.0')
    });
  });

  it('refuses invalid JSON and non-objects as usage errors', () => {
    for (const text of ['{bad', '[1,2]', '"text"', 'null', '3']) {
      let error: unknown;
      try {
        parseMetaOption(text);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect(exitCodeFor(error as UsageError)).toBe(2);
      expect((error as Error).message).toMatch(/--meta/);
    }
  });

  it('writes T4 header JSON with the target from the extension, ASCII only', () => {
    const meta = heliumUserMetadata('data/t.csv', { note: 'café' });
    expect(Object.keys(meta)).toEqual(['helium']);
    expect(meta.helium).toBe('{"target":"csv","user_meta":{"note":"caf\\u00e9"}}');
    expect(JSON.parse(meta.helium)).toEqual({ target: 'csv', user_meta: { note: 'café' } });
    expect(targetForKey('x.unknownext')).toBe('bytes');
    expect(targetForKey('x.parquet')).toBe('parquet');
  });

  it('refuses metadata over 2 KB before anything is sent', () => {
    expect(() => heliumUserMetadata('k', { big: 'x'.repeat(2100) })).toThrow(UsageError);
    expect(() => heliumUserMetadata('k', { big: 'x'.repeat(2100) })).toThrow(/2 ?KB|2,048/);
  });
});

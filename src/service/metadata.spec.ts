import { HeliumError } from './error-class';
import { assertValidUserMetadata, MAX_USER_METADATA_BYTES, userMetadataSize, validateUserMetadata } from './metadata';

describe('user metadata', () => {
  it('counts the UTF-8 bytes of names and values', () => {
    expect(userMetadataSize({})).toBe(0);
    expect(userMetadataSize({ ab: 'cde', f: '' })).toBe(6);
  });

  it('accepts exactly 2 KB and refuses one byte more, saying the size', () => {
    const at = { helium: 'x'.repeat(MAX_USER_METADATA_BYTES - 'helium'.length) };
    expect(validateUserMetadata(at)).toBeNull();
    const over = { helium: 'x'.repeat(MAX_USER_METADATA_BYTES - 'helium'.length + 1) };
    expect(validateUserMetadata(over)).toBe(
      'User metadata is 2,049 bytes; S3 allows at most 2,048 (2 KB). Nothing was written: store less metadata.'
    );
    expect(() => assertValidUserMetadata(over)).toThrow(HeliumError);
    try {
      assertValidUserMetadata(over);
    } catch (err) {
      expect((err as HeliumError).kind).toBe('InvalidInput');
      expect((err as HeliumError).code).toBe('MetadataTooLarge');
    }
  });

  it('refuses what HTTP headers cannot carry', () => {
    expect(validateUserMetadata({ 'bad name': 'x' })).toMatch(/not allowed/);
    expect(validateUserMetadata({ ok: 'ü' })).toMatch(/non-ASCII/);
    expect(validateUserMetadata({ ok: 'a\nb' })).toMatch(/non-ASCII or control/);
    expect(validateUserMetadata({ helium: JSON.stringify({ user_meta: { a: [1, 2] } }) })).toBeNull();
    expect(() => assertValidUserMetadata(undefined)).not.toThrow();
  });
});

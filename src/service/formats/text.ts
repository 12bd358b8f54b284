/**
 * Text: a string, as UTF-8 (`text/plain; charset=utf-8`). Read back exactly, byte-order mark
 * included, like Python's `utf-8` codec; invalid UTF-8 becomes U+FFFD.
 */
import type { FormatCodec } from './codec';
import { utf8Decode, utf8Encode, unwritable, describeValue } from './util';

export const textCodec: FormatCodec<string> = {
  name: 'txt',
  aliases: ['text', 'unicode', 'utf-8', 'utf8', 'str'],
  extensions: ['.txt', '.text', '.md', '.log'],
  contentTypes: ['text/plain'],
  contentType: 'text/plain; charset=utf-8',
  accepts: value => typeof value === 'string',
  async encode(value) {
    if (typeof value !== 'string') {
      throw unwritable('txt', `expected a string, got ${describeValue(value)}.`);
    }
    return utf8Encode(value);
  },
  async decode(bytes) {
    return utf8Decode(bytes, true);
  }
};

/**
 * JSON: plain objects, arrays, numbers, booleans and null, as UTF-8 `application/json`.
 */
import type { FormatCodec } from './codec';
import { describeValue, isPlainObject, unreadable, unwritable, utf8Decode, utf8Encode } from './util';

/**
 * Whether putValue writes a value as JSON when no format is named.
 * @param value - anything.
 * @returns true for plain objects, arrays, finite numbers, booleans and null.
 */
function accepts(value: unknown): boolean {
  return (
    value === null ||
    Array.isArray(value) ||
    isPlainObject(value) ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

export const jsonCodec: FormatCodec = {
  name: 'json',
  aliases: [],
  extensions: ['.json'],
  contentTypes: ['application/json', 'text/json'],
  contentType: 'application/json',
  accepts,
  async encode(value) {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch (err) {
      throw unwritable('json', `${err instanceof Error ? err.message : String(err)}.`, err);
    }
    if (text === undefined) {
      throw unwritable('json', `${describeValue(value)} has no JSON form.`);
    }
    return utf8Encode(text);
  },
  async decode(bytes, context) {
    try {
      return JSON.parse(utf8Decode(bytes));
    } catch (err) {
      throw unreadable('json', context, err);
    }
  }
};

/**
 * Unit tests of parseMetadataJson: JSON typed in the metadata editor, with errors that name the
 * line and column.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { parseMetadataJson } from './object-metadata';

/** The error for a text (fails the test when it parses). */
function errorOf(text: string): string {
  const parsed = parseMetadataJson(text);
  if (!('error' in parsed)) {
    throw new Error(`${JSON.stringify(text)} parsed as ${JSON.stringify(parsed.value)}`);
  }
  return parsed.error;
}

describe('parseMetadataJson', () => {
  it('accepts objects and null', () => {
    expect(parseMetadataJson('{"run": 12, "tags": ["a", "ü"], "nested": {"x": null}}')).toEqual({
      value: { run: 12, tags: ['a', 'ü'], nested: { x: null } }
    });
    expect(parseMetadataJson('  {}\n')).toEqual({ value: {} });
    expect(parseMetadataJson('null')).toEqual({ value: null });
  });

  it.each([
    ['[1, 2]', 'not an array'],
    ['"text"', 'not a string'],
    ['3', 'not a number'],
    ['true', 'not true or false']
  ])('refuses a top level that is not an object: %s', (text, what) => {
    const error = errorOf(text);
    expect(error).toContain('must be a JSON object');
    expect(error).toContain(what);
  });

  it.each([
    ['{"a": 1,\n "b" 2}', 'line 2, column 6: expected ":" after the name, found "2"'],
    ['{\n  "a": 1,\n}', 'line 3, column 1: a comma before "}" is not allowed in JSON'],
    ["{'a': 1}", 'line 1, column 2: expected a name in double quotes, found "\'" (JSON needs double quotes)'],
    ['{"a": [1, 2}', 'line 1, column 12: expected "," or "]", found "}"'],
    ['{"a": 1', 'line 1, column 8: expected "," or "}", found the end of the text'],
    ['{"a": "open}', 'line 1, column 7: this text in quotes is never closed'],
    ['{"a": tru}', 'line 1, column 7: expected a value, found "t"'],
    ['{"a": 01}', 'line 1, column 8: expected "," or "}", found "1"'],
    ['{"a": "x\\q"}', 'line 1, column 9: this backslash escape is not valid JSON'],
    ['{"a": 1} x', 'line 1, column 10: unexpected "x" after the end of the JSON value'],
    ['{"a": "line\nbreak"}', 'line 1, column 12: a line break or control character inside quotes']
  ])('names line and column of the error in %j', (text, message) => {
    const error = errorOf(text);
    expect(error).toMatch(/^The metadata is not valid JSON: /);
    expect(error).toContain(message);
  });

  it('refuses empty text with a hint', () => {
    expect(errorOf('  \n')).toContain('The metadata is empty');
  });
});

/**
 * `put --meta`, `snapshot --meta` and `meta --set` word bad JSON the same way: the flag, where the
 * JSON breaks, and what to give instead (they had three wordings, two without a position).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { parseSetOption } from './cmd-meta';
import { parseSnapshotMeta } from './cmd-snapshot';
import { exitCodeFor, UsageError } from './errors';
import { parseJsonOption } from './json-option';
import { parseMetaOption } from './meta';

/**
 * The message a parser throws.
 * @param parse - the parser.
 * @returns the message.
 */
function messageOf(parse: () => unknown): string {
  try {
    parse();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect(exitCodeFor(err as UsageError)).toBe(2);
    return (err as Error).message;
  }
  throw new Error('it parsed');
}

it('names the flag and shows where the JSON breaks, for every flag alike', () => {
  const text = '{"a": 1,}';
  const where = `is not valid JSON (line 1, column 9, right after '{"a": 1,'): a comma before "}" is not allowed in JSON.`;
  expect(messageOf(() => parseMetaOption(text))).toBe(
    `--meta ${where} Give a JSON object, e.g. --meta '{"source": "lab 3", "run": 12}'. Nothing was written.`
  );
  expect(messageOf(() => parseSnapshotMeta(text))).toBe(messageOf(() => parseMetaOption(text)));
  expect(messageOf(() => parseSetOption(text))).toBe(
    `--set ${where} Give a JSON object, e.g. --set '{"source": "lab 3", "run": 12}' (or --set null for none). Nothing was written.`
  );
});

it('shows only the end of a long text before the error, and the line of a multi-line one', () => {
  const long = `{"source": "${'x'.repeat(40)}" "run": 1}`;
  expect(messageOf(() => parseMetaOption(long))).toContain(`(line 1, column 55, right after '…${'x'.repeat(22)}" '): expected "," or "}"`);
  expect(messageOf(() => parseMetaOption('{\n  "a": tru\n}'))).toContain('(line 2, column 8, right after');
  expect(messageOf(() => parseMetaOption('}'))).toContain('(line 1, column 1, at the start)');
  expect(messageOf(() => parseMetaOption(' '))).toMatch(/^--meta is empty\./);
});

it('wants an object (or null where allowed), and keeps number tokens when asked', () => {
  expect(messageOf(() => parseMetaOption('[1]'))).toMatch(/^--meta must be a JSON object \(\{"name": value, …\}\), not an array\. /);
  expect(messageOf(() => parseMetaOption('null'))).toContain('not null.');
  expect(parseSetOption('null')).toBeNull();
  expect(String((parseSnapshotMeta('{"v": 1.0}') as Record<string, unknown>).v)).toBe('1.0');
  expect(parseJsonOption('--x', '{"a": [1]}')).toEqual({ a: [1] });
});

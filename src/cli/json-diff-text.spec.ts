import { jsonDiffText } from './json-diff-text';

const names: [string, string] = ['a.json', 'b.json'];

it('lists each path that changed, was added or removed, whatever the formatting or key order', () => {
  const left = '{"rows": 10, "columns": ["id", "name"], "source": {"url": "s3://x"}}';
  const right = JSON.stringify({ source: { url: 's3://y' }, columns: ['id', 'name', 'year'], rows: 12 }, null, 2);
  expect(jsonDiffText(left, right, names)).toBe(
    [
      '--- a.json',
      '+++ b.json',
      'paths: 2 changed, 1 added, 0 removed',
      '~$.rows: 10 → 12',
      '+$.columns[2]: "year"',
      '~$.source.url: "s3://x" → "s3://y"',
      ''
    ].join('\n')
  );
});

it('says when only the formatting differs, and refuses text that is not JSON', () => {
  expect(jsonDiffText('{"a":1,"b":2}', '{\n  "b": 2,\n  "a": 1\n}\n', names)).toContain('The same JSON value');
  expect(() => jsonDiffText('{"a":', '{}', names)).toThrow(/a.json is not valid JSON/);
});

it('keeps every digit of integers past 2^53', () => {
  expect(jsonDiffText('{"id": 12345678901234567891}', '{"id": 12345678901234567892}', names)).toContain(
    '~$.id: 12345678901234567891 → 12345678901234567892'
  );
});

import { compileQuery } from './query';
import { indexQuery } from './opensearch-query';
import { metadataFields } from './opensearch-layout';
import { metaText } from './schema';
import { foldingRegex } from './opensearch-folding';

/** A word of a text field as written for OpenSearch: as typed, or in any spelling that folds alike. */
const folded = (word: string, field = '') => `(${field}${word} OR ${field}${foldingRegex(word, false)})`;

describe("indexQuery: the person's query_string on each index", () => {
  it('adds every spelling that folds alike to words of text fields, not to keys, phrases or CJK', () => {
    const resume = foldingRegex('resume', false) as string;
    expect(resume.startsWith('/[r')).toBe(true);
    expect(indexQuery('Résumé', 'objects').query).toBe(`(Résumé OR ${resume})`);
    expect(indexQuery('user_meta.title:resume content:resume', 'objects').query).toBe(
      `(((user_meta.title:resume OR user_meta.title:${resume})) AND ((content:resume OR content:${resume})))`
    );
    expect(indexQuery('"by decade"', 'objects').query).toBe('"by decade"');
    expect(indexQuery('key:resume', 'objects').query).toBe('(key:"resume" OR key.words:"resume" OR key.text:"resume")');
    expect(indexQuery('ext:csv', 'objects').query).toBe('ext:.csv');
  });

  it("maps helium fields to Quilt's on the packages index and keeps the syntax", () => {
    expect(indexQuery('message:storm AND top_hash:ABC', 'packages').query).toBe(
      `((${folded('storm', 'mnfst_message:')}) AND (mnfst_hash:abc*))`
    );
    expect(indexQuery('last_modified:[2024-01-01 TO 2024-02-01}', 'packages').query).toBe('mnfst_last_modified:[2024-01-01 TO 2024-02-01}');
    expect(indexQuery('logical_key:a.csv', 'packages').query).toBe('entry_lk.text:"a.csv"');
  });

  it('selects the index for type:, and matches nothing for a field the index lacks', () => {
    expect(indexQuery('type:object', 'objects').query).toBe('*:*');
    expect(indexQuery('type:object', 'packages').query).toBe('_exists_:helium_no_such_field');
    expect(indexQuery('size:>10', 'packages').query).toBe('_exists_:helium_no_such_field');
    expect(indexQuery('delete_marker:false', 'packages').query).toBe('*:*');
  });

  it('normalises ext, a whole day, and an exact key or its words', () => {
    expect(indexQuery('ext:CSV', 'objects').query).toBe('ext:.csv');
    expect(indexQuery('last_modified:2024-02-10', 'objects').query).toBe('last_modified:[2024-02-10 TO 2024-02-10]');
    expect(indexQuery('key:"a b/c"', 'objects').query).toBe('(key:"a b/c" OR key.words:"a b/c" OR key.text:"a b/c")');
    expect(indexQuery('key:a\\/*', 'objects').query).toBe('key:a\\/*');
  });

  it('writes a CJK word as a phrase (its characters side by side, as the embedded index finds it)', () => {
    expect(indexQuery('気温', 'objects').query).toBe('"気温"');
    expect(indexQuery('user_meta.city:東京 AND storm', 'objects').query).toBe(`((user_meta.city:"東京") AND (${folded('storm')}))`);
    expect(indexQuery('気*', 'objects').query).toBe('気*');
  });

  it('writes -field:value as NOT and notes delete_marker', () => {
    expect(indexQuery('-ext:csv', 'objects').query).toBe('NOT (ext:.csv)');
    expect(indexQuery('a -b', 'objects').query).toBe(`((${folded('a')}) AND (NOT (${folded('b')})))`);
    expect(indexQuery('gone AND delete_marker:true', 'objects').mentionsDeleteMarker).toBe(true);
  });

  it('refuses what the embedded backend refuses, with the same message', () => {
    expect(() => indexQuery('colour:red', 'objects')).toThrow(/Unknown search field "colour" at column 1/);
    expect(() => indexQuery('size:[1 TO', 'packages')).toThrow(/syntax error at column 11/);
  });
});

describe('the embedded compiler follows OpenSearch', () => {
  it('reads -field:value as NOT field:value', () => {
    expect(compileQuery('-ext:csv').sql).toMatch(/^NOT \(docs\.ext = \?\)$/);
  });

  it('rounds date-only bounds as OpenSearch does', () => {
    const day = Date.parse('2024-02-10');
    const end = Date.parse('2024-02-11') - 1;
    expect(compileQuery('last_modified:<=2024-02-10').params).toEqual([end]);
    expect(compileQuery('last_modified:>2024-02-10').params).toEqual([end]);
    expect(compileQuery('last_modified:>=2024-02-10').params).toEqual([day]);
    expect(compileQuery('last_modified:[2024-01 TO 2024-02]').params).toEqual([Date.parse('2024-01-01'), Date.parse('2024-03-01') - 1]);
  });

  it('indexes metadata values for free text, not field names', () => {
    expect(metaText({ ocean: 'atlantic', source: { agency: 'JMA' }, tags: ['a', 1] })).toBe('atlantic JMA a 1');
  });
});

describe("metadataFields (Quilt's typed package metadata)", () => {
  it('types each leaf by JSON pointer', () => {
    expect(metadataFields({ a: { 'b/c': 1 }, when: '2024-01-02', ok: true, tags: ['x'], skip: [1] })).toEqual([
      { json_pointer: '/a/b~1c', type: 'double', text: '1', double: 1 },
      { json_pointer: '/when', type: 'date', text: '"2024-01-02"', date: '2024-01-02' },
      { json_pointer: '/ok', type: 'boolean', text: 'true', boolean: true },
      { json_pointer: '/tags', type: 'keyword', text: '["x"]', keyword: ['x'] }
    ]);
  });
});

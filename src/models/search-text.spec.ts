/** The search panel's text helpers: words to mark, marked runs, facet narrowing, excerpts. */
import { compileQuery } from '../service/search/query';
import type { SearchHit } from '../service/search/types';
import { keyTerms, markMatches, metaExcerpt, narrowQuery } from './search-text';

describe('keyTerms', () => {
  it('keeps free text and key: values, drops operators, other fields, quotes and wildcards', () => {
    expect(keyTerms('storms AND key:hurdat\\/* NOT user_meta.ocean:atlantic ext:.csv')).toEqual(['hurdat/', 'storms']);
    expect(keyTerms('"by decade" OR typ?oon')).toEqual(['by decade', 'typ', 'oon']);
    expect(keyTerms('')).toEqual([]);
  });
});

describe('markMatches', () => {
  it('marks every occurrence, ignoring case, and the runs join back to the text', () => {
    const parts = markMatches('Storms/storms.CSV', ['storms']);
    expect(parts).toEqual([
      { text: 'Storms', mark: true },
      { text: '/', mark: false },
      { text: 'storms', mark: true },
      { text: '.CSV', mark: false }
    ]);
    expect(
      markMatches('a␉<b>', ['<b>'])
        .map(p => p.text)
        .join('')
    ).toBe('a␉<b>');
    expect(markMatches('abc', [])).toEqual([{ text: 'abc', mark: false }]);
  });
});

describe('narrowQuery', () => {
  it('ANDs a facet clause to the query, once, in a form the compiler accepts', () => {
    expect(narrowQuery('', { facet: 'ext', value: '.csv' })).toBe('ext:".csv"');
    expect(narrowQuery('storms OR typhoons', { facet: 'ext', value: '.csv' })).toBe('(storms OR typhoons) AND ext:".csv"');
    const twice = narrowQuery(narrowQuery('x', { facet: 'user_meta', value: 'ocean' }), { facet: 'user_meta', value: 'ocean' });
    expect(twice).toBe('(x) AND _exists_:user_meta.ocean');
    for (const q of [
      twice,
      narrowQuery('*', { facet: 'ext', value: '' }),
      narrowQuery('a', { facet: 'user_meta', value: 'odd field"x' }),
      narrowQuery('a', { facet: 'ext', value: '.a"b' })
    ]) {
      expect(() => compileQuery(q)).not.toThrow();
    }
  });

  it('narrows to a folder with its key prefix escaped, and to the objects directly in the scope', () => {
    expect(narrowQuery('', { facet: 'folder', value: 'hurdat2/' })).toBe('(type:object AND key:hurdat2\\/*)');
    expect(narrowQuery('x', { facet: 'folder', value: 'my data (1)/a:b/' })).toBe(
      '(x) AND (type:object AND key:my\\ data\\ \\(1\\)\\/a\\:b\\/*)'
    );
    expect(narrowQuery('*', { facet: 'folder', value: '' }, 'a b/')).toBe('(type:object AND NOT key:a\\ b\\/*\\/*)');
    expect(narrowQuery('', { facet: 'folder', value: '' })).toBe('(type:object AND NOT key:*\\/*)');
    // The compiled condition matches the folder's keys by a GLOB of the unescaped prefix.
    const { params } = compileQuery(narrowQuery('', { facet: 'folder', value: 'we"ird [x]\\y/' }));
    expect(params).toContain('we"ird [[]x]\\y/*');
  });

  it('narrows to a metadata value, quoted and escaped', () => {
    expect(narrowQuery('', { facet: 'user_meta_values', field: 'ocean', value: 'atlantic' })).toBe('user_meta.ocean:"atlantic"');
    const odd = narrowQuery('ext:csv', { facet: 'user_meta_values', field: 'note', value: 'say "hi" \\ bye' });
    expect(odd).toBe('(ext:csv) AND user_meta.note:"say \\"hi\\" \\\\ bye"');
    // The compiler compares the value itself, quotes and backslash unescaped.
    expect(compileQuery(odd).params).toContain('say "hi" \\ bye');
    // A field name the language cannot write leaves the query as it is.
    expect(narrowQuery('a', { facet: 'user_meta_values', field: 'odd field', value: 'x' })).toBe('a');
  });
});

describe('metaExcerpt', () => {
  const hit = (over: Partial<SearchHit>): SearchHit => ({
    type: 'object',
    key: 'k',
    version_id: 'v',
    meta: null,
    size: 1,
    time: '',
    ...over
  });
  it('shows user_meta fields, or a snapshot message, cut to a length', () => {
    expect(metaExcerpt(hit({ meta: { ocean: 'atlantic', decade: 1990 } }))).toBe('ocean: atlantic · decade: 1990');
    expect(metaExcerpt(hit({ type: 'snapshot', message: 'first cut', meta: { a: 1 } }))).toBe('first cut');
    expect(metaExcerpt(hit({ meta: { long: 'x'.repeat(200) } }), 20)).toHaveLength(20);
    expect(metaExcerpt(hit({ meta: {} }))).toBe('');
  });
});

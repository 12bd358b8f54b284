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
    expect(markMatches('a␉<b>', ['<b>']).map(p => p.text).join('')).toBe('a␉<b>');
    expect(markMatches('abc', [])).toEqual([{ text: 'abc', mark: false }]);
  });
});

describe('narrowQuery', () => {
  it('ANDs a facet clause to the query, once, in a form the compiler accepts', () => {
    expect(narrowQuery('', 'ext', '.csv')).toBe('ext:".csv"');
    expect(narrowQuery('storms OR typhoons', 'ext', '.csv')).toBe('(storms OR typhoons) AND ext:".csv"');
    const twice = narrowQuery(narrowQuery('x', 'user_meta', 'ocean'), 'user_meta', 'ocean');
    expect(twice).toBe('(x) AND _exists_:user_meta.ocean');
    for (const q of [twice, narrowQuery('*', 'ext', ''), narrowQuery('a', 'user_meta', 'odd field"x'), narrowQuery('a', 'ext', '.a"b')]) {
      expect(() => compileQuery(q)).not.toThrow();
    }
  });
});

describe('metaExcerpt', () => {
  const hit = (over: Partial<SearchHit>): SearchHit => ({ type: 'object', key: 'k', version_id: 'v', meta: null, size: 1, time: '', ...over });
  it('shows user_meta fields, or a snapshot message, cut to a length', () => {
    expect(metaExcerpt(hit({ meta: { ocean: 'atlantic', decade: 1990 } }))).toBe('ocean: atlantic · decade: 1990');
    expect(metaExcerpt(hit({ type: 'snapshot', message: 'first cut', meta: { a: 1 } }))).toBe('first cut');
    expect(metaExcerpt(hit({ meta: { long: 'x'.repeat(200) } }), 20)).toHaveLength(20);
    expect(metaExcerpt(hit({ meta: {} }))).toBe('');
  });
});

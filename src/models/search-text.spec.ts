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

  it('folds terms as the index does, and leaves out excluded ones', () => {
    expect(keyTerms('Résumé ＡＢＣ Straße')).toEqual(['strasse', 'resume', 'abc']);
    expect(keyTerms('storms NOT draft -old !tmp AND NOT key:x')).toEqual(['storms']);
    expect(keyTerms('rés* "By Décade"')).toEqual(['by decade', 'res']);
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

  /** The marked texts of a key for a query. */
  const marks = (text: string, query: string) => {
    const parts = markMatches(text, keyTerms(query));
    expect(parts.map(p => p.text).join('')).toBe(text);
    return parts.filter(p => p.mark).map(p => p.text);
  };

  it('marks what the index matched through its folding: accents, case, full-width, either way round', () => {
    expect(marks('cv/Résumé.pdf', 'resume')).toEqual(['Résumé']);
    expect(marks('cv/Re\u0301sume\u0301.pdf', 'resume')).toEqual(['Re\u0301sume\u0301']);
    expect(marks('cv/resume.pdf', 'RÉSUMÉ')).toEqual(['resume']);
    expect(marks('ＲＥＳＵＭＥ.txt', 'resume')).toEqual(['ＲＥＳＵＭＥ']);
    expect(marks('data/STORMS.csv', 'storms')).toEqual(['STORMS']);
    expect(marks('データ/ＣＳＶ', 'csv')).toEqual(['ＣＳＶ']);
  });

  it('marks every word of a multi-word query, a phrase across separators, and prefixes', () => {
    expect(marks('Müller/storms-Résumé.csv', 'storms muller résumé')).toEqual(['Müller', 'storms', 'Résumé']);
    expect(marks('hurdat2/By_Décade.csv', '"by decade"')).toEqual(['By_Décade']);
    expect(marks('by/x/decade', '"by decade"')).toEqual([]);
    expect(marks('cv/Résumé.pdf', 'rés*')).toEqual(['Rés']);
    expect(marks('cv/Résumé.pdf', 'res*')).toEqual(['Rés']);
    expect(marks('cv/Résumé.pdf', 'draft NOT resume')).toEqual([]);
  });

  it('marks the right characters where folding changes the length', () => {
    expect(marks('Straße-Daten/ﬁle.csv', 'strasse daten file')).toEqual(['Straße', 'Daten', 'ﬁle']);
    expect(marks('𝐀𝐁𝐂-abc', 'abc')).toEqual(['𝐀𝐁𝐂', 'abc']);
    expect(marks('ｶﾞｲﾄﾞ.txt', 'ガイド')).toEqual(['ｶﾞｲﾄﾞ']);
    expect(marks('wait….txt', 'txt')).toEqual(['txt']);
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

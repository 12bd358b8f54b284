/** The regular expression of a word's spellings: what it matches is what words.ts folds to the word. */
import { foldingRegex } from './opensearch-folding';
import { foldText } from './words';

/**
 * A Lucene regular expression of the kind foldingRegex writes (classes, groups, `|`, `*`, `.`) as a
 * JavaScript one anchored at both ends, as Lucene matches a whole token.
 */
function asJs(regex: string): RegExp {
  return new RegExp(`^(?:${regex.slice(1, -1)})$`, 'u');
}

describe('foldingRegex', () => {
  it('matches every lower-case spelling that folds to the word, and no other word', () => {
    const resume = asJs(foldingRegex('resume', false) as string);
    for (const token of ['resume', 'résumé', 're\u0301sume\u0301', 'ｒｅｓｕｍｅ', 'rèsûmê']) {
      expect({ token, matches: resume.test(token) }).toEqual({ token, matches: true });
      expect(foldText(token)).toBe('resume');
    }
    for (const token of ['resumes', 'presume', 'resum', 'rxsume']) {
      expect({ token, matches: resume.test(token) }).toEqual({ token, matches: false });
    }
    // Typed with accents or in upper case: the same expression (it is built from the folded word).
    expect(foldingRegex('RÉSUMÉ', false)).toBe(foldingRegex('resume', false));
  });

  it('spells two folded letters as the one that folds to them (ß, æ, œ, ligatures)', () => {
    const strasse = asJs(foldingRegex('strasse', false) as string);
    expect(['strasse', 'straße', 'ﬆraße'].map(t => strasse.test(t))).toEqual([true, true, true]);
    expect(asJs(foldingRegex('oeuvre', false) as string).test('œuvre')).toBe(true);
    expect(asJs(foldingRegex('file', false) as string).test('ﬁle')).toBe(true);
    expect(asJs(foldingRegex('abc123', false) as string).test('ａｂｃ１２３')).toBe(true);
  });

  it('keeps wildcards as wildcards', () => {
    const prefix = asJs(foldingRegex('res*', true) as string);
    expect(['résumé', 'resolution', 'res'].map(t => prefix.test(t))).toEqual([true, true, true]);
    expect(prefix.test('pres')).toBe(false);
    expect(asJs(foldingRegex('m?ller', true) as string).test('müller')).toBe(true);
  });

  it('gives none for what is not one word, CJK, or too long for OpenSearch (searched as typed)', () => {
    expect(foldingRegex('a-b', false)).toBeNull();
    expect(foldingRegex('by decade', false)).toBeNull();
    expect(foldingRegex('気温', false)).toBeNull();
    expect(foldingRegex('e'.repeat(40), false)).toBeNull();
    expect(foldingRegex('*', true)).toBeNull();
  });
});

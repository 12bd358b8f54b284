/** Folding with an offset map: the same folded text as the index's, and offsets that point at the right characters. */
import { foldWithOffsets, originalRange } from './folded-text';
import { foldText } from './words';

/** Texts where folding changes length, or where folding a character alone could differ from folding it in its text. */
const TRICKY = [
  'Résumé',
  'Re\u0301sume\u0301', // decomposed: e + combining acute
  'Straße-Daten',
  'ﬁle ﬂow',
  'ＡＢＣ１２３.ＣＳＶ',
  '𝐀𝐁c',
  '㎏ and ㎖',
  'ｶﾞｷﾞ', // half-width kana with a half-width voicing mark: NFKC composes them
  '가\u11a8', // a Hangul syllable and a conjoining final: NFC composes them
  '\u1100\u1161\u11a8',
  '🌀\ufe0f x',
  '\u0301abc', // a mark with nothing before it
  'İstanbul',
  'ΣΟΦΟΣ σοφος',
  'Ǆemal ǅ',
  'wait…',
  'Œuvre Æsir øl',
  '東京の気温.csv',
  '데이터를',
  'Ａ\u0301',
  'plain ascii/Key_1.txt',
  ''
];

describe('foldWithOffsets', () => {
  it.each(TRICKY)('folds %j as the index does, every unit mapped to the character it came from', text => {
    const folded = foldWithOffsets(text);
    expect(folded.text).toBe(foldText(text));
    expect(folded.start).toHaveLength(folded.text.length);
    expect(folded.end).toHaveLength(folded.text.length);
    for (let i = 0; i < folded.text.length; i++) {
      expect(folded.start[i]).toBeLessThan(folded.end[i]);
      expect(folded.end[i]).toBeLessThanOrEqual(text.length);
      if (i > 0) {
        expect(folded.start[i]).toBeGreaterThanOrEqual(folded.start[i - 1]);
      }
      // The unit is part of what its source characters fold to.
      expect(foldText(text.slice(folded.start[i], folded.end[i]))).toContain(folded.text[i]);
    }
  });

  it('maps ranges of the folded text back where folding changed the length', () => {
    const check = (text: string, found: string, shown: string) => {
      const folded = foldWithOffsets(text);
      const at = folded.text.indexOf(found);
      expect(at).toBeGreaterThanOrEqual(0);
      const [from, to] = originalRange(folded, at, at + found.length);
      expect(text.slice(from, to)).toBe(shown);
    };
    // Longer when folded (ß → ss): what follows is still found at the right place.
    check('Straße-Daten.csv', 'daten', 'Daten');
    check('Straße-Daten.csv', 'strasse', 'Straße');
    // Part of a character's fold marks the whole character.
    check('Straße', 's', 'S');
    check('Straße', 'ss', 'ß');
    check('ﬁle', 'f', 'ﬁ');
    // Shorter when folded: a decomposed accent, a surrogate pair.
    check('Re\u0301sume\u0301.pdf', 'resume', 'Re\u0301sume\u0301');
    check('Re\u0301sume\u0301.pdf', 'pdf', 'pdf');
    check('𝐀𝐁c', 'b', '𝐁');
    check('ＡＢＣ１２３', '123', '１２３');
  });
});

import { foldText, hasCjk, indexedText, textWords } from './words';
import { ftsString, startWords } from './query-terms';

describe('textWords: how the embedded index splits text, for what it stores and what is typed', () => {
  it('makes each Chinese, Japanese and Korean character a word, as OpenSearch does for Han and kana', () => {
    expect(textWords('東京の気温.csv')).toEqual(['東', '京', 'の', '気', '温', 'csv']);
    expect(textWords('데이터를')).toEqual(['데', '이', '터', '를']);
    expect(textWords('カタカナー')).toEqual(['カ', 'タ', 'カ', 'ナ', 'ー']);
  });

  it('keeps an emoji (with its joiners, skin tones, flags) as one word, without its variation selector', () => {
    expect(textWords('🌀 hurricane')).toEqual(['🌀', 'hurricane']);
    expect(textWords('🌀\ufe0f')).toEqual(['🌀']);
    expect(textWords('👨‍👩‍👧 family 🇯🇵')).toEqual(['👨‍👩‍👧', 'family', '🇯🇵']);
  });

  it('folds case in every script, diacritics, full-width forms and ligatures', () => {
    expect(textWords('Müller MÜLLER')).toEqual(['muller', 'muller']);
    expect(textWords('naïve café résumé')).toEqual(['naive', 'cafe', 'resume']);
    expect(textWords('ＡＢＣ１２３ ﬁle')).toEqual(['abc123', 'file']);
    expect(textWords('STRASSE straße')).toEqual(['strasse', 'strasse']);
    expect(textWords('ΣΟΦΟΣ σοφος')).toEqual(['σοφοσ', 'σοφοσ']);
    expect(textWords('ÉCOLE Ørsted')).toEqual(['ecole', 'orsted']);
  });

  it('keeps marks that are part of a letter outside Latin, Greek and Cyrillic', () => {
    expect(textWords('नमस्ते दुनिया')).toEqual(['नमस्ते', 'दुनिया']);
    expect(foldText('が')).toBe('が');
  });

  it('splits at ASCII punctuation and spaces as before', () => {
    expect(textWords('data/2024/storm_a.csv')).toEqual(['data', '2024', 'storm', 'a', 'csv']);
    expect(textWords(' -- ')).toEqual([]);
    expect(indexedText('Hello, World')).toBe('hello world');
  });
});

describe('query terms in the words the index keeps', () => {
  it('makes an FTS5 phrase of a term and a prefix of its last word', () => {
    expect(ftsString('気温')).toBe('"気 温"');
    expect(ftsString('Résumé*')).toBe('"resume" *');
    expect(ftsString('🌀')).toBe('"🌀"');
  });

  it('takes a wildcard start as words only when it has no separator', () => {
    expect(startWords('West')).toEqual(['west']);
    expect(startWords('日本語')).toEqual(['日', '本', '語']);
    expect(startWords('data/20')).toBeNull();
  });

  it('tells CJK text', () => {
    expect(hasCjk('a東')).toBe(true);
    expect(hasCjk('café 🌀')).toBe(false);
  });
});

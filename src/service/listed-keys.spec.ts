/**
 * Decoding the keys of S3 listings: URL-encoded answers, and raw answers an XML parser damaged.
 */
import { decodeListedText, listedTexts, RawBody, unescapeXmlText } from './listed-keys';

const bytes = (text: string): RawBody => ({ bytes: new TextEncoder().encode(text) });

describe('decodeListedText', () => {
  it('decodes as unquote_plus: "+" is a space, %2B a plus, escapes are UTF-8', () => {
    expect(decodeListedText('data/sp+ace%2Bplus')).toBe('data/sp ace+plus');
    expect(decodeListedText('tab%09cr%0Dlf%0Adel%7Fsoh%01')).toBe('tab\tcr\rlf\ndel\x7fsoh\x01');
    expect(decodeListedText('pct%2541%3Fq%23h')).toBe('pct%41?q#h');
    expect(decodeListedText('%F0%9F%98%80%C3%A9')).toBe('😀é');
  });

  it('returns text without escapes as it is, and keeps a stray "%"', () => {
    const plain = 'data/a/../b';
    expect(decodeListedText(plain)).toBe(plain);
    expect(decodeListedText('100%+sure%41')).toBe('100% sureA');
    expect(decodeListedText('bad%ZZ%41')).toBe('bad%ZZA');
  });
});

describe('unescapeXmlText', () => {
  it('unescapes the predefined and numeric entities and keeps a raw CR', () => {
    expect(unescapeXmlText('a&amp;copy;&lt;b&gt;&quot;&apos;&#13;&#x1;\r')).toBe('a&copy;<b>"\'\r\x01\r');
  });
});

describe('listedTexts', () => {
  it('decodes what the server URL-encoded', () => {
    expect(listedTexts(['a%0Db', 'c+d', undefined], 'url', {}, 'Key')).toEqual(['a\rb', 'c d', undefined]);
  });

  it('reads keys from the raw XML when the server answered raw and the parser turned a CR into LF', () => {
    const raw = bytes('<R><Version><Key>d/cr\rhere</Key></Version><DeleteMarker><Key>d/&amp;x</Key></DeleteMarker></R>');
    expect(listedTexts(['d/cr\nhere', 'd/&x'], undefined, raw, 'Key')).toEqual(['d/cr\rhere', 'd/&x']);
  });

  it('reads a key the parser emptied (white space around a line break) from the raw XML', () => {
    const raw = bytes('<R><Contents><Key> \r </Key></Contents></R>');
    expect(listedTexts([''], undefined, raw, 'Key')).toEqual([' \r ']);
  });

  it('keeps the parsed texts of a raw answer when nothing can be damaged, or the raw XML does not match', () => {
    const raw = bytes('<R><Key>x\ry</Key><Key>z</Key></R>');
    // Nothing shows damage: the raw XML is not even read.
    expect(listedTexts(['plain', 'a+b'], undefined, {}, 'Key')).toEqual(['plain', 'a+b']);
    // Two <Key>s for one parsed key: no guessing.
    expect(listedTexts(['x\ny'], undefined, raw, 'Key')).toEqual(['x\ny']);
  });

  it('reads common prefixes and the next key marker from their own elements', () => {
    const raw = bytes(
      '<R><Prefix>p/</Prefix><CommonPrefixes><Prefix>p/a\r/</Prefix></CommonPrefixes><NextKeyMarker>p/b\r</NextKeyMarker></R>'
    );
    expect(listedTexts(['p/a\n/'], undefined, raw, 'CommonPrefix')).toEqual(['p/a\r/']);
    expect(listedTexts(['p/b\n'], undefined, raw, 'NextKeyMarker')).toEqual(['p/b\r']);
  });
});

/**
 * Unit tests of decodeText: byte-order marks, UTF-8, and latin-1 bytes that must not collapse
 * into U+FFFD (two different files would then read as the same text).
 */
import { decodeText, isMarkedUtf16 } from './text-decode';

const latin1 = (text: string) => Uint8Array.from(text, c => c.charCodeAt(0));

describe('decodeText', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    const bytes = new TextEncoder().encode('café 🎉');
    expect(decodeText(bytes)).toEqual({ text: 'café 🎉', encoding: 'utf-8' });
    expect(decodeText(Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes))).toEqual({ text: 'café 🎉', encoding: 'utf-8' });
  });

  it('reads latin-1 bytes as their own characters, so different bytes stay different texts', () => {
    const cafe = decodeText(latin1('id,name\n1,café\n'));
    const cafeGrave = decodeText(latin1('id,name\n1,cafè\n'));
    expect(cafe).toEqual({ text: 'id,name\n1,café\n', encoding: 'utf-8+windows-1252' });
    expect(cafeGrave.text).toBe('id,name\n1,cafè\n');
  });

  it('keeps the UTF-8 of a file with a stray latin-1 byte, reading only that byte as Windows-1252', () => {
    const utf8 = new TextEncoder().encode('naïve, café');
    const bytes = Uint8Array.of(...utf8, 0x2c, 0xe8, 0x80, 0xed, 0xa0, 0x80, 0xf4, 0x90);
    // 0xE8 starts no valid sequence here; 0x80 is "€"; ED A0 80 would be a surrogate; F4 90 is past U+10FFFF.
    expect(decodeText(bytes).text).toBe('naïve, café,è€í\u00a0€ô\u0090');
  });

  it("reads bytes 0x80–0x9F as Windows-1252's characters (what TextDecoder in Node does not)", () => {
    expect(decodeText(Uint8Array.of(0x80, 0x99, 0x9f, 0x81, 0x41)).text).toBe('€™Ÿ\u0081A');
  });

  it('reads UTF-16 by its byte-order mark, either byte order', () => {
    const le = Uint8Array.of(0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00, 0xe9, 0x00);
    const be = Uint8Array.of(0xfe, 0xff, 0x00, 0x61, 0x00, 0x2c, 0x00, 0xe9);
    expect(decodeText(le)).toEqual({ text: 'a,é', encoding: 'utf-16le' });
    expect(decodeText(be)).toEqual({ text: 'a,é', encoding: 'utf-16be' });
    expect(isMarkedUtf16(le)).toBe(true);
    expect(isMarkedUtf16(latin1('a,b'))).toBe(false);
  });
});

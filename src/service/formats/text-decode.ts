/**
 * Bytes → text for what compares or parses text (the text, JSON and notebook diffs, the CSV and
 * TSV readers). A byte-order mark picks UTF-8, UTF-16LE or UTF-16BE; otherwise the bytes are
 * UTF-8, and each byte that is not part of valid UTF-8 is read as its Windows-1252 character (the
 * superset of latin-1 that such bytes almost always are) instead of U+FFFD. Replacing would make
 * `café` and `cafè` in a latin-1 file the same text, and a diff would call two different versions
 * identical. Byte by byte rather than the whole file: a UTF-8 export with one stray latin-1 byte
 * keeps its other accents (read whole as Windows-1252, every `é` would become `Ã©`, and a diff
 * with the version before the stray byte would see every accented row changed).
 */

/** The encodings {@link decodeText} reads. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-8+windows-1252';

/** Text and the encoding it was read with. */
export interface DecodedText {
  /** The text, without a byte-order mark. */
  text: string;
  /** The encoding used. */
  encoding: TextEncodingName;
}

/**
 * The encoding a byte-order mark names.
 * @param bytes - the bytes.
 * @returns the encoding, or undefined without a mark.
 */
function bomEncoding(bytes: Uint8Array): TextEncodingName | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return 'utf-8';
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return 'utf-16le';
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return 'utf-16be';
  }
  return undefined;
}

/**
 * Decode bytes as text (see the module comment for how the encoding is chosen).
 * @param bytes - the bytes.
 * @returns the text (a byte-order mark dropped) and its encoding.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const marked = bomEncoding(bytes);
  if (marked) {
    // TextDecoder drops the mark of its own encoding.
    return { text: new TextDecoder(marked).decode(bytes), encoding: marked };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeMixed(bytes), encoding: 'utf-8+windows-1252' };
  }
}

/**
 * Windows-1252's characters for bytes 0x80–0x9F (WHATWG's table; the five bytes it leaves
 * undefined map to the C1 controls of the same value). The rest of the bytes are latin-1's. Built
 * here rather than with TextDecoder('windows-1252'), which Node decodes as latin-1 (so 0x80 would
 * be U+0080 in the CLI and `€` in the browser).
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜\u2122š›œ\u009džŸ';

/**
 * The Windows-1252 character of a byte.
 * @param byte - 0 to 255.
 * @returns one character.
 */
function windows1252(byte: number): string {
  return byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
}

/**
 * The length of the valid UTF-8 sequence starting at `i` (WHATWG's rules: no overlong forms,
 * surrogates or code points past U+10FFFF), or 0 when the byte there starts none.
 * @param bytes - the bytes.
 * @param i - where the sequence starts.
 * @returns 1 to 4, or 0.
 */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) {
    return 1;
  }
  const cont = (k: number, low = 0x80, high = 0xbf) => i + k < bytes.length && bytes[i + k] >= low && bytes[i + k] <= high;
  if (b >= 0xc2 && b <= 0xdf) {
    return cont(1) ? 2 : 0;
  }
  if (b >= 0xe0 && b <= 0xef) {
    const [low, high] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, low, high) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const [low, high] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, low, high) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Decode valid UTF-8 runs as UTF-8 and every other byte as its Windows-1252 character.
 * @param bytes - bytes that are not all valid UTF-8.
 * @returns the text.
 */
function decodeMixed(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8');
  const parts: string[] = [];
  let run = 0;
  for (let i = 0; i < bytes.length;) {
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    parts.push(utf8.decode(bytes.subarray(run, i)), windows1252(bytes[i]));
    run = ++i;
  }
  parts.push(utf8.decode(bytes.subarray(run)));
  return parts.join('');
}

/**
 * Whether bytes start with a UTF-16 byte-order mark (UTF-16 text has NUL bytes, yet is text).
 * @param bytes - the bytes.
 * @returns true for UTF-16 with a mark.
 */
export function isMarkedUtf16(bytes: Uint8Array): boolean {
  const encoding = bomEncoding(bytes);
  return encoding === 'utf-16le' || encoding === 'utf-16be';
}

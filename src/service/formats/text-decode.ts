/**
 * Bytes → text for what compares or parses text (the text, JSON and notebook diffs, the CSV and
 * TSV readers). A byte-order mark picks UTF-8, UTF-16LE or UTF-16BE; otherwise the bytes are
 * UTF-8, and bytes that are not valid UTF-8 are read as Windows-1252 (the superset of latin-1
 * that such files almost always are) instead of being replaced by U+FFFD. Replacing would make
 * `café` and `cafè` in a latin-1 file the same text, and a diff would call two different versions
 * identical; Windows-1252 maps every byte to its own character, so different bytes stay different.
 */

/** The encodings {@link decodeText} reads. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

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
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
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

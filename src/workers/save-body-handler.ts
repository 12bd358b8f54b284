/** What the save-body worker computes, apart from the worker (so that jest can test it). */
import { toBase64 } from '../service/checksum';

/**
 * The pieces of a chunked save's JSON body: `head`, the bytes of `parts` (joined) in base64, `tail`.
 * @param parts - the bytes, in order.
 * @param head - the text before.
 * @param tail - the text after.
 * @returns the three pieces, for `new Blob(pieces)`.
 */
export function saveBodyPieces(parts: Uint8Array[], head: string, tail: string): [string, string, string] {
  let bytes = parts[0] ?? new Uint8Array(0);
  if (parts.length > 1) {
    bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.byteLength;
    }
  }
  return [head, toBase64(bytes), tail];
}

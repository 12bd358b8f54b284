/** Byte ↔ string conversions the drive needs (base64 for binary files, strict UTF-8 for text). */
import { fromBase64, toBase64 } from '../service/checksum';

/** Encodes bytes as base64, as JupyterLab expects binary file contents. */
export const bytesToBase64 = toBase64;

/** Decodes base64 (as JupyterLab sends it for binary saves, possibly with line breaks) into bytes. */
export function base64ToBytes(base64: string): Uint8Array {
  return fromBase64(base64.replace(/\s+/g, ''));
}

/**
 * Decodes UTF-8, or returns null when the bytes are not valid UTF-8 text. A byte order mark is
 * kept as U+FEFF (as Jupyter's server does), so saving the text unchanged writes the same bytes:
 * TextDecoder drops it by default, and every save of such a file wrote a version without it.
 */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

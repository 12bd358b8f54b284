/**
 * SHA-256 checksums for uploads, in the encodings S3 uses (base64) and Quilt uses (hex).
 * Works in Node 20+ and browsers: WebCrypto when available, a TypeScript fallback otherwise.
 */
import { sha256Sync } from './sha256';

/** The part of WebCrypto's `SubtleCrypto` used here (the engine compiles without the DOM lib). */
interface SubtleDigest {
  digest(algorithm: 'SHA-256', data: ArrayBuffer | ArrayBufferView): Promise<ArrayBuffer>;
}

/**
 * The WebCrypto digest function of this environment, if any.
 * @returns `crypto.subtle`, or undefined (e.g. an insecure browser context).
 */
function subtleCrypto(): SubtleDigest | undefined {
  const c = (globalThis as { crypto?: { subtle?: SubtleDigest } }).crypto;
  return c && c.subtle && typeof c.subtle.digest === 'function' ? c.subtle : undefined;
}

/** A synchronous SHA-256 that a runtime may lend the engine for small inputs. */
export type SyncSha256 = (data: Uint8Array) => Uint8Array;

let smallInputSha256: SyncSha256 | undefined;

/**
 * Inputs up to this size go to the synchronous digest when one was given. WebCrypto hands each
 * digest to another thread and back, which costs more CPU than hashing 100 KiB where it is;
 * bigger inputs (upload parts) stay with WebCrypto, which keeps the calling thread free.
 */
export const SMALL_INPUT_SHA256_BYTES = 1024 * 1024;

/**
 * Hash small inputs with this digest instead of WebCrypto (the CLI gives Node's `createHash`:
 * a folder of 1,000 small files costs ~0.1 s less CPU). Browsers give none.
 * @param digest - the digest, or undefined to go back to WebCrypto.
 */
export function lendSha256ForSmallInputs(digest: SyncSha256 | undefined): void {
  smallInputSha256 = digest;
}

/**
 * SHA-256 of some bytes.
 * @param data - the bytes.
 * @returns the 32-byte digest.
 */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  if (smallInputSha256 && data.byteLength <= SMALL_INPUT_SHA256_BYTES) {
    return smallInputSha256(data);
  }
  const subtle = subtleCrypto();
  if (subtle) {
    // WebCrypto rejects views of SharedArrayBuffers and typed arrays from another realm (jsdom,
    // iframes): copy those into a fresh ArrayBuffer. Others are hashed as they are (an upload's
    // 8 MiB parts need no extra copy each).
    if (data instanceof Uint8Array && data.buffer instanceof ArrayBuffer) {
      return new Uint8Array(await subtle.digest('SHA-256', data));
    }
    const copy = new Uint8Array(data.byteLength);
    copy.set(data);
    return new Uint8Array(await subtle.digest('SHA-256', copy.buffer));
  }
  return sha256Sync(data);
}

/**
 * Encode bytes as standard base64 (with padding), as in S3's `x-amz-checksum-sha256`.
 * @param bytes - the bytes.
 * @returns the base64 text.
 */
export function toBase64(bytes: Uint8Array): string {
  // Native where there is one (Chromium 140+, Firefox 133+, Safari 18.2+, Node 25+): a download
  // into the workspace encodes every byte, and the loop below costs about 40 ms per MiB of main
  // thread in a browser.
  const native = (bytes as { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') {
    return native.call(bytes);
  }
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/**
 * Decode standard base64.
 * @param text - base64 text.
 * @returns the bytes.
 */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/**
 * Encode bytes as lowercase hex, as in Quilt's `sha2-256` hashes.
 * @param bytes - the bytes.
 * @returns the hex text.
 */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) {
    hex += b.toString(16).padStart(2, '0');
  }
  return hex;
}

/**
 * SHA-256 of some bytes, base64-encoded (S3's `ChecksumSHA256`).
 * @param data - the bytes.
 * @returns the base64 digest.
 */
export async function sha256Base64(data: Uint8Array): Promise<string> {
  return toBase64(await sha256(data));
}

/**
 * SHA-256 of some bytes, hex-encoded.
 * @param data - the bytes.
 * @returns the hex digest.
 */
export async function sha256Hex(data: Uint8Array): Promise<string> {
  return toHex(await sha256(data));
}

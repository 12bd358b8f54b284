/**
 * Synchronous, incremental SHA-256 for environments without WebCrypto (a browser page served over
 * plain HTTP from another host has no `crypto.subtle`). Backed by `@aws-crypto/sha256-js`, the
 * implementation the AWS SDK itself uses.
 */
import { Sha256 as AwsSha256 } from '@aws-crypto/sha256-js';

/** An incremental SHA-256: `update` any number of times, then `digest` once. */
export class Sha256 {
  /**
   * Add bytes to the hash.
   * @param data - the next bytes.
   * @returns this hasher, for chaining.
   */
  update(data: Uint8Array): this {
    this._hash.update(data);
    return this;
  }

  /**
   * Finish the hash.
   * @returns the 32-byte digest.
   */
  digest(): Uint8Array {
    return this._hash.digestSync();
  }

  private _hash = new AwsSha256();
}

/**
 * SHA-256 of some bytes, synchronously.
 * @param data - the bytes.
 * @returns the 32-byte digest.
 */
export function sha256Sync(data: Uint8Array): Uint8Array {
  return new Sha256().update(data).digest();
}

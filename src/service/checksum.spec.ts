import { createHash } from 'crypto';
import {
  fromBase64,
  sha256,
  sha256Base64,
  sha256Hex,
  SMALL_INPUT_SHA256_BYTES,
  toBase64,
  toHex,
  lendSha256ForSmallInputs
} from './checksum';
import { Sha256, sha256Sync } from './sha256';

/** Deterministic pseudo-random bytes. */
function bytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >>> 16;
  }
  return out;
}

const nodeHex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('sha256', () => {
  // Around the 55/56/64-byte padding boundaries, and bigger.
  const sizes = [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000, 65_537, 1_000_003];

  it.each(sizes)('matches Node for %i bytes (WebCrypto path)', async size => {
    const data = bytes(size, size + 1);
    expect(await sha256Hex(data)).toBe(nodeHex(data));
  });

  it.each(sizes)('matches Node for %i bytes (TypeScript fallback)', size => {
    const data = bytes(size, size + 1);
    expect(toHex(sha256Sync(data))).toBe(nodeHex(data));
  });

  it('hashes incrementally in any split', () => {
    const data = bytes(1000, 9);
    for (const split of [1, 7, 63, 64, 65, 500]) {
      const hasher = new Sha256();
      for (let i = 0; i < data.length; i += split) {
        hasher.update(data.subarray(i, i + split));
      }
      expect(toHex(hasher.digest())).toBe(nodeHex(data));
    }
  });

  it('uses the fallback when WebCrypto is missing (plain-HTTP pages)', async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true });
    try {
      expect(toHex(await sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    } finally {
      Object.defineProperty(globalThis, 'crypto', saved!);
    }
  });

  it('gives inputs up to SMALL_INPUT_SHA256_BYTES to a lent synchronous digest, bigger ones to WebCrypto', async () => {
    const seen: number[] = [];
    lendSha256ForSmallInputs(data => {
      seen.push(data.byteLength);
      return createHash('sha256').update(data).digest();
    });
    try {
      for (const size of [0, 1000, SMALL_INPUT_SHA256_BYTES, SMALL_INPUT_SHA256_BYTES + 1]) {
        const data = bytes(size, 3);
        expect(await sha256Hex(data)).toBe(nodeHex(data));
      }
      expect(seen).toEqual([0, 1000, SMALL_INPUT_SHA256_BYTES]);
    } finally {
      lendSha256ForSmallInputs(undefined);
    }
    await sha256(bytes(10));
    expect(seen).toHaveLength(3);
  });

  it('encodes base64 as S3 does', async () => {
    const data = new TextEncoder().encode('hello world');
    expect(await sha256Base64(data)).toBe(createHash('sha256').update('hello world').digest('base64'));
    const all = new Uint8Array(256).map((_, i) => i);
    expect(toBase64(all)).toBe(Buffer.from(all).toString('base64'));
    expect(Array.from(fromBase64(toBase64(all)))).toEqual(Array.from(all));
    expect(toBase64(new Uint8Array(0))).toBe('');
  });

  it("uses the platform's own Uint8Array toBase64 where there is one (browsers: much faster than the loop)", () => {
    const bytes = Uint8Array.of(1, 2, 3);
    const native = jest.fn(() => 'native');
    Object.defineProperty(bytes, 'toBase64', { value: native });
    expect(toBase64(bytes)).toBe('native');
    expect(native).toHaveBeenCalledTimes(1);
  });
});

import { base64ToBytes, bytesToBase64, decodeUtf8 } from './encoding';

describe('drive encodings', () => {
  it('round-trips every byte value through base64, also past the chunk size', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    const encoded = bytesToBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(encoded)).toEqual(bytes);
  });

  it('decodes valid UTF-8 and refuses binary', () => {
    expect(decodeUtf8(new TextEncoder().encode('ünïcödé 😀'))).toBe('ünïcödé 😀');
    expect(decodeUtf8(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe]))).toBeNull();
  });

  it('keeps a UTF-8 byte order mark, so the text encodes back to the same bytes', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a]);
    const text = decodeUtf8(bytes);
    expect(text).toBe('\uFEFFa\r\n');
    expect(Buffer.from(new TextEncoder().encode(text!))).toEqual(Buffer.from(bytes));
  });
});

/**
 * Unit tests of the part layout (quilt3's `get_checksum_chunksize`) and Quilt's
 * `sha2-256-chunked` hash, with expected values computed independently (Node's crypto).
 */
import { createHash } from 'crypto';
import { uploadPartsInFlight } from './control';
import { patternBytes } from '../../testing/transfer-fixtures';
import { HeliumError } from '../error-class';
import { BASE_PART_SIZE, MAX_OBJECT_SIZE, partCount, partRange, partSizeFor } from './part-size';
import { compositeSha256, parseS3Checksum, quiltChunkedHash, quiltHashFromS3Checksum } from './quilt-hash';
import { bytesSource } from './sources';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

const sha = (data: Uint8Array) => createHash('sha256').update(data).digest();

/** Quilt's rule written out again, independently: 8 MiB chunks (our sizes stay far below 80,000 MiB). */
function referenceQuiltHash(data: Uint8Array): string {
  const digests: Buffer[] = [];
  for (let start = 0; start < data.length; start += 8 * MiB) {
    digests.push(sha(data.subarray(start, start + 8 * MiB)));
  }
  return sha(Buffer.concat(digests)).toString('base64');
}

describe('partSizeFor', () => {
  it.each([
    [0, 8 * MiB],
    [1, 8 * MiB],
    [8 * MiB, 8 * MiB],
    [8 * MiB + 1, 8 * MiB],
    [10_000 * 8 * MiB, 8 * MiB], // 80,000 MiB: exactly 10,000 parts
    [10_000 * 8 * MiB + 1, 16 * MiB], // one more byte: doubling
    [80 * GiB + 1, 16 * MiB],
    [20_000 * 8 * MiB + 1, 32 * MiB],
    [MAX_OBJECT_SIZE, 1024 * MiB]
  ])('size %d → %d', (size, expected) => {
    expect(partSizeFor(size)).toBe(expected);
    expect(Math.ceil(size / expected)).toBeLessThanOrEqual(10_000);
  });

  it('counts parts and ranges', () => {
    expect(partCount(0)).toBe(0);
    expect(partCount(1)).toBe(1);
    expect(partCount(8 * MiB)).toBe(1);
    expect(partCount(8 * MiB + 1)).toBe(2);
    expect(partCount(20 * MiB)).toBe(3);
    expect(partCount(80 * GiB + 1)).toBe(5121);
    expect(partRange(20 * MiB, 2)).toEqual({ index: 2, start: 16 * MiB, end: 20 * MiB });
  });

  it('refuses sizes S3 cannot store', () => {
    for (const bad of [-1, 1.5, NaN, MAX_OBJECT_SIZE + 1]) {
      expect(() => partSizeFor(bad)).toThrow(HeliumError);
    }
  });
});

describe('quiltChunkedHash', () => {
  it.each([
    ['0 bytes', 0],
    ['small', 1000],
    ['exactly 8 MiB', 8 * MiB],
    ['8 MiB + 1', 8 * MiB + 1],
    ['20 MiB', 20 * MiB]
  ])('%s equals the reference', async (_label, size) => {
    const data = patternBytes(size, size);
    expect(await quiltChunkedHash(bytesSource(data))).toBe(referenceQuiltHash(data));
  });

  it('matches the fixed cases of the rule', async () => {
    // Empty: sha256("") itself, not sha256(sha256("")).
    expect(await quiltChunkedHash(bytesSource(new Uint8Array(0)))).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    // One part: sha256(sha256(bytes)) (the value quilt3's own tests expect for "Hello, World!").
    const hello = new TextEncoder().encode('Hello, World!');
    expect(await quiltChunkedHash(bytesSource(hello))).toBe('BCp9ZKWB7y7pg/IQWIAcw1ZjtwXmxV9i+o4PGOzHCYk=');
    // Exactly 8 MiB is still one part; 8 MiB + 1 is two, the second of one byte.
    const data = patternBytes(8 * MiB + 1, 7);
    const one = sha(data.subarray(0, 8 * MiB));
    expect(await quiltChunkedHash(bytesSource(data.subarray(0, 8 * MiB)))).toBe(sha(one).toString('base64'));
    const two = sha(Buffer.concat([one, sha(data.subarray(8 * MiB))])).toString('base64');
    expect(await quiltChunkedHash(bytesSource(data))).toBe(two);
  });

  it('is the composite of the part digests', async () => {
    const digests = [sha(new Uint8Array([1])), sha(new Uint8Array([2]))];
    expect(await compositeSha256(digests)).toBe(sha(Buffer.concat(digests)).toString('base64'));
    expect(await compositeSha256([])).toBe(sha(new Uint8Array(0)).toString('base64'));
  });
});

describe('S3 checksums and Quilt hashes', () => {
  it('parses the -N suffix', () => {
    expect(parseS3Checksum('abc+/=-3')).toEqual({ digest: 'abc+/=', parts: 3 });
    expect(parseS3Checksum('abc+/=')).toEqual({ digest: 'abc+/=' });
  });

  it('derives the Quilt hash from a full-object checksum of one part', async () => {
    const data = patternBytes(5000, 3);
    const s3 = sha(data).toString('base64');
    expect(await quiltHashFromS3Checksum(s3, data.length)).toBe(referenceQuiltHash(data));
    // The empty object's checksum is its Quilt hash.
    const empty = sha(new Uint8Array(0)).toString('base64');
    expect(await quiltHashFromS3Checksum(empty, 0)).toBe(empty);
  });

  it('takes a composite checksum with our part count as is, and nothing else', async () => {
    expect(await quiltHashFromS3Checksum('QUJD-3', 20 * MiB)).toBe('QUJD');
    expect(await quiltHashFromS3Checksum('QUJD-4', 20 * MiB)).toBeUndefined(); // other part sizes
    expect(await quiltHashFromS3Checksum('QUJD', 20 * MiB)).toBeUndefined(); // full-object of many parts
    expect(await quiltHashFromS3Checksum('QUJD', 1000, 'COMPOSITE')).toBeUndefined();
    expect(BASE_PART_SIZE).toBe(8 * MiB);
  });
});

describe('uploadPartsInFlight', () => {
  it('fits the parts in flight in 128 MiB, each counted twice', () => {
    expect(uploadPartsInFlight(8 * 1024 * 1024)).toBe(8);
    expect(uploadPartsInFlight(16 * 1024 * 1024)).toBe(4);
    expect(uploadPartsInFlight(1024 * 1024 * 1024)).toBe(1);
    expect(uploadPartsInFlight(1024 * 1024)).toBe(16);
  });
});

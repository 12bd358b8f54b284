import { sha256Base64, sha256Hex } from '../service/checksum';
import type { IDiffSide } from '../tokens';
import { isHeliumError } from '../service/error-class';
import {
  checksumKind,
  decideFromContent,
  decideFromFacts,
  HASH_CHUNK_BYTES,
  IChunkRange,
  sha256OfChunks,
  sidesToRead
} from './diff-summary-evidence';
import { markingTrans, testTrans as trans } from '../testing/translation';

function side(extra: Partial<IDiffSide>): IDiffSide {
  return { connection: 'c', bucket: 'b', key: 'k.bin', label: 'x', ...extra };
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** A chunk reader over some bytes, like a ranged GET: slices, and reports the whole size. */
function rangeReader(data: Uint8Array, ranges: IChunkRange[] = []) {
  return async (range: IChunkRange) => {
    ranges.push(range);
    return { bytes: data.slice(range.start, range.end), size: data.length };
  };
}

/** Deterministic pseudo-random bytes. */
function noise(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = 12345;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('checksumKind', () => {
  it('tells whole-object checksums from multipart ones, by checksum or ETag suffix', () => {
    expect(checksumKind(side({}))).toBeNull();
    expect(checksumKind(side({ checksumSha256: 'abc=', etag: '0123' }))).toEqual({ kind: 'full', value: 'abc=' });
    expect(checksumKind(side({ checksumSha256: 'abc=-3' }))).toEqual({ kind: 'composite', parts: 3, value: 'abc=' });
    expect(checksumKind(side({ checksumSha256: 'abc=', etag: '0123-2' }))).toEqual({ kind: 'composite', parts: 2, value: 'abc=' });
  });
});

describe('decideFromFacts', () => {
  it('says identical when checksums of the same kind are equal', () => {
    expect(decideFromFacts(side({ checksumSha256: 'x=', size: 5 }), side({ checksumSha256: 'x=', size: 5 }))).toEqual({
      verdict: 'identical',
      evidence: 'checksum'
    });
    expect(decideFromFacts(side({ checksumSha256: 'x=-2' }), side({ checksumSha256: 'x=-2' })).verdict).toBe('identical');
  });

  it('says different by size before anything else that differs', () => {
    expect(decideFromFacts(side({ checksumSha256: 'x=', size: 5 }), side({ checksumSha256: 'y=', size: 6 }))).toEqual({
      verdict: 'different',
      evidence: 'size'
    });
  });

  it('says different when same-kind checksums differ with equal sizes', () => {
    expect(decideFromFacts(side({ checksumSha256: 'x=', size: 5 }), side({ checksumSha256: 'y=', size: 5 })).evidence).toBe('checksum');
  });

  it('cannot decide from checksums of different kinds or missing ones when sizes match', () => {
    const full = side({ checksumSha256: 'x=', size: 5 });
    const multi = side({ checksumSha256: 'x=-2', size: 5 });
    expect(decideFromFacts(full, multi)).toEqual({ verdict: 'unknown', evidence: 'none' });
    expect(decideFromFacts(side({ size: 5 }), side({ size: 5 })).verdict).toBe('unknown');
    expect(decideFromFacts(side({ checksumSha256: 'x=-2' }), side({ checksumSha256: 'y=-3' })).verdict).toBe('unknown');
  });
});

describe('sha256OfChunks', () => {
  it('reads 8 MiB chunks by default', () => {
    expect(HASH_CHUNK_BYTES).toBe(8 * 1024 * 1024);
  });

  it('hashes range by range, never asking for more than a chunk, to the same digest as whole', async () => {
    const data = noise(10_000);
    const ranges: IChunkRange[] = [];
    const digest = await sha256OfChunks(data.length, rangeReader(data, ranges), { chunkBytes: 4096, trans });
    expect(digest).toBe(await sha256Hex(data));
    expect(ranges).toEqual([
      { start: 0, end: 4096 },
      { start: 4096, end: 8192 },
      { start: 8192, end: 10_000 }
    ]);
    expect(Math.max(...ranges.map(r => r.end - r.start))).toBeLessThanOrEqual(4096);
  });

  it('takes the size from the first response when it is not known, and reads nothing for 0 bytes', async () => {
    const data = noise(5000);
    const ranges: IChunkRange[] = [];
    expect(await sha256OfChunks(undefined, rangeReader(data, ranges), { chunkBytes: 2048, trans })).toBe(await sha256Hex(data));
    expect(ranges.map(r => r.start)).toEqual([0, 2048, 4096]);
    const none: IChunkRange[] = [];
    expect(await sha256OfChunks(0, rangeReader(new Uint8Array(0), none), { trans })).toBe(await sha256Hex(new Uint8Array(0)));
    expect(none).toHaveLength(0);
  });

  it('checks the abort signal between chunks', async () => {
    const data = noise(10_000);
    const controller = new AbortController();
    const ranges: IChunkRange[] = [];
    const read = rangeReader(data, ranges);
    const hashing = sha256OfChunks(
      data.length,
      async range => {
        const chunk = await read(range);
        if (ranges.length === 2) {
          controller.abort();
        }
        return chunk;
      },
      { chunkBytes: 1000, signal: controller.signal, trans }
    );
    const error = await hashing.catch(e => e);
    expect(isHeliumError(error, 'Cancelled')).toBe(true);
    expect(ranges).toHaveLength(2);
  });

  it('fails when the object changes size or ends early while it is read', async () => {
    const data = noise(3000);
    const grown = sha256OfChunks(data.length, async range => ({ bytes: data.slice(range.start, range.end), size: 4000 }), {
      chunkBytes: 1000,
      trans
    });
    expect(isHeliumError(await grown.catch(e => e), 'Conflict')).toBe(true);
    const short = sha256OfChunks(5000, async range => ({ bytes: data.slice(range.start, range.end) }), { chunkBytes: 1000, trans });
    expect(isHeliumError(await short.catch(e => e), 'Conflict')).toBe(true);
    // What the diff tab shows goes through the translator.
    const marked = sha256OfChunks(5000, async range => ({ bytes: data.slice(range.start, range.end) }), {
      chunkBytes: 1000,
      trans: markingTrans
    });
    expect((await marked.catch(e => e)).message).toBe('«The object ended at byte 3000 of 5000; compare again.»');
  });
});

describe('decideFromContent', () => {
  it('hashes both sides in chunks when neither has a whole-object checksum', async () => {
    const read: string[] = [];
    const content: Record<string, Uint8Array> = { a: noise(2500), b: noise(2500) };
    const decision = await decideFromContent(
      side({ key: 'a', size: 2500 }),
      side({ key: 'b', size: 2500 }),
      async (s, range) => {
        read.push(`${s.key}:${range.start}`);
        return rangeReader(content[s.key])(range);
      },
      { chunkBytes: 1000, trans }
    );
    expect(read.sort()).toEqual(['a:0', 'a:1000', 'a:2000', 'b:0', 'b:1000', 'b:2000']);
    const expected = await sha256Hex(content.a);
    expect(decision).toEqual({ verdict: 'identical', evidence: 'content', digests: { left: expected, right: expected } });
  });

  it('reads only the side without a whole-object checksum', async () => {
    const known = side({ key: 'a', checksumSha256: await sha256Base64(bytes('hello')), size: 5 });
    const multi = side({ key: 'b', checksumSha256: 'zzz=-2', size: 5 });
    expect(sidesToRead(known, multi)).toEqual(['right']);
    const read: string[] = [];
    const same = await decideFromContent(
      known,
      multi,
      async (s, range) => {
        read.push(s.key);
        return rangeReader(bytes('hello'))(range);
      },
      { trans }
    );
    expect(read).toEqual(['b']);
    expect(same.verdict).toBe('identical');
    const different = await decideFromContent(known, multi, async (_s, range) => rangeReader(bytes('hellO'))(range), { trans });
    expect(different.verdict).toBe('different');
  });
});

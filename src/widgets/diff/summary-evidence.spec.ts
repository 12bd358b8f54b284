import { sha256Base64, sha256Hex } from '../../service/checksum';
import type { IDiffSide } from '../../tokens';
import { checksumKind, decideFromContent, decideFromFacts, sidesToRead } from './summary-evidence';

function side(extra: Partial<IDiffSide>): IDiffSide {
  return { connection: 'c', bucket: 'b', key: 'k.bin', label: 'x', ...extra };
}

const bytes = (text: string) => new TextEncoder().encode(text);

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

describe('decideFromContent', () => {
  it('hashes both sides when neither has a whole-object checksum', async () => {
    const read: string[] = [];
    const content: Record<string, string> = { a: 'hello', b: 'hello' };
    const decision = await decideFromContent(side({ key: 'a' }), side({ key: 'b' }), async s => {
      read.push(s.key);
      return bytes(content[s.key]);
    });
    expect(read.sort()).toEqual(['a', 'b']);
    expect(decision).toEqual({
      verdict: 'identical',
      evidence: 'content',
      digests: { left: await sha256Hex(bytes('hello')), right: await sha256Hex(bytes('hello')) }
    });
  });

  it('reads only the side without a whole-object checksum', async () => {
    const known = side({ key: 'a', checksumSha256: await sha256Base64(bytes('hello')), size: 5 });
    const multi = side({ key: 'b', checksumSha256: 'zzz=-2', size: 5 });
    expect(sidesToRead(known, multi)).toEqual(['right']);
    const read: string[] = [];
    const same = await decideFromContent(known, multi, async s => {
      read.push(s.key);
      return bytes('hello');
    });
    expect(read).toEqual(['b']);
    expect(same.verdict).toBe('identical');
    const different = await decideFromContent(known, multi, async () => bytes('hellO'));
    expect(different.verdict).toBe('different');
  });
});

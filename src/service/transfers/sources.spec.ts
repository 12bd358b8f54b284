/**
 * Unit tests of the platform-free sources and sinks, and of retry classification.
 */
import { Blob as NodeBlob } from 'buffer';
import { HeliumError } from '../error-class';
import { backoffDelay, isRetryableError } from './retry';
import { memorySink } from './sinks';
import { blobSource, bytesSource, readExactly } from './sources';

describe('sources', () => {
  const data = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

  it('bytesSource reads ranges and refuses ranges outside', async () => {
    const source = bytesSource(data);
    expect(source.size).toBe(10);
    expect(Array.from(await source.read(2, 5))).toEqual([2, 3, 4]);
    await expect(source.read(5, 11)).rejects.toThrow(RangeError);
  });

  it('blobSource slices the Blob', async () => {
    const source = blobSource(new NodeBlob([data]) as unknown as Blob);
    expect(source.size).toBe(10);
    expect(Array.from(await source.read(7, 10))).toEqual([7, 8, 9]);
    expect((await source.read(0, 0)).byteLength).toBe(0);
  });

  it('readExactly refuses a short read', async () => {
    const shrunk = { size: 10, read: async () => new Uint8Array(3) };
    const err = await readExactly(shrunk, 0, 10).catch(e => e);
    expect(err).toBeInstanceOf(HeliumError);
    expect(err.code).toBe('SourceChanged');
  });
});

describe('memorySink', () => {
  it('collects, closes and aborts', async () => {
    const sink = memorySink();
    await sink.write(new Uint8Array([1, 2]));
    await sink.write(new Uint8Array([3]));
    expect(Array.from(sink.bytes())).toEqual([1, 2, 3]);
    expect(sink.chunks.length).toBe(2);
    await sink.close();
    expect(sink.closed).toBe(true);
    await expect(sink.write(new Uint8Array([4]))).rejects.toThrow(HeliumError);
    const other = memorySink();
    await other.write(new Uint8Array([1]));
    await other.abort();
    expect(other.aborted).toBe(true);
    expect(other.bytes().byteLength).toBe(0);
  });

  it('refuses more than its limit', async () => {
    const sink = memorySink(2);
    await expect(sink.write(new Uint8Array(3))).rejects.toThrow(/larger than 2 bytes/);
  });
});

describe('retry classification', () => {
  const sdkError = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

  it.each([
    ['SlowDown 503', sdkError('SlowDown', 503), true],
    ['InternalError 500', sdkError('InternalError', 500), true],
    ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), true],
    ['socket hang up', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true],
    ['EPIPE', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }), true],
    ['Failed to fetch', new TypeError('Failed to fetch'), true],
    ['AccessDenied 403', sdkError('AccessDenied', 403), false],
    ['NoSuchKey 404', sdkError('NoSuchKey', 404), false],
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), false],
    ['AbortError', Object.assign(new Error('aborted'), { name: 'AbortError' }), false],
    ['Cancelled', new HeliumError('Cancelled', 'x'), false]
  ])('%s → %s', (_label, err, expected) => {
    expect(isRetryableError(err)).toBe(expected);
  });

  it('backs off exponentially with full jitter, more on throttling', () => {
    const reset = Object.assign(new Error('x'), { code: 'ECONNRESET' });
    expect(backoffDelay(0, reset, () => 0.999)).toBe(99);
    expect(backoffDelay(3, reset, () => 0.5)).toBe(400);
    expect(backoffDelay(0, sdkError('SlowDown', 503), () => 0.999)).toBe(499);
    expect(backoffDelay(30, reset, () => 0.999)).toBeLessThanOrEqual(20_000);
    expect(backoffDelay(2, reset, () => 0)).toBe(0);
  });
});

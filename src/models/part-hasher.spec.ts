/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { createHash } from 'crypto';
import type { ByteSource } from '../service/transfers/types';
import type { PartHashRequest, PartHashResponse } from '../workers/part-hash-protocol';
import { PartHasher, workerHashedSource } from './part-hasher';

const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
const sha = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());

/** A worker stand-in: answers each request with `answer`, which sees the Blob's size. */
function fakeWorker(answer: (request: PartHashRequest) => PartHashResponse | 'crash') {
  const requests: PartHashRequest[] = [];
  const worker = {
    onmessage: null as ((event: MessageEvent<PartHashResponse>) => void) | null,
    onerror: null as (() => void) | null,
    terminated: false,
    postMessage(request: PartHashRequest) {
      requests.push(request);
      const response = answer(request);
      setTimeout(() =>
        response === 'crash' ? worker.onerror?.() : worker.onmessage?.({ data: response } as MessageEvent<PartHashResponse>)
      );
    },
    terminate() {
      worker.terminated = true;
    }
  };
  return { worker, requests };
}

/** The engine's fallback, recording what the page had to read itself. */
function pageEngine() {
  const reads: [number, number][] = [];
  return {
    reads,
    lib: {
      readExactly: async (source: ByteSource, start: number, end: number) => {
        reads.push([start, end]);
        return source.read(start, end);
      },
      sha256: async (data: Uint8Array) => sha(data)
    }
  };
}

const source: ByteSource = { size: bytes.length, read: async (start, end) => bytes.slice(start, end) };
/** A stand-in for the File: only `slice` is used, and its slices go to the worker. */
const blob = { slice: (start: number, end: number) => ({ start, end, size: end - start }) } as unknown as Blob;

describe('workerHashedSource: parts sent as Blob slices, hashed by a worker', () => {
  it("sends the File's slice with the worker's digest; the page reads nothing", async () => {
    const digest = sha(bytes.subarray(10, 40));
    const { worker, requests } = fakeWorker(r => ({ id: r.id, sha256: digest, size: r.blob.size }));
    const hasher = new PartHasher(() => worker as unknown as Worker);
    const { lib, reads } = pageEngine();
    const part = await workerHashedSource(source, blob, hasher, lib).partForUpload!(10, 40);
    expect(part.body).toEqual({ start: 10, end: 40, size: 30 });
    expect(part.sha256).toBe(digest);
    expect(requests.map(r => r.blob)).toEqual([{ start: 10, end: 40, size: 30 }]);
    expect(reads).toEqual([]);
  });

  it('answers concurrent parts by their ids', async () => {
    const { worker } = fakeWorker(r => ({ id: r.id, sha256: Uint8Array.of(r.blob.size), size: r.blob.size }));
    const hasher = new PartHasher(() => worker as unknown as Worker);
    const hashed = await Promise.all([hasher.hash(blob.slice(0, 5)), hasher.hash(blob.slice(0, 7)), hasher.hash(blob.slice(0, 9))]);
    expect(hashed.map(h => h?.sha256[0])).toEqual([5, 7, 9]);
  });

  it('reads and hashes on the page when the worker could not read the part, or read fewer bytes', async () => {
    let mode: 'error' | 'short' = 'error';
    const { worker } = fakeWorker(r =>
      mode === 'error' ? { id: r.id, error: 'NotReadableError: changed' } : { id: r.id, sha256: new Uint8Array(32), size: r.blob.size - 1 }
    );
    const hasher = new PartHasher(() => worker as unknown as Worker);
    const { lib, reads } = pageEngine();
    const hashedSource = workerHashedSource(source, blob, hasher, lib);
    const failed = await hashedSource.partForUpload!(0, 50);
    expect(Array.from(failed.body as Uint8Array)).toEqual(Array.from(bytes.subarray(0, 50)));
    expect(failed.sha256).toEqual(sha(bytes.subarray(0, 50)));
    mode = 'short';
    const short = await hashedSource.partForUpload!(50, 100);
    expect(short.sha256).toEqual(sha(bytes.subarray(50, 100)));
    expect(reads).toEqual([
      [0, 50],
      [50, 100]
    ]);
  });

  it('without a worker, or after it crashed, every part is read on the page', async () => {
    const none = new PartHasher(() => undefined);
    const { lib, reads } = pageEngine();
    await workerHashedSource(source, blob, none, lib).partForUpload!(0, 10);
    expect(reads).toEqual([[0, 10]]);

    const { worker, requests } = fakeWorker(() => 'crash');
    const crashing = new PartHasher(() => worker as unknown as Worker);
    expect(await crashing.hash(blob.slice(0, 10))).toBeUndefined();
    expect(worker.terminated).toBe(true);
    expect(await crashing.hash(blob.slice(0, 10))).toBeUndefined();
    expect(requests).toHaveLength(1); // nothing more is sent to a crashed worker
  });
});

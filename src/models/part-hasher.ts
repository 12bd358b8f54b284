/**
 * Uploads from the computer without the page's thread touching the file's bytes: each part is
 * sent as a slice of the File (a Blob, which the browser reads by itself while sending) and its
 * SHA-256, which S3 checks and Quilt's hash is made of, is computed by a worker that reads the
 * same slice. Reading, hashing and copying 8 MiB parts on the page cost long tasks of 100 ms and
 * more on a loaded machine, and the page's thread was what limited the upload's throughput.
 *
 * Without a worker (no secure context, a worker that fails to start or to read), a part is read
 * and hashed on the page as before.
 */
import type { ByteSource, UploadPartBody } from '../service/transfers/types';
import type { PartHashRequest, PartHashResponse } from '../workers/part-hash-protocol';
import { WorkerRequests } from './worker-requests';

/** What the page-side fallback needs from the engine. */
export interface HashingEngine {
  readExactly(source: ByteSource, start: number, end: number): Promise<Uint8Array>;
  sha256(bytes: Uint8Array): Promise<Uint8Array>;
}

/** A worker's answer for one Blob. */
export interface PartHash {
  sha256: Uint8Array;
  size: number;
}

/** Hashes Blobs in one worker, started on first use and shared by every upload of the page. */
export class PartHasher {
  /**
   * @param start - starts the worker, on first use (`startPartHashWorker`; tests give a fake
   *   one); undefined when there is none.
   */
  constructor(start: () => Worker | undefined) {
    this._requests = new WorkerRequests<PartHashRequest, PartHashResponse, PartHash>(start, answer => ({
      sha256: answer.sha256,
      size: answer.size
    }));
  }

  /**
   * The SHA-256 of a Blob's bytes, and their count.
   * @param blob - the bytes.
   * @returns the hash, or undefined when no worker can compute it (the caller hashes itself:
   *   also after a read the worker could not do, a file changed on disk…, so that the engine's
   *   checks say what is wrong).
   */
  hash(blob: Blob): Promise<PartHash | undefined> {
    return this._requests.send({ blob });
  }

  private readonly _requests: WorkerRequests<PartHashRequest, PartHashResponse, PartHash>;
}

/**
 * A Blob's source whose upload parts are Blob slices hashed by the worker.
 * @param source - the engine's source over the Blob (`blobSource(blob)`), used for everything else.
 * @param blob - the Blob.
 * @param hasher - the worker.
 * @param lib - the engine, for parts the worker cannot hash.
 * @returns the source.
 */
export function workerHashedSource(source: ByteSource, blob: Blob, hasher: PartHasher, lib: HashingEngine): ByteSource {
  return {
    size: source.size,
    read: (start, end) => source.read(start, end),
    partForUpload: async (start, end): Promise<UploadPartBody> => {
      const body = blob.slice(start, end);
      const hashed = await hasher.hash(body);
      if (hashed && hashed.size === end - start) {
        return { body, sha256: hashed.sha256 };
      }
      // No worker, or a short read (the file shrank): read here; readExactly says what changed.
      const bytes = await lib.readExactly(source, start, end);
      return { body: bytes, sha256: await lib.sha256(bytes) };
    }
  };
}

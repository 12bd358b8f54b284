/**
 * Writing a stream's bytes behind its reading: network chunks (often 16–64 KiB) are gathered
 * into batches, and one batch is written while the next one is read, so the network and the
 * disk work at the same time and the sink sees a few large writes instead of many small ones.
 * Memory: at most two batches per stream (the one being written, the one being gathered).
 */
import { joinChunks } from './join-chunks';

/** Gathers contiguous chunks and writes them in batches, one write in flight. */
export class WriteBehind {
  private _chunks: Uint8Array[] = [];
  private _start = 0;
  private _bytes = 0;
  private _inflight: Promise<void> | undefined;
  private _error: { error: unknown } | undefined;

  /**
   * @param write - writes bytes at an offset.
   * @param maxBatch - the size at which a batch waits for the write in flight.
   */
  constructor(
    private readonly _write: (offset: number, bytes: Uint8Array) => Promise<void>,
    private readonly _maxBatch: number
  ) {}

  /**
   * Add the next bytes (right after the previous ones). Resolves at once, unless the batch is
   * full and a write is in flight: then when that write is done (backpressure).
   * @param offset - where the bytes go.
   * @param bytes - the bytes (kept until written: the caller must not reuse them).
   * @throws what a previous write threw.
   */
  async push(offset: number, bytes: Uint8Array): Promise<void> {
    this._throwIfFailed();
    if (this._bytes === 0) {
      this._start = offset;
    }
    this._chunks.push(bytes);
    this._bytes += bytes.byteLength;
    if (this._inflight && this._bytes >= this._maxBatch) {
      await this._inflight;
      this._throwIfFailed();
    }
    // The first write waits for a quarter batch: a small object is written once, at the flush.
    if (!this._inflight && this._bytes >= this._maxBatch / 4) {
      this._startWrite();
    }
  }

  /**
   * Write everything gathered and wait for it.
   * @throws what a write threw.
   */
  async flush(): Promise<void> {
    while (this._inflight || this._bytes > 0) {
      if (this._inflight) {
        await this._inflight;
      } else {
        this._startWrite();
      }
      this._throwIfFailed();
    }
    this._throwIfFailed();
  }

  /** Start writing the gathered batch (one write in flight at a time). */
  private _startWrite(): void {
    const chunks = this._chunks;
    const start = this._start;
    const bytes = joinChunks(chunks, this._bytes);
    this._chunks = [];
    this._bytes = 0;
    this._inflight = this._write(start, bytes).then(
      () => {
        this._inflight = undefined;
      },
      (error: unknown) => {
        this._error ??= { error };
        this._inflight = undefined;
      }
    );
  }

  /** @throws the first write's error, if one failed. */
  private _throwIfFailed(): void {
    if (this._error) {
      throw this._error.error;
    }
  }
}

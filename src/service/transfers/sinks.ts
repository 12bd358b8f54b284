/**
 * Byte sinks that need no platform.
 */
import { HeliumError } from '../error-class';
import type { ByteSink } from './types';
import { joinChunks } from './join-chunks';

/** A sink that keeps what it receives in memory. */
export interface MemorySink extends ByteSink {
  /** The bytes received so far, joined (the whole object once `closed`). */
  bytes(): Uint8Array;
  /** Each `write` as it came (for tests of ordering and chunking). */
  readonly chunks: readonly Uint8Array[];
  /** Whether `close()` was called. */
  readonly closed: boolean;
  /** Whether `abort()` was called (the bytes are dropped). */
  readonly aborted: boolean;
}

/**
 * A sink collecting bytes in memory, for tests and small reads.
 * @param maxBytes - refuse more than this many bytes (default: no limit).
 * @returns the sink.
 */
export function memorySink(maxBytes = Infinity): MemorySink {
  let chunks: Uint8Array[] = [];
  let length = 0;
  let closed = false;
  let aborted = false;
  return {
    get chunks() {
      return chunks;
    },
    get closed() {
      return closed;
    },
    get aborted() {
      return aborted;
    },
    async write(bytes: Uint8Array): Promise<void> {
      if (closed || aborted) {
        throw new HeliumError('InvalidInput', 'This download target was already closed.', { code: 'SinkClosed' });
      }
      if (length + bytes.byteLength > maxBytes) {
        throw new HeliumError(
          'InvalidInput',
          `The object is larger than ${maxBytes.toLocaleString('en-US')} bytes, the most this in-memory read allows. Download it to a file instead.`,
          { code: 'TooLarge' }
        );
      }
      chunks.push(bytes);
      length += bytes.byteLength;
    },
    async close(): Promise<void> {
      closed = true;
    },
    async abort(): Promise<void> {
      aborted = true;
      chunks = [];
      length = 0;
    },
    bytes(): Uint8Array {
      return joinChunks(chunks, length);
    }
  };
}

/**
 * Writing bytes at offsets into a sink: straight through for sinks that write at any offset
 * (files), or, for sinks that take bytes only in order (the browser's chunked saves, hashing
 * sinks), through a reorder buffer whose size is capped: bytes ahead of the next one to write
 * wait in memory, and a writer ahead of the others waits while the buffer is full.
 */
import { Notifier } from './control';
import type { ByteSink } from './types';

/** Writes bytes at offsets. */
export interface OffsetWriter {
  /**
   * Write bytes at an offset; resolves when they are written or held (backpressure).
   * @param offset - where the bytes go.
   * @param bytes - the bytes.
   */
  writeAt(offset: number, bytes: Uint8Array): Promise<void>;
  /** Bytes held in memory, waiting for earlier bytes (always 0 for a random-access sink). */
  readonly buffered: number;
}

/**
 * A writer for a sink that writes at any offset.
 * @param sink - the sink, with `writeAt`.
 * @param sink.writeAt - its positional write.
 * @returns the writer.
 */
export function directWriter(sink: { writeAt(offset: number, bytes: Uint8Array): Promise<void> }): OffsetWriter {
  return { writeAt: (offset, bytes) => sink.writeAt(offset, bytes), buffered: 0 };
}

/**
 * A writer for a sink that takes bytes in order only. The bytes at the write position go to
 * the sink at once (the caller waits for the sink); bytes further on are held, at most
 * `maxBuffered` bytes of them (a writer that would exceed it waits until earlier bytes are
 * written; a write at the position never waits for room, so the writers cannot all wait).
 * @param sink - the in-order sink.
 * @param maxBuffered - the most bytes held.
 * @param signal - the download's abort: stops writers waiting for room.
 * @returns the writer.
 */
export function orderedWriter(sink: ByteSink, maxBuffered: number, signal?: AbortSignal): OffsetWriter {
  const held = new Map<number, Uint8Array>();
  const changed = new Notifier();
  // A failed or cancelled download wakes the writers waiting for room, so none waits forever.
  signal?.addEventListener('abort', () => changed.notify(), { once: true });
  let position = 0;
  let buffered = 0;
  let draining: Promise<void> | undefined;

  const drain = async (): Promise<void> => {
    for (let bytes = held.get(position); bytes; bytes = held.get(position)) {
      held.delete(position);
      buffered -= bytes.byteLength;
      await sink.write(bytes);
      position += bytes.byteLength;
      changed.notify();
    }
  };
  // One drain at a time: the sink sees one write after the other.
  const kick = (): Promise<void> => {
    draining ??= drain().finally(() => {
      draining = undefined;
    });
    return draining;
  };

  return {
    get buffered() {
      return buffered;
    },
    async writeAt(offset: number, bytes: Uint8Array): Promise<void> {
      while (offset !== position && buffered + bytes.byteLength > maxBuffered) {
        if (signal?.aborted) {
          throw signal.reason ?? new Error('Cancelled');
        }
        await changed.wait();
      }
      held.set(offset, bytes);
      buffered += bytes.byteLength;
      // Wait until written when at the position (backpressure from the sink); further on, the
      // bytes are held and the caller goes on. Another drain may be running: wait it, then
      // drain again (our bytes may have arrived after it looked).
      while (held.get(offset) === bytes) {
        if (offset !== position) {
          return;
        }
        await kick();
      }
    }
  };
}

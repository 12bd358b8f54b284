/**
 * What uploads and downloads share: checked options, an internal abort linked to the caller's,
 * a progress reporter, and a notifier for workers that wait on each other.
 */
import { HeliumError } from '../error-class';
import { deriveSignal } from '../derived-signal';
import type { TransferProgress } from './types';
import { DEFAULT_RETRIES } from './retry';

/** Default number of requests in flight per transfer (a download's streams at most). */
export const DEFAULT_CONCURRENCY = 4;

/** The memory an upload's parts in flight may take when the caller does not say how many. */
export const UPLOAD_PARTS_MEMORY = 128 * 1024 * 1024;

/**
 * How many parts of an upload to have in flight by default: as many as fit in
 * {@link UPLOAD_PARTS_MEMORY}, counting each part twice (its bytes, and the copy WebCrypto makes to
 * hash them): 8 parts of 8 MiB, at least 1 and at most 16. More parts in flight keep more
 * connections busy; the budget keeps the memory bounded whatever the part size.
 * @param partSize - the upload's part size.
 * @returns the number of parts.
 */
export function uploadPartsInFlight(partSize: number): number {
  return Math.max(1, Math.min(16, Math.floor(UPLOAD_PARTS_MEMORY / (2 * partSize))));
}

/**
 * A whole number option within bounds, or its default.
 * @param value - what the caller gave.
 * @param name - the option's name, for the message.
 * @param fallback - the default.
 * @param min - the smallest accepted value.
 * @param max - the largest accepted value.
 * @returns the value.
 * @throws HeliumError `InvalidInput` for a value out of bounds.
 */
function wholeOption(value: number | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new HeliumError('InvalidInput', `"${name}" must be a whole number from ${min} to ${max}; it is ${String(value)}.`, {
      code: 'InvalidOption'
    });
  }
  return value;
}

/**
 * The concurrency and retry count of a transfer, checked.
 * @param options - what the caller gave.
 * @param defaultConcurrency - the concurrency when the caller gives none.
 * @returns both numbers.
 */
export function transferLimits(
  options: { concurrency?: number; retries?: number },
  defaultConcurrency = DEFAULT_CONCURRENCY
): {
  concurrency: number;
  retries: number;
} {
  return {
    concurrency: wholeOption(options.concurrency, 'concurrency', defaultConcurrency, 1, 64),
    retries: wholeOption(options.retries, 'retries', DEFAULT_RETRIES, 0, 20)
  };
}

/** An abort controller that also fires when the caller's signal does. */
export interface LinkedAbort {
  /** Aborted by the caller or by {@link LinkedAbort.abort}. */
  readonly signal: AbortSignal;
  /** Stop everything still running (e.g. after the first failure). */
  abort(reason?: unknown): void;
  /** Stop listening to the caller's signal. */
  dispose(): void;
}

/**
 * Create an internal abort linked to the caller's signal: cancelling either stops every
 * request of the transfer. Derived with {@link deriveSignal}, so the many transfers a command
 * runs at once hold a single listener on the caller's signal.
 * @param outer - the caller's signal.
 * @returns the linked abort.
 */
export function linkAbort(outer: AbortSignal | undefined): LinkedAbort {
  const derived = deriveSignal(outer);
  return {
    signal: derived.signal,
    abort: reason => derived.abort(reason),
    dispose: () => derived.release()
  };
}

/**
 * A progress reporter: counts confirmed bytes and calls the caller's callback.
 * @param totalBytes - the transfer's size.
 * @param onProgress - the caller's callback.
 * @returns `add(bytes)` to count more bytes (and report), and `report()` to report as is.
 */
export function progressReporter(
  totalBytes: number,
  onProgress: ((progress: TransferProgress) => void) | undefined
): { add(bytes: number): void; report(): void } {
  let transferredBytes = 0;
  const report = () => onProgress?.({ transferredBytes, totalBytes });
  return {
    add(bytes: number) {
      transferredBytes += bytes;
      report();
    },
    report
  };
}

/** Lets workers wait until something changed (a part finished, a slot freed, a failure). */
export class Notifier {
  private _waiters: (() => void)[] = [];

  /**
   * Wait for the next {@link Notifier.notify}.
   * @returns a promise resolved then.
   */
  wait(): Promise<void> {
    return new Promise(resolve => this._waiters.push(resolve));
  }

  /** Wake everyone waiting. */
  notify(): void {
    const waiters = this._waiters;
    this._waiters = [];
    waiters.forEach(wake => wake());
  }
}

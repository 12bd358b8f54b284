/** Whether long snapshot work ended because it was cancelled. */

/**
 * Whether an error is a cancellation.
 * @param err - what the work threw.
 * @param signal - the work's cancel signal: aborted means cancelled, whatever was thrown.
 * @returns true for a cancellation.
 */
export function isCancelled(err: unknown, signal?: AbortSignal): boolean {
  return (err as { kind?: string } | null)?.kind === 'Cancelled' || (signal?.aborted ?? false);
}

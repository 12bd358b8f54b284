/**
 * Waiting out the version stamps' settle time (src/service/snapshots/version-stamps.ts): a
 * snapshot stamps only versions written at least that long before it began, so a spec that
 * writes objects and means the next snapshot to stamp them waits first.
 */
import { STAMP_SETTLE_MS } from '../service/snapshots/version-stamps';

/**
 * Resolves once everything written so far is old enough for the next snapshot to stamp.
 * @returns when.
 */
export function afterStampSettle(): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, STAMP_SETTLE_MS + 1500));
}

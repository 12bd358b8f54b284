/**
 * A pin's lock, whatever its kind: the top hash a folder pin locks, or the version id a file pin
 * locks; and its short form for people.
 */
import type { Pin } from './types';

/**
 * What a pin locks.
 * @param pin - the pin.
 * @returns the top hash (a folder) or the version id (a file).
 */
export function pinLock(pin: Pin): string {
  return pin.kind === 'file' ? pin.version_id : pin.top_hash;
}

/**
 * A lock, short: 12 characters of a top hash, 12 of a version id (ids are opaque; AWS's start
 * unique enough, moto's are UUIDs).
 * @param lock - a top hash or version id.
 * @returns the short form.
 */
export function shortLock(lock: string): string {
  return lock.length > 12 ? lock.slice(0, 12) : lock;
}

/**
 * Re-locking pins to what they follow (`helium pins update`, the toolbar's *Update pin*): a folder
 * pin's `top_hash` becomes what its `latest` or tag names now, a file pin's `version_id` the key's
 * current version. Pure on the notebook value: the
 * caller writes the file, and only when something changed.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { HeliumError } from '../error-class';
import { makeFilePin, readNotebookPins, replacePins } from './notebook-pins';
import { headCurrent } from '../objects-read';
import { pinLock } from './pin-lock';
import { describeFollows, resolveFollowed } from './status';
import type { Pin, PinProblem } from './types';

/** What happened to one pin. */
export interface PinUpdate {
  name: string;
  /** `updated` (re-locked), `current` (already at what it follows), or `skipped` (see `reason`). */
  action: 'updated' | 'current' | 'skipped';
  from: string;
  /** The new lock: top hash or version id (`updated`). */
  to?: string;
  /** Why a pin was skipped (its reference names nothing, or could not be read). */
  reason?: string;
}

/** What {@link updatePins} computed. */
export interface UpdatePinsResult {
  /** The new notebook value; the given one when nothing changed. */
  notebook: unknown;
  /** Whether any pin changed (write the notebook only then). */
  changed: boolean;
  updates: PinUpdate[];
  /** Malformed pins, left exactly as they were. */
  problems: PinProblem[];
}

/** Options of {@link updatePins}. */
export interface UpdatePinsOptions {
  /** Update only the pin of this name (default: all). */
  only?: string;
  /** The clock for `pinned_at` (default `Date.now`). */
  now?: () => number;
  signal?: AbortSignal;
}

/**
 * A pin re-locked to what it follows now: a folder pin to the top hash its `latest` or tag names,
 * a file pin to the key's current version (with that version's ETag and size).
 * @param s3 - the client.
 * @param pin - the pin.
 * @param pinnedAt - the new `pinned_at` (kept when the lock does not change).
 * @param signal - cancels the reads.
 * @returns the pin, or null when the reference names nothing (no such tag, a deleted file).
 */
async function relock(s3: S3Client, pin: Pin, pinnedAt: string, signal?: AbortSignal): Promise<Pin | null> {
  if (pin.kind === 'file') {
    const current = await headCurrent(s3, { bucket: pin.bucket, key: pin.key, signal });
    if (!current?.versionId) {
      return null;
    }
    if (current.versionId === pin.version_id) {
      return pin;
    }
    if (current.versionId === 'null') {
      throw new HeliumError(
        'InvalidInput',
        `${pin.uri}'s current version has no version id (versioning is suspended on s3://${pin.bucket}), so a pin could not bring it back: turn versioning on, write the file again, then update the pin.`,
        { code: 'NotVersioned' }
      );
    }
    // Validated as any pin made here (an odd ETag is left out rather than refused).
    return {
      ...makeFilePin({
        bucket: pin.bucket,
        key: pin.key,
        versionId: current.versionId,
        etag: current.etag,
        size: current.size,
        name: pin.name
      }),
      pinned_at: pinnedAt
    };
  }
  const target = await resolveFollowed(s3, pin, signal);
  return target === null ? null : target === pin.top_hash ? pin : { ...pin, top_hash: target, pinned_at: pinnedAt };
}

/**
 * Re-lock a notebook's pins to what they follow.
 * @param s3 - the client.
 * @param notebook - the parsed `.ipynb`.
 * @param options - which pin, clock, signal.
 * @returns the new notebook value, whether it changed, and what happened to each pin.
 * @throws HeliumError `NotFound` (code `NoSuchPin`) when `only` names no valid pin; `Cancelled`.
 */
export async function updatePins(s3: S3Client, notebook: unknown, options: UpdatePinsOptions = {}): Promise<UpdatePinsResult> {
  const { pins, problems } = readNotebookPins(notebook);
  const chosen = options.only === undefined ? pins : pins.filter(p => p.name === options.only);
  if (options.only !== undefined && chosen.length === 0) {
    const bad = problems.find(p => p.name === options.only);
    throw new HeliumError(
      'NotFound',
      bad ? bad.message : `The notebook has no pin named "${options.only}" (its pins: ${pins.map(p => p.name).join(', ') || 'none'}).`,
      { code: 'NoSuchPin' }
    );
  }
  const replacements = new Map<number, Pin>();
  const updates: PinUpdate[] = [];
  const pinnedAt = new Date((options.now ?? Date.now)()).toISOString();
  for (const pin of chosen) {
    const from = pinLock(pin);
    let relocked: Pin | null;
    try {
      relocked = await relock(s3, pin, pinnedAt, options.signal);
    } catch (err) {
      if (err instanceof HeliumError && err.kind === 'Cancelled') {
        throw err;
      }
      updates.push({ name: pin.name, action: 'skipped', from, reason: err instanceof Error ? err.message : String(err) });
      continue;
    }
    if (relocked === null) {
      const reason =
        pin.kind === 'file'
          ? `${pin.uri} has no current version (deleted, or its bucket is gone), so there is nothing to re-lock to.`
          : `${pin.package} has no ${describeFollows(pin.follows)} in s3://${pin.bucket}, so there is nothing to re-lock to.`;
      updates.push({ name: pin.name, action: 'skipped', from, reason });
    } else if (pinLock(relocked) === from) {
      updates.push({ name: pin.name, action: 'current', from });
    } else {
      replacements.set(pin.index, relocked);
      updates.push({ name: pin.name, action: 'updated', from, to: pinLock(relocked) });
    }
  }
  const changed = replacements.size > 0;
  return { notebook: changed ? replacePins(notebook, replacements) : notebook, changed, updates, problems };
}

/**
 * Re-locking pins to what they follow (`helium pins update`, the toolbar's *Update pin*): each
 * pin's `top_hash` becomes what its `latest` or tag names now. Pure on the notebook value: the
 * caller writes the file, and only when something changed.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { HeliumError } from '../error-class';
import { readNotebookPins, replacePins } from './notebook-pins';
import { describeFollows, resolveFollowed } from './status';
import type { Pin, PinProblem } from './types';

/** What happened to one pin. */
export interface PinUpdate {
  name: string;
  /** `updated` (re-locked), `current` (already at what it follows), or `skipped` (see `reason`). */
  action: 'updated' | 'current' | 'skipped';
  from: string;
  /** The new top hash (`updated`). */
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
    let target: string | null;
    try {
      target = await resolveFollowed(s3, pin, options.signal);
    } catch (err) {
      if (err instanceof HeliumError && err.kind === 'Cancelled') {
        throw err;
      }
      updates.push({ name: pin.name, action: 'skipped', from: pin.top_hash, reason: err instanceof Error ? err.message : String(err) });
      continue;
    }
    if (target === null) {
      const what = describeFollows(pin.follows);
      updates.push({
        name: pin.name,
        action: 'skipped',
        from: pin.top_hash,
        reason: `${pin.package} has no ${what} in s3://${pin.bucket}, so there is nothing to re-lock to.`
      });
    } else if (target === pin.top_hash) {
      updates.push({ name: pin.name, action: 'current', from: pin.top_hash });
    } else {
      replacements.set(pin.index, { ...pin, top_hash: target, pinned_at: pinnedAt });
      updates.push({ name: pin.name, action: 'updated', from: pin.top_hash, to: target });
    }
  }
  const changed = replacements.size > 0;
  return { notebook: changed ? replacePins(notebook, replacements) : notebook, changed, updates, problems };
}

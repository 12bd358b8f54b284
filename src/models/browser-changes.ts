/**
 * Applying a change made through the UI (a put, a delete, a new folder) to the listing on screen
 * in place, without listing again: a save deep in a 100k-key folder keeps the scroll position and
 * the selection. Pure functions, plus one HEAD of the changed object.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Entry } from '../service';
import type { IObjectChange } from '../tokens';
import type { Engine } from './engine';

/** The key a row stands for: an object's key, a folder's prefix. */
export const entryId = (e: Entry): string => (e.kind === 'folder' ? e.prefix : e.key);

/**
 * Which change the folder on screen should apply, if any: the change itself when it is in that
 * folder; for a write deeper down (a folder upload), its top folder here when not listed yet.
 * @param lib - the engine.
 * @param prefix - the folder on screen.
 * @param entries - its rows loaded so far.
 * @param change - what changed (already known to be in the bucket on screen).
 * @returns the change to apply, or null.
 */
export function changeHere(lib: Engine, prefix: string, entries: readonly Entry[], change: IObjectChange): IObjectChange | null {
  if (lib.parentPrefix(change.key) === prefix) {
    return change;
  }
  if (change.type !== 'delete' && change.key.startsWith(prefix)) {
    const rest = change.key.slice(prefix.length);
    const folder = prefix + rest.slice(0, rest.indexOf('/') + 1);
    const known = entries.some(e => e.kind === 'folder' && e.prefix === folder);
    return known ? null : { ...change, key: folder, type: 'folder' };
  }
  return null;
}

/**
 * The row a change leaves: a folder, the object as S3 has it now (one HEAD), or null when deleted
 * (or gone again already).
 * @param lib - the engine.
 * @param s3 - the connection's client (called only for an object).
 * @param change - what changed.
 * @returns the row, or null.
 */
export async function entryAfterChange(lib: Engine, s3: () => Promise<S3Client>, change: IObjectChange): Promise<Entry | null> {
  if (change.type === 'delete') {
    return null;
  }
  if (change.key.endsWith('/')) {
    return { kind: 'folder', name: lib.basename(change.key), prefix: change.key };
  }
  try {
    const info = await lib.headObject(await s3(), { bucket: change.bucket, key: change.key });
    const entry: Entry = {
      kind: 'object',
      name: lib.basename(change.key),
      key: change.key,
      size: info.size,
      lastModified: info.lastModified,
      etag: info.etag
    };
    // As a listing would have it: the storage class, and a restore under way or done (HEAD's x-amz-restore).
    if (info.storageClass) {
      entry.storageClass = info.storageClass;
    }
    const restore = lib.parseRestoreHeader(info.restore);
    if (restore.state !== 'none') {
      entry.restore = {
        inProgress: restore.state === 'in-progress',
        ...(restore.state === 'restored' && restore.until ? { expiry: restore.until } : {})
      };
    }
    return entry;
  } catch {
    return null; // gone again already: treat as deleted
  }
}

/**
 * The rows after a change: replaced, removed, or added when S3 would already have listed it
 * (otherwise a later page brings it).
 * @param entries - the rows loaded so far.
 * @param key - the key or prefix that changed.
 * @param entry - its row now, or null when it is gone.
 * @param hasMore - whether more pages are to come.
 * @returns the new rows, or null when nothing changes.
 */
export function withChange(entries: readonly Entry[], key: string, entry: Entry | null, hasMore: boolean): Entry[] | null {
  const index = entries.findIndex(e => entryId(e) === key);
  const next = entries.slice();
  if (index >= 0) {
    if (entry) {
      next[index] = entry;
    } else {
      next.splice(index, 1);
    }
    return next;
  }
  if (!entry) {
    return null;
  }
  const last = entries.length ? entryId(entries[entries.length - 1]) : '';
  if (!hasMore || compareUtf8(key, last) < 0) {
    next.push(entry);
  }
  return next;
}

const utf8 = new TextEncoder();

/** Compares keys in S3's listing order (UTF-8 bytes), which differs from JS order for astral characters. */
export function compareUtf8(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (x[i] !== y[i]) {
      return x[i] - y[i];
    }
  }
  return x.length - y.length;
}

/**
 * The folder that holds a key: `a/b/` for `a/b/c.txt` and for the folder `a/b/c/`, '' at the top.
 * @param key - an object key or a folder prefix.
 * @returns the prefix of the folder listing it.
 */
export function parentPrefix(key: string): string {
  const trimmed = key.endsWith('/') ? key.slice(0, -1) : key;
  const slash = trimmed.lastIndexOf('/');
  return slash < 0 ? '' : trimmed.slice(0, slash + 1);
}

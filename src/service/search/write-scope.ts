/**
 * What one of our own writes touched, as far as a search index is concerned (pure: the page plans
 * its index work with it before loading any S3 code).
 */
import { QUILT_PREFIX } from '../snapshots/names';

/** What one write touched, as far as the index is concerned. */
export type WriteScope = { kind: 'key'; key: string } | { kind: 'prefix'; prefix: string } | { kind: 'snapshots' };

/**
 * What a write notification means for the index: a write under `.quilt/` is a snapshot (the
 * registry), a folder-wide change or a key ending in `/` a prefix, anything else one key.
 * @param change - the key or prefix written, and whether it was a folder-wide change.
 * @returns the scope to refresh.
 */
export function writeScope(change: { key: string; type: 'put' | 'delete' | 'folder' }): WriteScope {
  const { key, type } = change;
  if (key.startsWith(QUILT_PREFIX) || (type === 'folder' && key !== '' && QUILT_PREFIX.startsWith(key))) {
    return { kind: 'snapshots' };
  }
  if (type === 'folder' || key === '' || key.endsWith('/')) {
    return { kind: 'prefix', prefix: key };
  }
  return { kind: 'key', key };
}

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

/** What a batch of writes to one bucket asks of its index. */
export interface WritePlan {
  /** Keys to HEAD (not under any of `prefixes`). */
  keys: string[];
  /** Prefixes to sync (none under another). */
  prefixes: string[];
  /** Whether a snapshot was made (read the new manifests). */
  snapshots: boolean;
}

/**
 * Plan the index work for a batch of writes (all to one bucket) with the fewest requests: keys
 * under a prefix being synced are not HEADed again.
 * @param changes - the keys or prefixes written.
 * @returns the plan.
 */
export function planWrites(changes: readonly { key: string; type: 'put' | 'delete' | 'folder' }[]): WritePlan {
  const scopes = changes.map(writeScope);
  const prefixes = [...new Set(scopes.flatMap(s => (s.kind === 'prefix' ? [s.prefix] : [])))]
    .sort()
    .filter((p, i, all) => !all.slice(0, i).some(q => p.startsWith(q)));
  const keys = [...new Set(scopes.flatMap(s => (s.kind === 'key' ? [s.key] : [])))].filter(key => !prefixes.some(p => key.startsWith(p)));
  return { keys, prefixes, snapshots: scopes.some(s => s.kind === 'snapshots') };
}

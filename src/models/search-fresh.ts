/**
 * What a batch of our own writes asks of a bucket's index: which keys to HEAD, which prefixes to
 * sync, whether to look for new snapshots; and doing it with the fewest requests (keys under a
 * prefix being synced are not HEADed again; keys and snapshots go in one transaction).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { FreshIndex } from '../service/search/fresh';
import { writeScope } from '../service/search/write-scope';
import type { IObjectChange } from '../tokens';
import { loadSearchFresh } from './engine';

/** The work for one batch of writes to one bucket. */
export interface FreshWork {
  /** Keys to HEAD (not under any of `prefixes`). */
  keys: string[];
  /** Prefixes to sync (none under another). */
  prefixes: string[];
  /** Whether a snapshot was made (read the new manifests). */
  snapshots: boolean;
  /** Do it: the service's search module is loaded on first use. */
  run(s3: S3Client, options: { bucket: string; index: FreshIndex; signal?: AbortSignal; indexContent?: boolean }): Promise<void>;
}

/**
 * Plan the index work for a batch of writes (all to one bucket).
 * @param changes - the writes, as the connections model announced them.
 * @returns the work.
 */
export function freshWork(changes: readonly Pick<IObjectChange, 'key' | 'type'>[]): FreshWork {
  const scopes = changes.map(writeScope);
  const prefixes = [...new Set(scopes.flatMap(s => (s.kind === 'prefix' ? [s.prefix] : [])))]
    .sort()
    .filter((p, i, all) => !all.slice(0, i).some(q => p.startsWith(q)));
  const keys = [...new Set(scopes.flatMap(s => (s.kind === 'key' ? [s.key] : [])))].filter(key => !prefixes.some(p => key.startsWith(p)));
  const snapshots = scopes.some(s => s.kind === 'snapshots');
  return {
    keys,
    prefixes,
    snapshots,
    run: async (s3, { bucket, index, signal, indexContent }) => {
      const fresh = await loadSearchFresh();
      for (const prefix of prefixes) {
        await fresh.indexPrefix(s3, { bucket, prefix, index, signal });
      }
      if (keys.length === 0 && !snapshots) {
        return;
      }
      const changes = keys.length > 0 ? await fresh.keyChanges(s3, { bucket, keys, signal, indexContent }) : fresh.noChanges();
      if (snapshots) {
        const found = await fresh.snapshotChanges(s3, { bucket, index, signal });
        changes.upsertSnapshots.push(...found.upsertSnapshots);
        changes.deleteSnapshots.push(...found.deleteSnapshots);
      }
      await index.applyChanges(changes);
    }
  };
}

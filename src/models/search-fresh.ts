/**
 * What a batch of our own writes asks of a bucket's index: which keys to HEAD, which prefixes to
 * sync, whether to look for new snapshots; and doing it with the fewest requests (keys under a
 * prefix being synced are not HEADed again; keys and snapshots go in one transaction).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { FreshIndex } from '../service/search/fresh';
import { planWrites, WritePlan } from '../service/search/write-scope';
import type { IObjectChange } from '../tokens';
import { loadSearchFresh } from './engine';

/** The work for one batch of writes to one bucket. */
export interface FreshWork extends WritePlan {
  /** Do it: the service's search module is loaded on first use. */
  run(s3: S3Client, options: { bucket: string; index: FreshIndex; signal?: AbortSignal; indexContent?: boolean }): Promise<void>;
}

/**
 * Plan the index work for a batch of writes (all to one bucket).
 * @param changes - the writes, as the connections model announced them.
 * @returns the work.
 */
export function freshWork(changes: readonly Pick<IObjectChange, 'key' | 'type'>[]): FreshWork {
  const plan = planWrites(changes);
  return {
    ...plan,
    run: async (s3, options) => {
      const fresh = await loadSearchFresh();
      await fresh.applyWrites(s3, { ...options, plan });
    }
  };
}

/**
 * Keeping the bucket's local search index fresh after the CLI's own writes (put, rm, cp, meta
 * --set), as the page does after its own (src/service/search/fresh.ts): the keys written are
 * HEADed (a recursive delete syncs its prefix), without a full `helium index`. Only an index that
 * already exists is updated (none is created), and a failure never fails the write: it is said on
 * stderr, with how to catch up.
 */
import { applyWrites, planWrites } from '../service/search/fresh';
import type { CliContext } from './context';
import { safeText } from './output';
import { openLocalIndexIfAny } from './search-index';

/** A write of one command: a key put or deleted, or a prefix deleted as a whole (`folder`). */
export interface CliWrite {
  key: string;
  type: 'put' | 'delete' | 'folder';
}

/**
 * Update the local index of `bucket` for these writes, if it has one. Never throws.
 * @param ctx - the context.
 * @param bucket - the bucket written to.
 * @param writes - what was written.
 */
export async function indexAfterWrites(ctx: CliContext, bucket: string, writes: readonly CliWrite[]): Promise<void> {
  if (writes.length === 0) {
    return;
  }
  try {
    const index = await openLocalIndexIfAny(ctx, bucket);
    if (!index) {
      return;
    }
    try {
      const { indexContent } = await index.status();
      await applyWrites(ctx.s3, { bucket, index, plan: planWrites(writes), signal: ctx.signal, indexContent: indexContent === true });
    } finally {
      await index.close();
    }
  } catch (err) {
    ctx.io.stderr.write(
      `Note: the write is done, but the local search index of s3://${safeText(bucket)} could not be updated ` +
        `(${safeText((err as Error).message)}); helium search may show the old state until: helium index s3://${safeText(bucket)}\n`
    );
  }
}

/**
 * `helium search 'QUERY' s3://bucket[/prefix] [--json] [--limit N]`: query the bucket's local
 * search index (built by `helium index`), newest first.
 */
import { HeliumError } from '../service/error-class';
import { CURRENT_ONLY_SEARCH_NOTE } from '../service/search/current-listing';
import { compileQuery } from '../service/search/query';
import type { SearchHit } from '../service/search/types';
import { formatS3Uri } from '../service/uri';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { formatDate, safeText } from './output';
import { openBucketIndex, SearchBackendOptions } from './search-index';
import { parseUriArgument } from './uri-args';

/**
 * One line of the table.
 * @param bucket - the bucket.
 * @param hit - the hit.
 * @returns the line.
 */
function hitRow(bucket: string, hit: SearchHit): string {
  const time = formatDate(new Date(hit.time));
  if (hit.type === 'snapshot') {
    return `${time} ${'snapshot'.padStart(12)}  ${safeText(hit.key)}@${hit.top_hash?.slice(0, 10)}  ${safeText(hit.message ?? '')}`;
  }
  const meta = hit.meta === null ? '' : `  ${safeText(JSON.stringify(hit.meta))}`;
  return `${time} ${String(hit.size).padStart(12)}  ${safeText(formatS3Uri({ bucket, key: hit.key }))}${meta}`;
}

/**
 * Run `helium search`.
 * @param ctx - the context.
 * @param query - the query_string query.
 * @param uri - s3://bucket or s3://bucket/prefix (the scope).
 * @param options - `limit`, and an OpenSearch cluster to search instead of the local index.
 * @param options.limit - the most hits (default 100).
 */
export async function searchCommand(
  ctx: CliContext,
  query: string,
  uri: string,
  options: { limit?: string } & SearchBackendOptions
): Promise<void> {
  const { bucket, key: prefix } = parseUriArgument(uri, 'search');
  const limit = options.limit === undefined ? 100 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new UsageError(`--limit must be a whole number from 1 to 10000, not "${safeText(String(options.limit))}".`, 'Usage');
  }
  compileQuery(query); // a malformed query is reported before anything else
  const index = await openBucketIndex(ctx, bucket, options);
  try {
    const status = await index.status();
    // An OpenSearch index kept by another writer (Quilt's indexer) has documents but no sync time.
    if (!status.syncedAt && status.objects + status.snapshots === 0) {
      const why = status.rebuildFrom
        ? `s3://${safeText(bucket)}'s search index was written by an older helium (index format ${safeText(status.rebuildFrom)}) and must be rebuilt.`
        : `s3://${safeText(bucket)} has no search index yet.`;
      throw new HeliumError('NotFound', `${why} Build it with: helium index s3://${safeText(bucket)}`, { code: 'NoIndex' });
    }
    if (status.rebuildFrom) {
      ctx.io.stderr.write(
        `Note: the search index was emptied for its old format and holds only the prefixes indexed since; the whole bucket: helium index s3://${safeText(bucket)}\n`
      );
    }
    const result = await index.search(query, { limit, prefix });
    if (ctx.json) {
      await ctx.out.result({
        bucket,
        query,
        index: index.location,
        indexedAt: status.syncedAt?.toISOString() ?? null,
        ...(status.currentOnly ? { currentOnly: true } : {}),
        total: result.total,
        hits: result.hits
      });
      return;
    }
    for (const hit of result.hits) {
      await ctx.out.line(hitRow(bucket, hit));
    }
    const age = status.syncedAt
      ? `index updated ${formatDate(status.syncedAt)} (helium index to refresh)`
      : `index kept by another writer (${safeText(index.location)})`;
    if (status.currentOnly) {
      // Said with every search of such an index, not only when it was built.
      ctx.io.stderr.write(`Note: ${CURRENT_ONLY_SEARCH_NOTE}\n`);
    }
    ctx.out.note(
      `${result.total} match${result.total === 1 ? '' : 'es'}${result.total > result.hits.length ? ` (${result.hits.length} shown; --limit for more)` : ''}; ${age}.`
    );
  } finally {
    await index.close();
  }
}

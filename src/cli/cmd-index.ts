/**
 * `helium index s3://bucket[/prefix]`: bring the bucket's local search index up to date
 * (incrementally: only new or changed versions are read), with progress on a terminal.
 */
import { CURRENT_ONLY_NOTE } from '../service/search/current-listing';
import { indexBucket, IndexProgress } from '../service/search/indexer';
import type { CliContext } from './context';
import { openBucketIndex, SearchBackendOptions } from './search-index';
import { safeText } from './output';
import { parseUriArgument } from './uri-args';

/**
 * One progress line.
 * @param p - the progress.
 * @returns the text.
 */
function progressLine(p: IndexProgress): string {
  if (p.phase === 'reading metadata') {
    return `reading metadata ${p.headed}/${p.toHead} (${p.listed} listed)`;
  }
  return p.phase === 'listing' ? `listing… ${p.listed} objects` : `${p.phase}…`;
}

/**
 * Run `helium index`.
 * @param ctx - the context.
 * @param uri - s3://bucket or s3://bucket/prefix.
 * @param backend - an OpenSearch cluster to index into instead of the local index.
 * @param options - `indexContent`: index the first ≤ 100 KB of text-like objects (true), stop (false),
 *   or as the index's last sync did (absent).
 */
export async function indexCommand(
  ctx: CliContext,
  uri: string,
  backend: SearchBackendOptions = {},
  options: { indexContent?: boolean } = {}
): Promise<void> {
  const { bucket, key: prefix } = parseUriArgument(uri, 'index');
  const index = await openBucketIndex(ctx, bucket, backend);
  const draw = Boolean(ctx.io.stderr.isTTY) && !ctx.json;
  let last = 0;
  try {
    const result = await indexBucket(ctx.s3, {
      bucket,
      prefix,
      index,
      signal: ctx.signal,
      indexContent: options.indexContent,
      onProgress: p => {
        const now = Date.now();
        if (draw && now - last > 100) {
          last = now;
          ctx.io.stderr.write(`\r\x1b[K${progressLine(p)}`);
        }
      }
    });
    if (draw) {
      ctx.io.stderr.write('\r\x1b[K');
    }
    if (result.currentOnly) {
      // Once per run, on stderr (also with --json, whose result says `currentOnly: true`).
      ctx.io.stderr.write(`Note: ${CURRENT_ONLY_NOTE}\n`);
    }
    const status = await index.status();
    if (ctx.json) {
      await ctx.out.result({ bucket, prefix, index: index.location, ...result, syncedAt: result.syncedAt.toISOString(), total: status });
    } else {
      await ctx.out.line(
        `Indexed s3://${safeText(bucket)}/${safeText(prefix)}: ${result.listed} current objects listed, ${result.headed} read ` +
          `(${result.added} new, ${result.updated} changed, ${result.removed} removed), ` +
          `${result.snapshotsAdded} new snapshots` +
          (result.indexContent
            ? `, the text of ${result.contentRead} text-like object${result.contentRead === 1 ? '' : 's'} read (${result.contentSkipped} unreadable, skipped)`
            : '') +
          `. The index holds ${status.objects} objects and ${status.snapshots} snapshots.`
      );
    }
  } finally {
    await index.close();
  }
}

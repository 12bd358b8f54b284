/**
 * The CLI's embedded search index of a bucket: a file under the user's data directory, one per
 * S3 endpoint and bucket (see src/service/search/storage-node.ts).
 */
import { EmbeddedSearchIndex } from '../service/search/embedded';
import { openNodeSqlite } from '../service/search/sqlite-node';
import { fileStorage, indexFilePath } from '../service/search/storage-node';
import type { CliContext } from './context';

/**
 * The endpoint an index belongs to: `--endpoint-url`, else the environment's, else AWS.
 * @param ctx - the context.
 * @returns the endpoint URL, or '' for AWS.
 */
function endpointOf(ctx: CliContext): string {
  return ctx.options.endpointUrl || process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL || '';
}

/**
 * Open the index of a bucket (created empty when there is none).
 * @param ctx - the context.
 * @param bucket - the bucket.
 * @returns the index.
 */
export function openBucketIndex(ctx: CliContext, bucket: string): Promise<EmbeddedSearchIndex> {
  return EmbeddedSearchIndex.open(fileStorage(indexFilePath(endpointOf(ctx), bucket)), openNodeSqlite);
}

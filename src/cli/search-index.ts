/**
 * The CLI's search index of a bucket: the embedded one (a file under the user's data directory,
 * one per S3 endpoint and bucket; see src/service/search/storage-node.ts), or an OpenSearch
 * cluster (`--to-opensearch` / `--opensearch URL`, or HELIUM_OPENSEARCH_URL) in Quilt's layout.
 */
import { promises as fs } from 'fs';
import { EmbeddedSearchIndex } from '../service/search/embedded';
import { OpenSearchIndex } from '../service/search/opensearch';
import { nodeOpenSearchTransport } from '../service/search/opensearch-node';
import { openNodeSqlite } from '../service/search/sqlite-node';
import { fileStorage, indexFilePath } from '../service/search/storage-node';
import type { SearchIndex } from '../service/search/types';
import type { CliContext } from './context';

/** Where to search: `--opensearch URL` (or `--to-opensearch`) and `--aws-sigv4`. */
export interface SearchBackendOptions {
  opensearch?: string;
  awsSigv4?: boolean;
}

/** An index the CLI can sync and search, with where it is for messages. */
export type CliSearchIndex = SearchIndex & { readonly location: string };

/**
 * The endpoint an index belongs to: `--endpoint-url`, else the environment's, else AWS.
 * @param ctx - the context.
 * @returns the endpoint URL, or '' for AWS.
 */
function endpointOf(ctx: CliContext): string {
  return ctx.options.endpointUrl || process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL || '';
}

/**
 * Open the index of a bucket: OpenSearch when a URL is given (flag, else HELIUM_OPENSEARCH_URL),
 * else the embedded one (created empty when there is none).
 * @param ctx - the context.
 * @param bucket - the bucket.
 * @param backend - the OpenSearch URL and signing choice, if any.
 * @returns the index.
 * @throws HeliumError `InvalidInput` for an OpenSearch URL that is not http(s).
 */
export async function openBucketIndex(ctx: CliContext, bucket: string, backend: SearchBackendOptions = {}): Promise<CliSearchIndex> {
  const url = backend.opensearch ?? process.env.HELIUM_OPENSEARCH_URL;
  if (url) {
    const sigv4 = backend.awsSigv4 || /^(1|true|yes)$/i.test(process.env.HELIUM_OPENSEARCH_SIGV4 ?? '');
    const transport = nodeOpenSearchTransport(
      url,
      sigv4 ? { sigv4: { credentials: ctx.s3.config.credentials, region: ctx.options.region } } : {}
    );
    return new OpenSearchIndex({ transport, bucket, indexPrefix: process.env.HELIUM_OPENSEARCH_INDEX_PREFIX });
  }
  return EmbeddedSearchIndex.open(fileStorage(indexFilePath(endpointOf(ctx), bucket)), openNodeSqlite);
}

/**
 * The bucket's local (embedded) index when there is one; never creates one.
 * @param ctx - the context.
 * @param bucket - the bucket.
 * @returns the index, or null when this endpoint's bucket has no local index.
 */
export async function openLocalIndexIfAny(ctx: CliContext, bucket: string): Promise<EmbeddedSearchIndex | null> {
  const file = indexFilePath(endpointOf(ctx), bucket);
  const exists = await fs.stat(file).then(
    s => s.isFile(),
    () => false
  );
  return exists ? EmbeddedSearchIndex.open(fileStorage(file), openNodeSqlite) : null;
}

/**
 * Listing buckets and the folders and objects under a prefix, one page per request.
 */
import { ListBucketsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { _Object, ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import type { FolderEntry, ObjectEntry } from './entries';
import { keepRawBody, LIST_ENCODING, listedTexts, RawBody } from './listed-keys';
import { checkAborted, guard, stripQuotes } from './request';
import { assertValidBucketName } from './uri';
import { HeliumError } from './error-class';

export { compareNames, filterEntries, sortEntries } from './entries';
export type { Entry, FolderEntry, ListedRestore, ObjectEntry, SortDirection, SortKey, SortOptions } from './entries';

/** A bucket the credentials can see. */
export interface BucketInfo {
  /** The bucket name. */
  name: string;
  /** When the bucket was created, when the server says. */
  creationDate?: Date;
}

/** One page of a listing (one ListObjectsV2 response). */
export interface ListingPage {
  /** The folders (common prefixes) of this page. */
  folders: FolderEntry[];
  /** The objects of this page (without the listed folder's own marker object). */
  objects: ObjectEntry[];
  /** Whether this is the last page. */
  isLast: boolean;
}

/** Options of {@link listPrefixPages}. */
export interface ListPrefixOptions {
  /** The bucket. */
  bucket: string;
  /** The prefix to list, usually a folder ending in `/` (default: the bucket's root). */
  prefix?: string;
  /** The folder delimiter (default `/`; empty lists every key under the prefix, no folders). */
  delimiter?: string;
  /** Entries per request, at most 1000 (default 1000). */
  pageSize?: number;
  /**
   * Entries of the first request only (default `pageSize`): a short first page (say 100) is
   * served sooner by slow servers and shows a folder's first rows at once; later pages are full.
   */
  firstPageSize?: number;
  /** List only keys after this one (S3's `StartAfter`, sent with the first request). */
  startAfter?: string;
  /** Cancels the listing: the next page (or the pending request) fails with `Cancelled`. */
  signal?: AbortSignal;
  /** Keep the object whose key is the prefix itself (left out by default: a folder's marker). */
  keepPrefixObject?: boolean;
  /**
   * Keep it only when it holds bytes: then it is no empty marker but an object S3 stores under
   * the folder's name (`data/m/` with content), which a panel must show (its name is empty).
   */
  keepPrefixObjectWithBytes?: boolean;
  /**
   * Ask for each object's restore status (`x-amz-optional-object-attributes: RestoreStatus`), so
   * a restored archived object can be told from one still archived. A server that refuses the
   * header is asked again without it, and never again through that client.
   */
  restoreStatus?: boolean;
}

/** Clients whose server refused `RestoreStatus` in a listing (asked once each). */
const noRestoreStatus = new WeakSet<S3Client>();

/** Error kinds a server may answer an attribute it does not know with (not "no bucket" or "unreachable"). */
const REFUSED_ATTRIBUTE_KINDS = new Set(['InvalidInput', 'AccessDenied', 'Unknown']);

/**
 * List the buckets the credentials can see, sorted by name.
 * @param s3 - the client.
 * @returns the buckets.
 * @throws HeliumError (e.g. `AccessDenied` without s3:ListAllMyBuckets, `Network`).
 */
export async function listBuckets(s3: S3Client): Promise<BucketInfo[]> {
  const buckets: BucketInfo[] = [];
  let token: string | undefined;
  do {
    const response = await guard(s3, { action: 'ListBuckets' }, () =>
      s3.send(new ListBucketsCommand(token ? { ContinuationToken: token } : {}))
    );
    for (const bucket of response.Buckets ?? []) {
      if (bucket.Name) {
        buckets.push({
          name: bucket.Name,
          ...(bucket.CreationDate ? { creationDate: bucket.CreationDate } : {})
        });
      }
    }
    token = response.ContinuationToken || undefined;
  } while (token);
  return buckets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The part of keys that names an entry relative to the listed folder: `a/b/` for prefix `a/b/x`.
 * @param prefix - the listed prefix.
 * @param separator - the folder separator.
 * @returns the folder part of the prefix.
 */
function folderOf(prefix: string, separator: string): string {
  const at = prefix.lastIndexOf(separator);
  return at < 0 ? '' : prefix.slice(0, at + separator.length);
}

/**
 * Turn one ListObjectsV2 response into entries, with keys and prefixes as S3 holds them.
 * @param response - the response.
 * @param raw - its raw body (see listed-keys.ts).
 * @param prefix - the listed prefix.
 * @param delimiter - the delimiter used.
 * @param keep - keep the object whose key is the prefix: always, or only with bytes (see {@link ListPrefixOptions}).
 * @returns the folders and objects.
 */
function toEntries(
  response: ListObjectsV2CommandOutput,
  raw: RawBody,
  prefix: string,
  delimiter: string,
  keep: 'never' | 'always' | 'withBytes' = 'never'
): { folders: FolderEntry[]; objects: ObjectEntry[] } {
  const base = folderOf(prefix, delimiter || '/');
  const folders: FolderEntry[] = [];
  const commonPrefixes = response.CommonPrefixes ?? [];
  const prefixes = listedTexts(
    commonPrefixes.map(cp => cp.Prefix),
    response.EncodingType,
    raw,
    'CommonPrefix'
  );
  for (const p of prefixes) {
    if (p === undefined) {
      continue;
    }
    let name = p.slice(base.length);
    if (delimiter && name.endsWith(delimiter)) {
      name = name.slice(0, -delimiter.length);
    }
    folders.push({ kind: 'folder', name, prefix: p });
  }
  const objects: ObjectEntry[] = [];
  const marker = prefix.endsWith('/') && keep !== 'always' ? prefix : undefined;
  const contents: _Object[] = response.Contents ?? [];
  const keys = listedTexts(
    contents.map(obj => obj.Key),
    response.EncodingType,
    raw,
    'Key'
  );
  contents.forEach((obj, i) => {
    const key = keys[i];
    if (key === undefined || (key === marker && !(keep === 'withBytes' && (obj.Size ?? 0) > 0))) {
      return;
    }
    const entry: ObjectEntry = {
      kind: 'object',
      name: key.slice(base.length),
      key,
      size: obj.Size ?? 0,
      lastModified: obj.LastModified ?? new Date(0)
    };
    const etag = stripQuotes(obj.ETag);
    if (etag) {
      entry.etag = etag;
    }
    if (obj.StorageClass) {
      entry.storageClass = obj.StorageClass;
    }
    if (obj.RestoreStatus) {
      entry.restore = { inProgress: obj.RestoreStatus.IsRestoreInProgress === true };
      if (obj.RestoreStatus.RestoreExpiryDate) {
        entry.restore.expiry = obj.RestoreStatus.RestoreExpiryDate;
      }
    }
    objects.push(entry);
  });
  return { folders, objects };
}

/**
 * List the folders and objects under a prefix, yielding one page per ListObjectsV2 request and
 * following continuation tokens (the first request may ask for fewer entries: `firstPageSize`). The prefix's own folder marker (the key equal to a prefix
 * ending in `/`) is left out. Stop early by breaking out of the loop; abort with `signal`.
 * @param s3 - the client.
 * @param options - bucket, prefix, delimiter, page size and abort signal.
 * @returns an async generator of pages; the last one has `isLast: true`.
 * @throws HeliumError: `InvalidInput` for a bad bucket name (before any request), `NotFound`
 *   for a missing bucket, `Cancelled` after an abort, `AccessDenied`, `Network`…
 */
export async function* listPrefixPages(s3: S3Client, options: ListPrefixOptions): AsyncGenerator<ListingPage, void, undefined> {
  const { bucket, prefix = '', delimiter = '/', pageSize = 1000, firstPageSize, startAfter, signal } = options;
  const keep = options.keepPrefixObject ? 'always' : options.keepPrefixObjectWithBytes ? 'withBytes' : 'never';
  assertValidBucketName(bucket);
  const clampKeys = (n: number) => Math.max(1, Math.min(1000, Math.floor(n)));
  const maxKeys = clampKeys(pageSize);
  let keysNow = clampKeys(firstPageSize ?? pageSize);
  const context = { action: 'ListObjectsV2', bucket, key: prefix };
  let token: string | undefined;
  for (;;) {
    // Keys URL-encoded: XML cannot carry every key S3 holds (see listed-keys.ts). The
    // continuation token is opaque and never encoded.
    const request = (withRestoreStatus: boolean) => {
      const command = new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix || undefined,
        Delimiter: delimiter || undefined,
        MaxKeys: keysNow,
        StartAfter: token ? undefined : startAfter || undefined,
        ContinuationToken: token,
        EncodingType: LIST_ENCODING,
        OptionalObjectAttributes: withRestoreStatus ? ['RestoreStatus'] : undefined
      });
      const raw: RawBody = {};
      keepRawBody(command, s3, raw);
      return guard(s3, context, () => s3.send(command, { abortSignal: signal }), signal).then(response => ({ response, raw }));
    };
    let answer: Awaited<ReturnType<typeof request>>;
    if (options.restoreStatus && !noRestoreStatus.has(s3)) {
      try {
        answer = await request(true);
      } catch (err) {
        if (!(err instanceof HeliumError && REFUSED_ATTRIBUTE_KINDS.has(err.kind))) {
          throw err;
        }
        answer = await request(false); // the same error again when the header was not the cause
        noRestoreStatus.add(s3);
      }
    } else {
      answer = await request(false);
    }
    const { response, raw } = answer;
    token = response.IsTruncated ? response.NextContinuationToken : undefined;
    keysNow = maxKeys;
    const isLast = !token;
    yield { ...toEntries(response, raw, prefix, delimiter, keep), isLast };
    if (isLast) {
      return;
    }
    // The consumer may have aborted while this generator was suspended.
    checkAborted(s3, context, signal);
  }
}

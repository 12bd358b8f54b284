/**
 * `helium ls [s3://bucket[/prefix]] [--recursive]`: buckets, or the folders and objects under a
 * prefix, printed like `aws s3 ls` (folders first on each page), or as JSON. Like `aws s3 ls`, a
 * prefix with nothing under it exits 1 (an empty bucket or empty folder exits 0), saying so on stderr.
 */
import { listBuckets, listPrefixPages } from '../service/listing';
import { headObject } from '../service/objects';
import { formatS3Uri } from '../service/uri';
import type { CliContext } from './context';
import { EXIT } from './errors';
import { formatDate, safeText } from './output';
import { parseUriArgument } from './uri-args';

/** Options of `helium ls`. */
export interface LsOptions {
  recursive?: boolean;
}

/**
 * Run `helium ls`.
 * @param ctx - the command's context.
 * @param uri - the bucket or prefix, or nothing for the list of buckets.
 * @param options - `--recursive`.
 */
export async function ls(ctx: CliContext, uri: string | undefined, options: LsOptions): Promise<void> {
  // `aws s3 ls s3://` lists the buckets too (it said: Bucket name "" must be 3 to 63 characters long).
  if (!uri || uri === 's3://') {
    const buckets = await listBuckets(ctx.s3);
    if (ctx.json) {
      await ctx.out.result({
        buckets: buckets.map(b => ({ name: b.name, creationDate: b.creationDate?.toISOString() ?? null }))
      });
      return;
    }
    for (const bucket of buckets) {
      await ctx.out.line(`${formatDate(bucket.creationDate)} ${bucket.name}`);
    }
    return;
  }
  const { bucket, key: prefix } = parseUriArgument(uri, 'ls');
  const recursive = Boolean(options.recursive);
  const pages = listPrefixPages(ctx.s3, {
    bucket,
    prefix,
    delimiter: recursive ? '' : '/',
    // A folder's own key holding bytes (`data/m/` with content) is an object like any other, as
    // the panel lists it (with an empty name); an empty one is only the folder's marker.
    keepPrefixObjectWithBytes: true,
    signal: ctx.signal
  });
  // JSON is streamed entry by entry, so a 100k-key listing never sits in memory.
  let first = true;
  let count = 0;
  if (ctx.json) {
    await ctx.out.write(`{"bucket":${JSON.stringify(bucket)},"prefix":${JSON.stringify(prefix)},"entries":[`);
  }
  for await (const page of pages) {
    for (const folder of page.folders) {
      count += 1;
      if (ctx.json) {
        const entry = { type: 'folder', name: folder.name, prefix: folder.prefix, uri: formatS3Uri({ bucket, key: folder.prefix }) };
        await ctx.out.write(`${first ? '\n' : ',\n'}  ${JSON.stringify(entry)}`);
        first = false;
      } else {
        await ctx.out.line(`${' '.repeat(27)}PRE ${safeText(folder.name)}/`);
      }
    }
    for (const object of page.objects) {
      count += 1;
      if (ctx.json) {
        const entry = {
          type: 'object',
          name: object.name,
          key: object.key,
          uri: formatS3Uri({ bucket, key: object.key }),
          size: object.size,
          lastModified: object.lastModified.toISOString(),
          etag: object.etag ?? null,
          storageClass: object.storageClass ?? null
        };
        await ctx.out.write(`${first ? '\n' : ',\n'}  ${JSON.stringify(entry)}`);
        first = false;
      } else {
        const name = recursive ? object.key : object.name;
        await ctx.out.line(`${formatDate(object.lastModified)} ${String(object.size).padStart(10)} ${safeText(name)}`);
      }
    }
  }
  if (ctx.json) {
    await ctx.out.write(`${first ? '' : '\n'}]}\n`);
  }
  if (count > 0) {
    return;
  }
  const where = safeText(formatS3Uri({ bucket, key: prefix }));
  // A folder made empty (New Folder, the console's "Create folder") is its own key, which the
  // listing leaves out: it exists, so it is not "nothing".
  const emptyFolder =
    prefix.endsWith('/') &&
    (await headObject(ctx.s3, { bucket, key: prefix, signal: ctx.signal }).then(
      () => true,
      () => false
    ));
  if (!ctx.json) {
    ctx.out.note(
      prefix === ''
        ? `The bucket ${safeText(bucket)} is empty.`
        : emptyFolder
          ? `${where} is an empty folder.`
          : `Nothing under ${where}: no object or folder starts with it.`
    );
  }
  if (prefix !== '' && !emptyFolder) {
    // As `aws s3 ls s3://b/prefix` does, so that `helium ls s3://b/key && …` tests for a key.
    ctx.exitCode = EXIT.error;
  }
}

/**
 * One listing of an upload's destination instead of a HEAD per file: which keys are there, and
 * their sizes, so that new files (and files whose size changed) are uploaded without asking.
 */
import { isHeliumError } from '../service/error-class';
import { listPrefixPages } from '../service/listing';
import type { CliContext } from './context';

/** A listing page holds up to 1,000 keys; list at most one page per this many files. */
const FILES_PER_PAGE = 250;

/**
 * The sizes of the objects under a prefix, when one short listing can tell: a destination
 * holding many more objects than we upload is not listed to the end (a HEAD per file is then
 * cheaper), nor one we may not list (no s3:ListBucket).
 * @param ctx - the context.
 * @param bucket - the bucket.
 * @param prefix - the destination prefix (`''` for the bucket's root).
 * @param fileCount - how many files will be uploaded.
 * @returns key → size of every object under the prefix, or undefined (ask per file).
 * @throws HeliumError `Cancelled`, `Network`… (not `AccessDenied`).
 */
export async function listedSizes(
  ctx: CliContext,
  bucket: string,
  prefix: string,
  fileCount: number
): Promise<Map<string, number> | undefined> {
  const maxPages = Math.max(1, Math.ceil(fileCount / FILES_PER_PAGE));
  const sizes = new Map<string, number>();
  let pages = 0;
  try {
    for await (const page of listPrefixPages(ctx.s3, { bucket, prefix, delimiter: '', signal: ctx.signal })) {
      for (const object of page.objects) {
        sizes.set(object.key, object.size);
      }
      if (page.isLast) {
        return sizes;
      }
      if (++pages >= maxPages) {
        return undefined;
      }
    }
  } catch (err) {
    if (isHeliumError(err, 'AccessDenied')) {
      return undefined;
    }
    throw err;
  }
  return sizes;
}

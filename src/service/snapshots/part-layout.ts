/**
 * Whether a multipart upload's parts have Quilt's `sha2-256-chunked` layout, so that S3's
 * composite checksum IS Quilt's hash.
 *
 * The part count (`-N`) and the size of part 1 do not pin the boundaries: S3 lets every part but
 * the last have its own size (5 MiB at least), so 8 + 5 + 4 MiB has the part count (3) and the
 * first part (8 MiB) of the layout of 17 MiB (8 + 8 + 1) and another composite checksum. Every
 * part but the last must have the layout's size (the last one then has the rest): one HEAD with
 * `PartNumber` per part, stopping at the first that differs.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { mapWithConcurrency } from '../concurrency';
import { headObjectOutput } from '../objects-read';
import { partSizeFor } from '../transfers/part-size';
import type { VersionRef } from './snapshot-hash';

/** HEADs of parts in flight at once for one object. */
const PART_HEAD_CONCURRENCY = 8;

/** Thrown inside the part loop to stop it at the first part of another size. */
class OtherLayout extends Error {}

/**
 * Whether the parts of a multipart upload of `parts` parts are the layout's.
 * @param s3 - the client.
 * @param ref - the version and its size.
 * @param parts - its part count (already checked to be the layout's).
 * @param signal - cancels the HEADs.
 * @returns true when every part but the last has the layout's part size.
 * @throws HeliumError `NotFound`, `AccessDenied`, `Network`, `Cancelled`…
 */
export async function hasQuiltPartLayout(s3: S3Client, ref: VersionRef, parts: number, signal?: AbortSignal): Promise<boolean> {
  const partSize = partSizeFor(ref.size);
  const numbers = Array.from({ length: parts - 1 }, (_, i) => i + 1);
  try {
    await mapWithConcurrency(numbers, PART_HEAD_CONCURRENCY, async partNumber => {
      const head = await headObjectOutput(s3, ref, { signal, partNumber });
      if (head.ContentLength !== partSize) {
        throw new OtherLayout();
      }
    });
  } catch (err) {
    if (err instanceof OtherLayout) {
      return false;
    }
    throw err;
  }
  return true;
}

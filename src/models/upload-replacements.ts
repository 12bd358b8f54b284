/**
 * Before an upload from the S3 panel: the objects it would replace for good (in a bucket that
 * keeps no versions), and the question the panel asks about them. In a versioned bucket an upload
 * keeps what was there as an older version, and nobody is asked.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ReplacedKeys } from '../service/replaced-keys';
import { formatS3Uri } from '../service/uri';
import type { IHeliumConnections } from '../tokens';
import { loadEngine } from './engine';
import type { IS3Folder } from './uploads';

/** Objects named in the question; the rest are counted. */
const NAMED_AT_MOST = 5;

/**
 * The keys of an upload that hold an object it would replace for good.
 * @param connections - the connections.
 * @param folder - where the upload goes (connection and bucket).
 * @param keys - the keys it will write.
 * @param signal - cancels.
 * @returns the bucket's versioning and those keys.
 */
export async function uploadReplacements(
  connections: IHeliumConnections,
  folder: IS3Folder,
  keys: readonly string[],
  signal?: AbortSignal
): Promise<ReplacedKeys> {
  const [lib, s3] = await Promise.all([loadEngine(), connections.client(folder.connection)]);
  return lib.keysReplacedForGood(s3, { bucket: folder.bucket, keys, signal });
}

/**
 * The question asked before an upload replaces objects for good.
 * @param bucket - the bucket.
 * @param replaced - what {@link uploadReplacements} found (some keys).
 * @param trans - the translations.
 * @returns title, body and the button that uploads.
 */
export function uploadReplacementQuestion(
  bucket: string,
  replaced: ReplacedKeys,
  trans: TranslationBundle
): { title: string; body: string; accept: string } {
  const n = replaced.keys.length;
  // Off: replaced for good. Suspended: an object written while versioning was on stays as an
  // older version, one written since (version "null") does not; a listing cannot tell which.
  const what =
    replaced.versioning === 'Off'
      ? trans._n(
          'Bucket %2 does not keep versions: uploading replaces an object that exists, and what it holds now cannot be brought back.',
          'Bucket %2 does not keep versions: uploading replaces %1 objects that exist, and what they hold now cannot be brought back.',
          n,
          bucket
        )
      : replaced.versioning === 'Suspended'
        ? trans._n(
            'Bucket %2 has versioning suspended: uploading replaces an object that exists, and what it holds now may not be brought back.',
            'Bucket %2 has versioning suspended: uploading replaces %1 objects that exist, and what they hold now may not be brought back.',
            n,
            bucket
          )
        : trans._n(
            'S3 would not say whether bucket %2 keeps versions: uploading replaces an object that exists, and what it holds now may not be brought back.',
            'S3 would not say whether bucket %2 keeps versions: uploading replaces %1 objects that exist, and what they hold now may not be brought back.',
            n,
            bucket
          );
  const named = replaced.keys.slice(0, NAMED_AT_MOST).map(key => formatS3Uri({ bucket, key }));
  const more = n > NAMED_AT_MOST ? [trans.__('… and %1 more', (n - NAMED_AT_MOST).toLocaleString())] : [];
  // An object with the same bytes is skipped, not written again, so "may".
  const skipNote = trans.__('Files whose bytes are already there are skipped.');
  return {
    title: trans._n('Replace %1 object for good?', 'Replace %1 objects for good?', n),
    body: [what, '', ...named, ...more, '', skipNote].join('\n'),
    accept: trans.__('Replace')
  };
}

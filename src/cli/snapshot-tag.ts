/**
 * A tag (`helium tag`) given where `helium diff` and `helium get --snapshot` take a snapshot's top
 * hash, as `helium restore --snapshot` and `helium pin` already take one. A tag belongs to a
 * package; the package is the one whose snapshots are of the folder named (for a file, or a folder
 * with no package of its own, the nearest folder above it that has one).
 */
import { isHeliumError, HeliumError } from '../service/error-class';
import { resolveFolderPin } from '../service/pins/pin-target';
import { validateTagName } from '../service/pins/tag-keys';
import { formatS3Uri } from '../service/uri';
import type { CliContext } from './context';
import { safeText } from './output';

/**
 * Whether a snapshot argument is a tag name rather than a top hash or `latest`.
 * @param ref - the argument.
 * @returns true for a valid tag name (tag names can be neither hex of 6+ characters nor `latest`).
 */
export function isTagRef(ref: string): boolean {
  return validateTagName(ref.trim()) === null;
}

/**
 * The folders whose packages may hold a tag for a key: the key's own folder (the key itself when
 * it ends in `/`), then each folder above it, up to the bucket's root (`''`).
 * @param key - a key or a folder prefix.
 * @returns the folder prefixes, nearest first.
 */
export function foldersAbove(key: string): string[] {
  const parts = key.split('/');
  parts.pop(); // the file's name, or '' after a folder's final '/'
  const folders: string[] = [];
  for (let n = parts.length; n > 0; n--) {
    folders.push(`${parts.slice(0, n).join('/')}/`);
  }
  folders.push('');
  return folders;
}

/**
 * The top hash a tag names, in the package of the nearest folder (of `folders`) whose package has
 * that tag.
 * @param ctx - the context.
 * @param where - the bucket, the folders to look in (nearest first), and the URI for messages.
 * @param where.bucket - the bucket.
 * @param where.folders - folder prefixes, nearest first (see {@link foldersAbove}).
 * @param where.uri - what the user named, for messages.
 * @param where.package - `--package`: the package whose tag it is (else the folder's only one).
 * @param tag - the tag name.
 * @returns the full top hash.
 * @throws HeliumError `NotFound` (code `NoSuchTag`) when no package of those folders has the tag;
 *   `InvalidInput` (code `AmbiguousPackage`) when a folder has several packages.
 */
export async function tagTopHash(
  ctx: CliContext,
  where: { bucket: string; folders: string[]; uri: string; package?: string },
  tag: string
): Promise<string> {
  const name = tag.trim();
  for (const folder of where.folders) {
    try {
      const target = { bucket: where.bucket, folder, tag: name, ...(where.package ? { package: where.package } : {}) };
      return (await resolveFolderPin(ctx.s3, target, ctx.signal)).top_hash;
    } catch (err) {
      if (isHeliumError(err) && (err.code === 'NoSuchTag' || err.code === 'NoSnapshots')) {
        continue; // not this folder's: look further up
      }
      if (isHeliumError(err, 'InvalidInput') && err.code === 'AmbiguousPackage') {
        const here = formatS3Uri({ bucket: where.bucket, key: folder });
        throw new HeliumError(
          'InvalidInput',
          `${safeText(here)} has snapshots of several packages, so tag "${safeText(name)}" could name a snapshot of either: name the package (--package NAME), or give the top hash instead (helium tags ${safeText(here)} shows each tag's).`,
          { code: 'AmbiguousPackage', cause: err }
        );
      }
      throw err;
    }
  }
  const short = /^[0-9a-f]{1,5}$/i.test(name) ? ' (a top hash needs at least its first 6 characters)' : '';
  throw new HeliumError(
    'NotFound',
    `No snapshot is tagged "${safeText(name)}" in ${where.package ? `package ${safeText(where.package)}` : `the packages of ${safeText(where.uri)} or the folders above it`}${short}. helium tags ${safeText(where.uri)} lists its tags, helium snapshots ${safeText(where.uri)} its snapshots.`,
    { code: 'NoSuchTag' }
  );
}

/**
 * Package names and snapshotted folders: quilt3's name rule, the default name of a folder's
 * snapshots, and the folder form used everywhere (`''` for the bucket root, else ending in `/`).
 *
 * quilt3 (`util.validate_package_name`) accepts `^[\w-]+/[\w-]+$` with Python's Unicode `\w`:
 * exactly two parts separated by one `/`, each made of letters, digits (any script), `_` and `-`.
 * No dots, spaces or further slashes. (Python's `$` also lets a trailing newline through; we
 * refuse it.)
 */
import { HeliumError } from '../error-class';
import { readKeyProblem } from '../uri';

/** quilt3's package-name rule, with Python's Unicode `\w` written out for JS. */
const PACKAGE_NAME = /^[\p{L}\p{N}_-]+\/[\p{L}\p{N}_-]+$/u;

/** What a package name may contain, for messages and the UI. */
export const PACKAGE_NAME_RULE =
  'a package name is "namespace/name": two parts separated by one "/", each made of letters, digits, "_" and "-" (no dots, spaces or further slashes), e.g. "team/hurdat"';

/** The key prefix of the Quilt registry in a bucket. */
export const QUILT_PREFIX = '.quilt/';

/**
 * Check a package name against quilt3's rule.
 * @param name - the name, `namespace/name`.
 * @returns a message saying what is wrong, or null when quilt3 accepts it.
 */
export function validatePackageName(name: string): string | null {
  if (PACKAGE_NAME.test(name)) {
    return null;
  }
  return `"${name}" is not a valid package name: ${PACKAGE_NAME_RULE}.`;
}

/**
 * Throw unless quilt3 accepts the package name.
 * @param name - the name.
 * @throws HeliumError `InvalidInput` (code `InvalidPackageName`) saying what is allowed.
 */
export function assertValidPackageName(name: string): void {
  const problem = validatePackageName(name);
  if (problem) {
    throw new HeliumError('InvalidInput', problem, { code: 'InvalidPackageName' });
  }
}

/**
 * A folder in the form snapshots use: `''` for the bucket root, else the prefix ending in `/`
 * (`team/hurdat` becomes `team/hurdat/`). A leading `/` is part of the prefix, as in any key:
 * `/team/` is the folder of the keys `/team/…`, not `team/`.
 * @param folder - a folder prefix, with or without its trailing `/`.
 * @returns the normalized folder.
 * @throws HeliumError `InvalidInput` for a folder inside the Quilt registry (`.quilt/`) or a
 *   prefix S3 cannot hold.
 */
export function normalizeFolder(folder: string): string {
  let f = folder;
  if (f && !f.endsWith('/')) {
    f += '/';
  }
  if (f === QUILT_PREFIX || f.startsWith(QUILT_PREFIX)) {
    throw new HeliumError(
      'InvalidInput',
      `"${folder}" is inside the Quilt registry (.quilt/), which holds the snapshots themselves; snapshot another folder.`,
      { code: 'InvalidFolder' }
    );
  }
  const problem = f ? readKeyProblem(f) : null;
  if (problem) {
    throw new HeliumError('InvalidInput', problem, { code: 'InvalidFolder' });
  }
  return f;
}

/**
 * One part of a package name made from a folder or bucket name: runs of characters quilt3 does
 * not allow become `_`, and `_` at either end is dropped.
 * @param text - a folder or bucket name.
 * @returns the part ('' when nothing usable is left).
 */
function namePart(text: string): string {
  return text.replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '');
}

/**
 * The package name a folder's snapshots get unless the user picks another:
 * - `team/hurdat/` → `team/hurdat`;
 * - one folder `hurdat2/` → `hurdat2/snapshot`;
 * - deeper `a/b/c/` → `a/b_c` (the first folder is the namespace, the rest joined with `_`);
 * - the bucket root → `<bucket>/root` (dots in the bucket name become `_`);
 * characters quilt3 refuses become `_` (`my data.v2/` → `my_data_v2/snapshot`).
 * Two folders may map to the same name; snapshots still record their folder, so listings keep
 * them apart.
 * @param bucket - the bucket.
 * @param folder - the folder (any form {@link normalizeFolder} accepts).
 * @returns a name quilt3 accepts.
 */
export function defaultPackageName(bucket: string, folder: string): string {
  const parts = normalizeFolder(folder)
    .split('/')
    .map(namePart)
    .filter(p => p.length > 0);
  if (parts.length === 0) {
    return `${namePart(bucket) || 'bucket'}/root`;
  }
  if (parts.length === 1) {
    return `${parts[0]}/snapshot`;
  }
  return `${parts[0]}/${parts.slice(1).join('_')}`;
}

/**
 * The package name of a pointer or package key: `ns/name` of `.quilt/named_packages/ns/name/…`.
 * @param key - a key under `.quilt/named_packages/`.
 * @returns the name and the pointer's own name, or undefined for other keys.
 */
export function splitPointerKey(key: string): { name: string; pointer: string } | undefined {
  const prefix = `${QUILT_PREFIX}named_packages/`;
  if (!key.startsWith(prefix)) {
    return undefined;
  }
  const rest = key.slice(prefix.length);
  const slash = rest.lastIndexOf('/');
  if (slash <= 0 || slash === rest.length - 1) {
    return undefined;
  }
  return { name: rest.slice(0, slash), pointer: rest.slice(slash + 1) };
}

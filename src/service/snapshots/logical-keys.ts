/**
 * Which objects of a folder a snapshot can hold: an object's logical key is its key below the
 * folder, verbatim (control characters, `%`, `?`, `#`, unicode… all as they are, as quilt3's
 * `set_dir` makes them), and quilt3 accepts as logical keys only non-empty paths without empty,
 * `.` or `..` segments (`util.validate_key`), not ending in `/`.
 *
 * quilt3 8 refuses to package a folder holding any other key (`set_dir` raises for the whole
 * folder), skips non-empty objects whose key ends in `/` with a warning, and, reading a manifest
 * that holds such logical keys anyway, cannot `fetch()` or `push()` it, and `install`s a `..`
 * one outside the folder it installs into. So a snapshot leaves these objects out, and says so
 * ({@link LeftOutObject}); it never writes a logical key quilt3 would refuse.
 */
import { pathRewrittenSegment } from '../uri';

/** An object under the folder that a snapshot cannot hold, and why. */
export interface LeftOutObject {
  /** Its key (the whole key, not the logical key). */
  key: string;
  /** The version that was current (`snapshot()` always tells; absent from {@link splitSnapshotObjects} for objects listed without versions). */
  versionId?: string;
  size: number;
  /** Why, for people: e.g. `its name in the folder has a ".." segment`. */
  reason: string;
}

/**
 * What quilt3 would refuse in a logical key.
 * @param logicalKey - a key below the snapshotted folder.
 * @returns why it cannot be a logical key, or null when it can.
 */
export function logicalKeyProblem(logicalKey: string): string | null {
  if (logicalKey === '') {
    return 'it is the folder itself';
  }
  if (logicalKey.endsWith('/')) {
    return 'its key ends in "/" (a folder name, not a file name; quilt3 skips such objects)';
  }
  const segment = pathRewrittenSegment(logicalKey);
  if (segment === '') {
    return 'its name in the folder has an empty segment (a leading "/" or "//")';
  }
  if (segment !== null) {
    return `its name in the folder has a "${segment}" segment`;
  }
  return null;
}

/**
 * Split the current objects of a folder into those a snapshot holds and those it leaves out.
 * @param objects - the objects (keys under `folder`).
 * @param folder - the folder (`''` or ending in `/`).
 * @returns the objects kept (in the same order) and those left out, with why.
 */
export function splitSnapshotObjects<T extends { key: string; size: number; versionId?: string }>(
  objects: readonly T[],
  folder: string
): { kept: T[]; leftOut: LeftOutObject[] } {
  const kept: T[] = [];
  const leftOut: LeftOutObject[] = [];
  for (const object of objects) {
    const reason = logicalKeyProblem(object.key.slice(folder.length));
    if (reason === null) {
      kept.push(object);
    } else {
      const out: LeftOutObject = { key: object.key, size: object.size, reason };
      if (object.versionId !== undefined) {
        out.versionId = object.versionId;
      }
      leftOut.push(out);
    }
  }
  return { kept, leftOut };
}

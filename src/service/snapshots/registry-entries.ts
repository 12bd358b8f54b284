/**
 * A snapshot's entries that fall in the Quilt registry (`.quilt/`) of the folder they are restored
 * to or compared with: quilt3's `set_dir` of a whole bucket packages the registry itself.
 */
import type { LeftOutObject } from './logical-keys';
import { QUILT_PREFIX } from './names';
import type { ManifestEntry } from './types';

/**
 * Split a snapshot's entries into those a restore may write (and a diff compares with the live
 * folder, which never lists `.quilt/`) and those it must not: entries whose key in the folder lies
 * in the Quilt registry (`.quilt/`). quilt3's `set_dir` of a whole bucket
 * packages the registry itself; copying those entries back would set every package's `latest`
 * and pointers to what they were then (and the live side never lists `.quilt/`, so each of them
 * would look deleted since).
 * @param entries - the snapshot's entries.
 * @param folder - the folder restored (`''` or ending in `/`).
 * @returns the entries to restore, and those left out (with why).
 */
export function splitRegistryEntries(
  entries: readonly ManifestEntry[],
  folder: string
): { kept: ManifestEntry[]; leftOut: LeftOutObject[] } {
  const kept: ManifestEntry[] = [];
  const leftOut: LeftOutObject[] = [];
  for (const entry of entries) {
    const key = folder + entry.logical_key;
    if (key.startsWith(QUILT_PREFIX)) {
      leftOut.push({ key, size: entry.size, reason: 'it is in the Quilt registry (.quilt/), which a restore never writes' });
    } else {
      kept.push(entry);
    }
  }
  return { kept, leftOut };
}

/**
 * `helium get --snapshot` of a folder whose snapshot has files that are not in S3 (`file://` keys,
 * which quilt3 leaves in a package built to an S3 registry without pushing the files): every file
 * in S3 is downloaded, and these are named, one `skip:` line each, and make the command fail at
 * the end. Nothing is written for them.
 */
import { HeliumError } from '../service/error-class';
import { LOCAL_KEYS_ORIGIN } from '../service/snapshots/as-of-physical';
import type { UnreadableEntry } from '../service/snapshots/as-of';
import type { CliContext } from './context';
import type { SkippedKey } from './get-files';
import { safeText } from './output';

/**
 * Say, before the downloads start, which files of the snapshot are not in S3.
 * @param ctx - the context (nothing is printed with `--json`: the result lists them).
 * @param entries - the files.
 */
export function noteNotInS3(ctx: CliContext, entries: readonly UnreadableEntry[]): void {
  for (const { logicalKey, physicalKey } of entries) {
    ctx.out.note(
      `skip: "${safeText(logicalKey)}": the snapshot has it at ${safeText(physicalKey)}, not in S3, so it cannot be downloaded (${LOCAL_KEYS_ORIGIN}). Get it from that computer, or push the package from there with quilt3 (push copies local files to S3).`
    );
  }
}

/**
 * The files not in S3 for the `--json` result, beside the skipped objects.
 * @param entries - the files.
 * @returns `{uri, key, versionId, logicalKey, reason}` each (`uri` the physical key; no S3 key or version).
 */
export function notInS3Json(entries: readonly UnreadableEntry[]): Record<string, unknown>[] {
  return entries.map(({ logicalKey, physicalKey }) => ({ uri: physicalKey, key: null, versionId: null, logicalKey, reason: 'not in S3' }));
}

/**
 * The error a folder download ends with when files were left out, some of them not in S3.
 * @param entries - the files not in S3 (at least one).
 * @param skipped - the objects left out for other reasons (names, archived).
 * @param downloaded - how many files were downloaded.
 * @returns a HeliumError `InvalidInput` (code `SkippedKeys`, as for other left-out objects).
 */
export function notDownloadedError(entries: readonly UnreadableEntry[], skipped: readonly SkippedKey[], downloaded: number): HeliumError {
  const n = entries.length + skipped.length;
  const files = `${n.toLocaleString('en-US')} file${n === 1 ? '' : 's'}`;
  const notInS3 =
    entries.length === n ? (n === 1 ? 'it is not in S3' : 'they are not in S3') : `${entries.length.toLocaleString('en-US')} not in S3`;
  return new HeliumError(
    'InvalidInput',
    `${files} of the snapshot ${n === 1 ? 'was' : 'were'} not downloaded (${downloaded.toLocaleString('en-US')} ${downloaded === 1 ? 'was' : 'were'}; ${notInS3}): see "skip:" above for which, and what to do.`,
    { code: 'SkippedKeys' }
  );
}

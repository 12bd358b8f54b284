/**
 * JupyterLab's checkpoints of an `s3:` document are the object's versions. *File › Revert to
 * Checkpoint…* lists them (newest first in its picker) and brings one back; the tab's caption
 * shows the newest as "Last Checkpoint". Every version counts, the current one included: as after
 * a local save, reverting to the newest checkpoint drops unsaved edits and writes nothing.
 *
 * Bringing back an older version copies it on top of the key (a new version, nothing deleted),
 * as the versions drawer's Restore does: the person chose it and confirmed JupyterLab's dialog.
 * Checkpoints are never deleted here: deleting one would delete history.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Contents } from '@jupyterlab/services';
import type { Engine } from '../models/engine';
import type { IDriveLocation } from './paths';

/** At most this many versions are offered (the versions drawer shows them all). */
export const MAX_CHECKPOINTS = 50;

/**
 * An object's versions as checkpoints, oldest first (JupyterLab takes the last as the newest).
 * @param lib - the S3 engine.
 * @param s3 - the client.
 * @param loc - the object.
 * @returns the checkpoints; none when the credentials may not list versions.
 */
export async function versionCheckpoints(lib: Engine, s3: S3Client, loc: IDriveLocation): Promise<Contents.ICheckpointModel[]> {
  let versions;
  try {
    ({ versions } = await lib.listVersions(s3, { bucket: loc.bucket, key: loc.key, limit: MAX_CHECKPOINTS }));
  } catch (err) {
    // The tab caption asks on every open: a person without s3:ListBucketVersions gets "None".
    if (lib.isHeliumError(err, 'AccessDenied')) {
      return [];
    }
    throw err;
  }
  return versions
    .filter(v => !v.isDeleteMarker)
    .map(v => ({ id: v.versionId, last_modified: v.lastModified.toISOString() }))
    .reverse();
}

/**
 * Make a version the object's current content: nothing when it already is, else a copy on top.
 * @param lib - the S3 engine.
 * @param s3 - the client.
 * @param loc - the object.
 * @param versionId - the checkpoint's id.
 * @returns whether a new version was written.
 */
export async function restoreVersionCheckpoint(lib: Engine, s3: S3Client, loc: IDriveLocation, versionId: string): Promise<boolean> {
  const current = await lib.headCurrent(s3, { bucket: loc.bucket, key: loc.key });
  // An unversioned bucket's only version is "null": current, and nothing to copy.
  if (current && (current.versionId ?? 'null') === versionId) {
    return false;
  }
  return (await lib.restoreVersion(s3, { bucket: loc.bucket, key: loc.key, versionId })).written;
}

/**
 * What an `s3:` path names in S3. JupyterLab hands the drive paths only (rename, copy, delete,
 * open a folder), and in S3 a path may be an object, a folder (a prefix with keys under it, or
 * only its own marker object `key/`, as *New Folder* makes), or nothing.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Engine } from '../models/engine';
import { formatS3Uri, writeKeyProblem } from '../service/uri';
import { invalidInput } from './contents-errors';
import type { IDriveLocation } from './paths';

/** What a folder holds, from one short listing. */
export interface IFolderState {
  /** Whether anything is stored under `key/` (its marker object included). */
  exists: boolean;
  /** Whether it holds nothing but its own marker object (so deleting that removes the folder). */
  onlyMarker: boolean;
}

/**
 * What is stored under `key/`: one ListObjectsV2 of at most two entries, the marker kept
 * (the listing leaves a folder's marker out by default, so an empty folder looked missing).
 * @param lib - the S3 engine.
 * @param s3 - the client.
 * @param loc - the folder's location (its key without the trailing `/`).
 * @returns whether it exists and whether only its marker is there.
 */
export async function folderState(lib: Engine, s3: S3Client, loc: IDriveLocation): Promise<IFolderState> {
  const prefix = `${loc.key}/`;
  const pages = lib.listPrefixPages(s3, { bucket: loc.bucket, prefix, pageSize: 2, keepPrefixObject: true });
  const first = await pages.next();
  await pages.return(undefined);
  const page = first.value;
  if (!page) {
    return { exists: false, onlyMarker: false };
  }
  const count = page.folders.length + page.objects.length;
  const marker = page.objects.some(o => o.key === prefix);
  return { exists: count > 0, onlyMarker: marker && count === 1 && page.isLast };
}

/**
 * Whether the path is an object, a folder, both (S3 can hold `a` and `a/x`), or nothing.
 * @param lib - the S3 engine.
 * @param s3 - the client.
 * @param loc - the location.
 * @returns its kind.
 */
export async function entryKind(lib: Engine, s3: S3Client, loc: IDriveLocation): Promise<'object' | 'folder' | 'both' | 'none'> {
  const [object, folder] = await Promise.all([
    loc.key ? lib.headCurrent(s3, { bucket: loc.bucket, key: loc.key }) : null,
    folderState(lib, s3, loc)
  ]);
  return object ? (folder.exists ? 'both' : 'object') : folder.exists ? 'folder' : 'none';
}

/**
 * Why a path-only operation (rename, duplicate, delete from JupyterLab's file browser) is refused
 * where an object and a folder share the path: the drive cannot tell which row was meant.
 * @param loc - the path.
 * @param trans - translations.
 * @returns the error (400).
 */
export function ambiguousPath(loc: IDriveLocation, trans: TranslationBundle): Error {
  return invalidInput(
    trans.__(
      'Both an object %1 and a folder %2 have this path, and JupyterLab names them alike, so nothing was changed. Rename, move or delete either one in the S3 panel, which lists them apart.',
      formatS3Uri({ bucket: loc.bucket, key: loc.key }),
      formatS3Uri({ bucket: loc.bucket, key: `${loc.key}/` })
    )
  );
}

/**
 * Refuse to save a new object (Save As, a document whose object is gone) under a key a person
 * should not write, or where a folder of that name is: S3 would then hold an object and a
 * folder of one name, and JupyterLab's file browser could open only one of them.
 * @param lib - the S3 engine.
 * @param s3 - the client.
 * @param loc - where the save would write.
 * @param trans - translations.
 * @throws a 400 error saying what to do; nothing is written.
 */
export async function assertNewKey(lib: Engine, s3: S3Client, loc: IDriveLocation, trans: TranslationBundle): Promise<void> {
  const problem = writeKeyProblem(loc.key);
  if (problem) {
    throw invalidInput(problem);
  }
  let folder: IFolderState;
  try {
    folder = await folderState(lib, s3, loc);
  } catch (err) {
    if (lib.isHeliumError(err, 'AccessDenied')) {
      return; // may not list: the save itself will say whether it may write
    }
    throw err;
  }
  if (folder.exists) {
    const where = formatS3Uri({ bucket: loc.bucket, key: `${loc.key}/` });
    throw invalidInput(trans.__('%1 is a folder: save under another name. Nothing was written.', where));
  }
}

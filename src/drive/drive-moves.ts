/**
 * Rename (and move by drag and drop), duplicate and delete in the `s3:` drive, for objects and
 * folders alike. JupyterLab's file browser calls these with paths only; in S3 a folder is a
 * prefix, so renaming or duplicating one means every key under it (the engine's `moveObjects` /
 * `copyObjects`: each object copied, a source deleted only once its copy exists, so nothing is
 * lost half-way). Like Jupyter's own server, nothing is written over: a destination that exists,
 * as an object or as a folder, is refused before any byte moves.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Engine } from '../models/engine';
import { formatS3Uri } from '../service/uri';
import { conflict, invalidInput } from './contents-errors';
import { ambiguousPath, entryKind, folderState } from './drive-entries';
import { baseName, IDriveLocation } from './paths';

/** Everything these operations need. */
export interface IMoveContext {
  lib: Engine;
  s3: S3Client;
  trans: TranslationBundle;
}

/** An error JupyterLab reads as 404 Not Found. */
function notFound(message: string): Error {
  return Object.assign(new Error(message), { kind: 'NotFound' });
}

/**
 * Refuse a destination that exists, as an object or as a folder.
 * @param context - engine, client, translations.
 * @param to - the destination.
 */
async function assertFree({ lib, s3, trans }: IMoveContext, to: IDriveLocation): Promise<void> {
  const kind = await entryKind(lib, s3, to);
  if (kind !== 'none') {
    const what =
      kind === 'folder'
        ? trans.__('A folder named %1 already exists.', formatS3Uri({ bucket: to.bucket, key: `${to.key}/` }))
        : trans.__('%1 already exists.', formatS3Uri(to));
    throw conflict(`${what} ${trans.__('Choose another name: nothing was changed.')}`);
  }
}

/**
 * What a path names.
 * @param context - engine, client, translations.
 * @param loc - the path.
 * @returns `object` or `folder`.
 * @throws a 404 error when neither exists, a 400 when both do (see {@link ambiguousPath}).
 */
async function existingKind(context: IMoveContext, loc: IDriveLocation): Promise<'object' | 'folder'> {
  const kind = await entryKind(context.lib, context.s3, loc);
  if (kind === 'none') {
    throw notFound(context.trans.__('%1 does not exist (any more): refresh the listing.', formatS3Uri(loc)));
  }
  if (kind === 'both') {
    throw ambiguousPath(loc, context.trans);
  }
  return kind;
}

/** The engine's endpoint for an object, or for a folder (its prefix ends in `/`). */
const endpoint = (loc: IDriveLocation, kind: 'object' | 'folder') => ({
  bucket: loc.bucket,
  key: kind === 'folder' ? `${loc.key}/` : loc.key
});

/**
 * Rename or move an object or a folder (every key under it).
 * @param context - engine, client, translations.
 * @param from - what to move.
 * @param to - where to (must not exist).
 * @returns what was moved.
 */
export async function renameEntry(context: IMoveContext, from: IDriveLocation, to: IDriveLocation): Promise<'object' | 'folder'> {
  if (!from.key || !to.key) {
    throw invalidInput(context.trans.__('A bucket cannot be renamed here: choose an object or a folder in it.'));
  }
  const kind = await existingKind(context, from);
  await assertFree(context, to);
  await context.lib.moveObjects(context.s3, { from: endpoint(from, kind), to: endpoint(to, kind) });
  return kind;
}

/**
 * Duplicate an object or a folder into a folder, as `<name>-Copy<n><ext>` (JupyterLab's naming),
 * never over anything that exists.
 * @param context - engine, client, translations.
 * @param from - what to copy.
 * @param dir - the folder to copy into.
 * @returns the new key (without a trailing `/` for a folder) and what it is.
 */
export async function copyEntry(
  context: IMoveContext,
  from: IDriveLocation,
  dir: IDriveLocation
): Promise<{ key: string; kind: 'object' | 'folder' }> {
  const kind = await existingKind(context, from);
  const name = baseName(from.key);
  const dot = kind === 'object' ? name.lastIndexOf('.') : -1;
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  const base = dir.key ? `${dir.key}/` : '';
  for (let i = 1; i <= 100; i++) {
    const key = `${base}${stem}-Copy${i}${ext}`;
    if ((await entryKind(context.lib, context.s3, { ...dir, key })) !== 'none') {
      continue;
    }
    await context.lib.copyObjects(context.s3, { from: endpoint(from, kind), to: endpoint({ ...dir, key }, kind) });
    return { key, kind };
  }
  throw conflict(context.trans.__('Too many copies of %1 in this folder already.', name));
}

/**
 * Delete an object, or an empty folder (its marker). A folder with objects in it is refused, as
 * Jupyter's server refuses a non-empty directory without a trash: one click in a file browser
 * must not delete thousands of objects. A path that names nothing is a 404, not a silent success
 * (S3 would answer a DELETE of a missing key with a needless delete marker).
 * @param context - engine, client, translations.
 * @param loc - what to delete.
 * @returns what was deleted.
 */
export async function deleteEntry(context: IMoveContext, loc: IDriveLocation): Promise<'object' | 'folder'> {
  const { lib, s3, trans } = context;
  const kind = await existingKind(context, loc);
  if (kind === 'object') {
    await lib.deleteObject(s3, { bucket: loc.bucket, key: loc.key });
    return kind;
  }
  const folder = await folderState(lib, s3, loc);
  if (!folder.onlyMarker) {
    throw invalidInput(
      trans.__(
        '%1 is not empty, so it was not deleted. Delete or move the objects in it first (in the S3 panel, or with the helium CLI).',
        formatS3Uri({ bucket: loc.bucket, key: `${loc.key}/` })
      )
    );
  }
  await lib.deleteObject(s3, { bucket: loc.bucket, key: `${loc.key}/` });
  return kind;
}

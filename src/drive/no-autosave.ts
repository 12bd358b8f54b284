/**
 * Autosave never writes S3 versions: every write of an `s3:` document is a new version of the
 * object, and the history people come to helium for must not fill with a version every two
 * minutes of editing. An `s3:` document stays dirty until the person saves it.
 *
 * How (JupyterLab 4.6, `@jupyterlab/docmanager`): the document manager gives every context a
 * private `SaveHandler`, which on each tick saves only when `context.canSave` is true and the
 * model is dirty. Both autosave and an explicit save call the same `context.save()`, so the drive
 * cannot tell them apart; but the explicit *Save* command (and *Save All*, and the "Save" of the
 * close dialog) check `contentsModel.writable`, never `canSave`. So an `s3:` context reports
 * `canSave = false` (an own property over the prototype's getter): the autosave tick skips it, an
 * explicit save still writes. Core's only other reader of `canSave` is the context's automatic
 * checkpoint after a save, which an `s3:` document does not need (versions are its checkpoints).
 */
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import { DRIVE_NAME } from '../tokens';

/** The part of a document context this needs. */
export type AutosaveContext = Pick<DocumentRegistry.Context, 'path'>;

/**
 * Whether a document path belongs to the `s3:` drive (`s3:<connection>/<bucket>/<key>`).
 * @param path - a JupyterLab document path.
 * @returns true for paths of the `s3:` drive.
 */
export function isS3DocumentPath(path: string): boolean {
  return path.startsWith(`${DRIVE_NAME}:`);
}

/**
 * Keep JupyterLab's autosave from writing a context's document (explicit saves still write).
 * Idempotent; the context keeps this for its life (a rename within the drive stays `s3:`).
 * @param context - the document's context.
 * @returns true when the context is an `s3:` document and autosave now skips it.
 */
export function keepFromAutosave(context: AutosaveContext): boolean {
  if (!isS3DocumentPath(context.path)) {
    return false;
  }
  Object.defineProperty(context, 'canSave', {
    configurable: true,
    enumerable: false,
    // Only autosave and the post-save checkpoint read this (see the module comment).
    get: () => false
  });
  return true;
}

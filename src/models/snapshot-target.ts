/**
 * What snapshot actions are about: the folder (a connection, a bucket and a key prefix), how a
 * command resolves it from its args and the panels, the id of a listed snapshot's row, its short
 * hash, and the live folder as a side of a comparison. Pure helpers shared by the snapshots model,
 * the snapshots panel and the snapshots plugin.
 */
import type { SnapshotInfo } from '../service/snapshots/types';
import { formatS3Uri } from '../service/uri';

/** The folder whose snapshots are shown. */
export interface ISnapshotTarget {
  connection: string;
  bucket: string;
  /** Key prefix: '' (the bucket root) or ending in `/`. */
  folder: string;
}

/** The live folder as a side of a comparison. */
export const LIVE = 'latest';

/** Whether two targets are the same folder. */
export function sameTarget(a: ISnapshotTarget | null, b: ISnapshotTarget | null): boolean {
  return a === b || (!!a && !!b && a.connection === b.connection && a.bucket === b.bucket && a.folder === b.folder);
}

/**
 * The folder's S3 URI, `s3://bucket/folder/` (see `formatS3Uri`: it parses back to the folder).
 * @param target - the bucket and folder.
 * @returns the URI.
 */
export function targetUri(target: { bucket: string; folder: string }): string {
  return formatS3Uri({ bucket: target.bucket, key: target.folder });
}

/**
 * The id of a listed snapshot: its package name, time and top hash. The top hash alone is not
 * unique (the same manifest can be listed several times: an unchanged snapshot taken again, or the
 * same content under another package name), and neither is name and time (a quilt3 push in the
 * same second replaces our pointer; both snapshots are listed, from the pointer's versions).
 * @param snapshot - a listed snapshot.
 * @returns the row id.
 */
export function snapshotRowId(snapshot: Pick<SnapshotInfo, 'name' | 'timestamp' | 'topHash'>): string {
  return `${snapshot.name}@${snapshot.timestamp.getTime()}@${snapshot.topHash}`;
}

/** What a command names about a folder; any field may be missing. */
export interface ISnapshotTargetArgs {
  connection?: unknown;
  bucket?: unknown;
  folder?: unknown;
  /** Where the command was run from: `panel` (the S3 panel), `snapshots` (this panel), else the palette. */
  from?: unknown;
}

/** A folder of the S3 panel (`key` is its prefix). */
export interface IFolderRef {
  connection: string;
  bucket: string;
  key: string;
}

/**
 * A key as a folder prefix: '' or ending in `/`.
 * @param key - a key or prefix.
 * @returns the prefix.
 */
export function asFolder(key: string): string {
  return key === '' || key.endsWith('/') ? key : `${key}/`;
}

/**
 * A folder of the S3 panel as a snapshot target.
 * @param ref - the folder (its key is the prefix).
 * @returns the target, or null for none.
 */
export function folderTarget(ref: IFolderRef | null | undefined): ISnapshotTarget | null {
  return ref ? { connection: ref.connection, bucket: ref.bucket, folder: asFolder(ref.key) } : null;
}

/**
 * The folder a command's args name.
 * @param args - the command's args (`connection`, `bucket`, `folder`).
 * @returns the folder, or null unless all three are named (`folder` may be '' for the bucket's root).
 */
export function argsTarget(args: ISnapshotTargetArgs): ISnapshotTarget | null {
  const { connection, bucket, folder } = args;
  return typeof connection === 'string' && connection && typeof bucket === 'string' && bucket && typeof folder === 'string'
    ? { connection, bucket, folder: asFolder(folder) }
    : null;
}

/**
 * The folder a "Snapshot Folder…" command acts on, resolved once when the command runs (a copy,
 * so what the panels show later cannot change it): the folder its args name; from the S3 panel,
 * the folder row right-clicked (else the folder on screen); from the snapshots panel, its folder;
 * from the palette, the S3 panel's folder (the snapshots panel may be hidden and no longer follow
 * it), else the snapshots panel's.
 * @param args - the command's args.
 * @param where - the S3 panel's selected and current folders, and the snapshots panel's folder.
 * @returns the folder, or null when there is none.
 */
export function snapshotTargetFor(
  args: ISnapshotTargetArgs,
  where: { selectedFolder?: IFolderRef | null; currentFolder?: IFolderRef | null; shown: ISnapshotTarget | null }
): ISnapshotTarget | null {
  const named = argsTarget(args);
  if (named) {
    return named;
  }
  const shown = where.shown ? { ...where.shown } : null;
  if (args.from === 'panel') {
    return folderTarget(where.selectedFolder ?? where.currentFolder);
  }
  if (args.from === 'snapshots') {
    return shown;
  }
  return folderTarget(where.currentFolder) ?? shown;
}

/** The first 10 characters of a top hash, for rows and titles (the full hash is in tooltips). */
export function shortHash(topHash: string): string {
  return topHash.slice(0, 10);
}

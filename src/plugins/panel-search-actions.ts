/**
 * The logic of the commands on search hits (Open, Show in Folder, Show Versions), apart from
 * JupyterLab: which hit a command names (its args, else the hit selected in the results) and
 * where each command takes it. Pure functions: the commands run what they return.
 */
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { drivePath } from '../drive/paths';
import type { SearchHit } from '../service/search/types';
import { formatS3Uri, pathRewrittenSegment } from '../service/uri';
import { DRIVE_NAME, ISearchTarget } from '../tokens';

/** A hit as the hit commands name it in their args. */
export interface IHitRef {
  connection: string;
  bucket: string;
  key: string;
  type: 'object' | 'snapshot';
  folder: string;
  deleted: boolean;
  topHash: string;
}

/** A string argument, or undefined. */
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The hit a command names: its args, else the hit selected in the results (in the bucket searched).
 * @param args - the command's args.
 * @param target - where the search looks.
 * @param selected - the hit selected in the results.
 * @returns the hit, or null when there is none.
 */
export function hitRef(args: ReadonlyPartialJSONObject, target: ISearchTarget | null, selected: SearchHit | null): IHitRef | null {
  const connection = str(args.connection) ?? target?.connection;
  const bucket = str(args.bucket) ?? target?.bucket;
  const key = str(args.key) ?? selected?.key;
  if (!connection || !bucket || key === undefined) {
    return null;
  }
  const named = str(args.key) !== undefined;
  return {
    connection,
    bucket,
    key,
    type: (named ? args.type : selected?.type) === 'snapshot' ? 'snapshot' : 'object',
    folder: (named ? str(args.folder) : selected?.folder) ?? '',
    deleted: named ? args.deleted === true : selected?.delete_marker === true,
    topHash: (named ? str(args.topHash) : selected?.top_hash) ?? ''
  };
}

/**
 * The args that name a hit of a search (what the results' buttons pass to the commands).
 * @param target - where the search looked.
 * @param hit - the hit.
 * @returns the args ({@link hitRef} reads them back).
 */
export function hitArgs(target: ISearchTarget, hit: SearchHit): ReadonlyPartialJSONObject {
  return {
    connection: target.connection,
    bucket: target.bucket,
    key: hit.key,
    type: hit.type,
    folder: hit.folder ?? '',
    deleted: hit.delete_marker === true,
    topHash: hit.top_hash ?? ''
  };
}

/** What *Open* does with a hit: a command to run, or a document of the `s3:` drive to open. */
export type HitOpening = { command: 'showSnapshots' | 'versionHistory'; args: ReadonlyPartialJSONObject } | { document: string };

/**
 * Where *Open* takes a hit: a snapshot opens the Snapshots panel on its row; a deleted object, or
 * a key JupyterLab's document paths cannot address, its version history; any other object opens
 * as a document.
 * @param hit - the hit.
 * @returns what to do.
 */
export function hitOpening(hit: IHitRef): HitOpening {
  const { connection, bucket, key } = hit;
  if (hit.type === 'snapshot') {
    return { command: 'showSnapshots', args: { connection, bucket, folder: hit.folder, topHash: hit.topHash, name: key } };
  }
  // A key JupyterLab would rewrite as a document path (see `documentPathProblem`: `.`, `..` or
  // empty segments, or a final "/", which it drops) opens its history, where Download works.
  if (hit.deleted || pathRewrittenSegment(key) !== null || key.endsWith('/')) {
    return { command: 'versionHistory', args: { connection, bucket, key } };
  }
  return { document: `${DRIVE_NAME}:${drivePath(connection, bucket, key)}` };
}

/**
 * Where *Show in Folder* takes a hit: Go to S3 URI's args (an object's row, or a snapshot's
 * folder row in the folder above it).
 * @param hit - the hit.
 * @returns the args of `goToUri`.
 */
export function hitRevealArgs(hit: IHitRef): { uri: string; connection: string } {
  const key = hit.type === 'snapshot' ? hit.folder : hit.key;
  return { uri: formatS3Uri({ bucket: hit.bucket, key }), connection: hit.connection };
}

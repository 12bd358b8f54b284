/**
 * Rename, *Move to…* and *Duplicate* from the S3 panel: where a selected object or folder goes
 * (from what a person typed), and running the engine's move or copy with progress. No widgets
 * here; the commands and dialogs are in `plugins/panel-move.ts`.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { MoveEndpoint, MoveProgress, MoveResult } from '../service/move';
import { formatS3Uri, parseS3Uri, writeKeyProblem } from '../service/uri';
import { isHeliumError } from '../service/error-class';
import { loadEngine } from './engine';
import type { IHeliumConnections } from '../tokens';
import type { VersioningState } from '../service/versioning';

/** What is moved: an object or a folder, where it is and its name. */
export interface IMoveSource {
  bucket: string;
  /** The object's key, or the folder's prefix ending in `/`. */
  key: string;
  /** The object's or folder's name (no `/`). */
  name: string;
}

/**
 * A destination, or why there is none; `already` marks the one problem "it is there already"
 * (so *Copy to…* can say it its own way without reading the translated text).
 */
export type DestinationAnswer = { to: MoveEndpoint } | { problem: string; already?: boolean };

/** Whether a source is a folder. */
const isFolder = (source: IMoveSource): boolean => source.key.endsWith('/');

/** The folder a source is in (its key up to its name). */
function parentOf(source: IMoveSource): string {
  const own = isFolder(source) ? `${source.name}/` : source.name;
  return source.key.slice(0, source.key.length - own.length);
}

/**
 * Where *Rename…* puts a source: the same folder, a new name (one segment).
 * @param source - the object or folder.
 * @param newName - the name typed.
 * @param trans - translations.
 * @returns the destination, or a message saying what is wrong.
 */
export function renameDestination(source: IMoveSource, newName: string, trans: TranslationBundle): DestinationAnswer {
  const name = newName.trim();
  if (!name) {
    return { problem: trans.__('Type a new name.') };
  }
  if (name.includes('/')) {
    return { problem: trans.__('A name cannot contain "/": to put it in another folder, use Move to… instead.') };
  }
  if (name === source.name) {
    return { problem: trans.__('That is its name already: type another one.'), already: true };
  }
  const key = parentOf(source) + name + (isFolder(source) ? '/' : '');
  const problem = writeKeyProblem(key);
  return problem ? { problem } : { to: { bucket: source.bucket, key } };
}

/**
 * Where *Move to…* puts a source: into a folder, keeping its name. The folder is an `s3://`
 * URI (any bucket of the connection) or a folder path in the source's bucket (`data/archive`,
 * `/` or empty for the bucket's root).
 * @param source - the object or folder.
 * @param answer - what was typed.
 * @param trans - translations.
 * @returns the destination, or a message saying what is wrong.
 */
export function moveIntoDestination(source: IMoveSource, answer: string, trans: TranslationBundle): DestinationAnswer {
  const text = answer.trim();
  let bucket = source.bucket;
  let folder: string;
  if (/^s3:\/\//i.test(text)) {
    try {
      const location = parseS3Uri(text);
      bucket = location.bucket;
      folder = location.key;
    } catch (err) {
      return { problem: (err as Error).message };
    }
  } else {
    // A path in the bucket: the leading `/` stands for its root.
    folder = text.replace(/^\/+/, '');
  }
  if (folder && !folder.endsWith('/')) {
    folder += '/';
  }
  const key = folder + source.name + (isFolder(source) ? '/' : '');
  if (bucket === source.bucket && key === source.key) {
    return { problem: trans.__('It is in %1 already: choose another folder.', formatS3Uri({ bucket, key: folder })), already: true };
  }
  const problem = writeKeyProblem(key);
  return problem ? { problem } : { to: { bucket, key } };
}

/**
 * The name of the n-th duplicate: `storms copy.csv`, `storms copy 2.csv`, `data copy/`.
 * @param name - the object's or folder's name.
 * @param folder - whether it is a folder (no extension kept apart).
 * @param n - 1 for the first copy.
 * @returns the name.
 */
export function duplicateName(name: string, folder: boolean, n: number): string {
  const suffix = n === 1 ? ' copy' : ` copy ${n}`;
  const dot = folder ? -1 : name.lastIndexOf('.');
  // A leading dot (".env") is a name, not an extension.
  return dot > 0 ? `${name.slice(0, dot)}${suffix}${name.slice(dot)}` : `${name}${suffix}`;
}

/**
 * Where the n-th duplicate of a source goes: next to it.
 * @param source - the object or folder.
 * @param n - 1 for the first copy.
 * @returns the destination.
 */
export function duplicateDestination(source: IMoveSource, n: number): MoveEndpoint {
  const folder = isFolder(source);
  return { bucket: source.bucket, key: parentOf(source) + duplicateName(source.name, folder, n) + (folder ? '/' : '') };
}

/** What a move job does. */
export type MoveKind = 'move' | 'copy';

/**
 * Run a move or a copy with the engine (loaded on first use, like the rest of the AWS SDK):
 * server-side within a connection; streamed to another connection (`toS3`), where a move deletes
 * the sources only once every object was copied.
 * @param s3 - the connection's client.
 * @param kind - move or copy.
 * @param options - source, destination, overwrite, progress and abort signal.
 * @param toS3 - the destination connection's client, when it is another one.
 * @returns the engine's result.
 */
export async function runMove(
  s3: S3Client,
  kind: MoveKind,
  options: {
    from: MoveEndpoint;
    to: MoveEndpoint;
    overwrite?: boolean;
    onProgress?: (progress: MoveProgress) => void;
    signal?: AbortSignal;
  },
  toS3?: S3Client
): Promise<MoveResult> {
  if (toS3 && toS3 !== s3) {
    const { copyAcrossConnections } = await loadEngine();
    return copyAcrossConnections(s3, toS3, { ...options, move: kind === 'move' });
  }
  const lib = await loadEngine();
  return kind === 'move' ? lib.moveObjects(s3, options) : lib.copyObjects(s3, options);
}

/**
 * Duplicate a source next to itself under the first free name (`… copy`, `… copy 2`, …).
 * @param s3 - the client.
 * @param source - the object or folder.
 * @param onProgress - progress of the copy.
 * @param signal - cancels the copy.
 * @returns the result and where the copy went.
 * @throws HeliumError `Conflict` after 20 names taken, or what the copy throws.
 */
export async function runDuplicate(
  s3: S3Client,
  source: IMoveSource,
  onProgress?: (progress: MoveProgress) => void,
  signal?: AbortSignal
): Promise<{ result: MoveResult; to: MoveEndpoint }> {
  for (let n = 1; ; n++) {
    const to = duplicateDestination(source, n);
    try {
      const result = await runMove(s3, 'copy', { from: source, to, onProgress, signal });
      return { result, to };
    } catch (err) {
      // The engine refuses before writing anything when the name is taken: try the next one.
      if (n >= 20 || !isHeliumError(err, 'Conflict')) {
        throw err;
      }
    }
  }
}

/**
 * Run a move or a copy between connections by name (`runMove` with their clients): server-side
 * when both are the same connection, streamed otherwise.
 * @param connections - the connections.
 * @param kind - move or copy.
 * @param fromConnection - the source's connection.
 * @param toConnection - the destination's connection (the source's when absent).
 * @param options - source, destination, overwrite, progress and abort signal.
 * @returns the engine's result.
 */
export async function runMoveBetween(
  connections: IHeliumConnections,
  kind: MoveKind,
  fromConnection: string,
  toConnection: string | undefined,
  options: Parameters<typeof runMove>[2]
): Promise<MoveResult> {
  const s3 = await connections.client(fromConnection);
  const toS3 = toConnection && toConnection !== fromConnection ? await connections.client(toConnection) : undefined;
  return runMove(s3, kind, options, toS3);
}

/**
 * What a move does to the old keys' history, said before it runs.
 * @param versioning - the source bucket's versioning, or null when S3 would not say.
 * @returns the sentence, or null when it cannot be told.
 */
export async function moveHistoryText(versioning: VersioningState | null): Promise<string | null> {
  return versioning ? (await loadEngine()).moveHistoryNote(versioning) : null;
}

/**
 * Progress as a person reads it: "3 of 10 objects, 1.2 MiB of 4 MiB".
 * @param progress - the engine's progress.
 * @param formatBytes - formats a byte count.
 * @param trans - translations (the count of objects is a plural).
 * @returns the text.
 */
export function progressText(progress: MoveProgress, formatBytes: (n: number) => string, trans: TranslationBundle): string {
  return trans._n(
    '%2 of %1 object, %3 of %4',
    '%2 of %1 objects, %3 of %4',
    progress.objectsTotal,
    progress.objectsDone,
    formatBytes(progress.bytesDone),
    formatBytes(progress.bytesTotal)
  );
}

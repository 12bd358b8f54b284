/**
 * *Copy to…* from the S3 panel: where a selected object or folder is copied (a folder of this
 * bucket, an `s3://` URI of any bucket, in this connection or another one), and what it would
 * write over. The copy itself is `runMove(…, 'copy', …)` (models/move.ts): server-side within a
 * connection, streamed through the browser between connections.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { MoveEndpoint } from '../service/move';
import { DestinationAnswer, IMoveSource, moveIntoDestination } from './move';
import { loadEngine } from './engine';
import type { IHeliumConnections } from '../tokens';

/** Where a copy goes: a connection, and a place in it. */
export interface ICopyDestination {
  connection: string;
  to: MoveEndpoint;
}

/**
 * Where *Copy to…* puts a source: into a folder, keeping its name. In the source's connection
 * the folder is an `s3://` URI or a folder path of the source's bucket (as *Move to…*); in another
 * connection it must be an `s3://` URI (a bare path would silently pick a bucket there).
 * @param source - the object or folder.
 * @param fromConnection - the source's connection.
 * @param toConnection - the connection picked for the destination.
 * @param answer - what was typed.
 * @param trans - translations.
 * @returns the destination, or a message saying what is wrong.
 */
export function copyIntoDestination(
  source: IMoveSource,
  fromConnection: string,
  toConnection: string,
  answer: string,
  trans: TranslationBundle
): DestinationAnswer {
  const text = answer.trim();
  if (toConnection !== fromConnection) {
    if (!/^s3:\/\//i.test(text)) {
      return { problem: trans.__('In another connection, name the folder as an s3://bucket/folder/ URI of "%1".', toConnection) };
    }
    // Another store: the same bucket and folder there is somewhere else, so never "already there".
    return moveIntoDestination({ ...source, bucket: '' }, text, trans);
  }
  const here = moveIntoDestination(source, text, trans);
  if ('problem' in here && here.already) {
    return {
      problem: trans.__('It is in that folder already: use Duplicate for a copy next to it, or choose another folder.'),
      already: true
    };
  }
  return here;
}

/**
 * Which destination keys exist already (read-only), to ask before writing over them.
 * @param fromS3 - the source connection's client.
 * @param toS3 - the destination's client (the same for one connection).
 * @param from - the source.
 * @param to - the destination.
 * @returns the existing keys (empty when nothing would be written over).
 * @throws HeliumError what planning throws (nothing to copy, access denied…).
 */
export async function existingAtDestination(fromS3: S3Client, toS3: S3Client, from: MoveEndpoint, to: MoveEndpoint): Promise<string[]> {
  const { planMove } = await loadEngine();
  return (await planMove(fromS3, from, to, undefined, toS3)).existing;
}

/** What to say before a copy: what it would write over, and what becomes of version history. */
export interface ICopyPreview {
  /** Destination keys that exist already (written over when the person agrees). */
  existing: string[];
  /** What happens to version history at the destination, or null when S3 would not say. */
  history: string | null;
}

/**
 * Looks at the destination of a copy before it runs (read-only): the keys it would write over and
 * whether the destination bucket keeps versions.
 * @param connections - the connections.
 * @param fromConnection - the source's connection.
 * @param toConnection - the destination's connection.
 * @param from - the source.
 * @param to - the destination.
 * @returns what to say.
 * @throws HeliumError what planning throws (nothing to copy, access denied…).
 */
export async function previewCopy(
  connections: IHeliumConnections,
  fromConnection: string,
  toConnection: string,
  from: MoveEndpoint,
  to: MoveEndpoint
): Promise<ICopyPreview> {
  const fromS3 = await connections.client(fromConnection);
  const toS3 = toConnection !== fromConnection ? await connections.client(toConnection) : fromS3;
  const lib = await loadEngine();
  const [existing, versioning] = await Promise.all([
    existingAtDestination(fromS3, toS3, from, to),
    lib.getBucketVersioning(toS3, to.bucket).catch(() => null)
  ]);
  return { existing, history: versioning ? lib.copyHistoryNote(versioning) : null };
}

/**
 * The files of a pin as pinned: the entries of its snapshot's manifest, each with the object
 * version it names (a file pin: its one version), so *Open Data as Pinned* opens them read-only at those versions.
 */
import type { IHeliumConnections } from '../tokens';
import { loadSnapshotsEngine } from './engine';
import type { NotebookPinsModel } from './notebook-pins';

/** One file of a pin. */
export interface IPinnedFile {
  /** Its path inside the snapshot (relative to the pinned folder). */
  logicalKey: string;
  connection: string;
  bucket: string;
  key: string;
  /** The pinned version; undefined when the manifest names the key without one (quilt3 `file://`-less pushes). */
  versionId?: string;
  size: number;
}

/**
 * The files a pin locks, in the manifest's order.
 * @param connections - the connections (a client for the pin's bucket).
 * @param pins - the notebook's pins model.
 * @param name - the pin.
 * @param signal - cancels the read.
 * @returns the files (entries whose physical key is not an S3 object are left out).
 * @throws Error when the notebook has no such pin; HeliumError from reading the manifest.
 */
export async function pinnedFiles(
  connections: IHeliumConnections,
  pins: NotebookPinsModel,
  name: string,
  signal?: AbortSignal
): Promise<IPinnedFile[]> {
  const pin = pins.pin(name);
  if (!pin) {
    throw new Error(pins.trans.__('The notebook has no pin named "%1".', name));
  }
  const connection = await pins.connectionFor(pin.bucket);
  if (pin.kind === 'file') {
    const logicalKey = pin.key.slice(pin.key.lastIndexOf('/') + 1);
    return [{ logicalKey, connection, bucket: pin.bucket, key: pin.key, versionId: pin.version_id, size: pin.size ?? 0 }];
  }
  const [lib, s3] = await Promise.all([loadSnapshotsEngine(), connections.client(connection)]);
  const manifest = await lib.readSnapshot(s3, pin.bucket, pin.top_hash, signal);
  return manifest.entries.flatMap(entry => {
    try {
      const where = lib.requirePhysicalKey(entry.physical_keys[0] ?? '');
      return [
        { logicalKey: entry.logical_key, connection, bucket: where.bucket, key: where.key, versionId: where.versionId, size: entry.size }
      ];
    } catch {
      return [];
    }
  });
}

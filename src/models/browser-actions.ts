/**
 * What the S3 panel's commands ask of S3 besides listing: whether a bucket keeps versions (said
 * before a delete), deleting an object, creating a folder. Each tells the connections what
 * changed, so every listing on screen updates in place.
 */
import type { IHeliumConnections } from '../tokens';
import type { VersioningState } from '../service/versioning';
import { loadEngine } from './engine';

/** A bucket of a connection. */
export interface IBucketRef {
  connection: string;
  bucket: string;
}

/**
 * Whether a bucket keeps versions.
 * @param connections - the connections.
 * @param where - the connection and bucket.
 * @returns its state, or null when S3 would not say (no permission, network).
 */
export async function bucketVersioning(connections: IHeliumConnections, where: IBucketRef): Promise<VersioningState | null> {
  try {
    const [lib, s3] = await Promise.all([loadEngine(), connections.client(where.connection)]);
    return await lib.getBucketVersioning(s3, where.bucket);
  } catch {
    return null;
  }
}

/**
 * Deletes an object (a delete marker in a versioned bucket), then says so.
 * @param connections - the connections.
 * @param ref - the connection, bucket and key.
 * @throws HeliumError what S3 answered (access denied…).
 */
export async function deleteS3Object(connections: IHeliumConnections, ref: IBucketRef & { key: string }): Promise<void> {
  const [lib, s3] = await Promise.all([loadEngine(), connections.client(ref.connection)]);
  await lib.deleteObject(s3, { bucket: ref.bucket, key: ref.key });
  connections.notifyChanged({ connection: ref.connection, bucket: ref.bucket, key: ref.key, type: 'delete' });
}

/**
 * Creates a folder (a marker object ending in `/`), then says so.
 * @param connections - the connections.
 * @param where - the connection, bucket and the new folder's prefix (ending in `/`).
 * @throws HeliumError `Conflict` when it exists, or what S3 answered.
 */
export async function createS3Folder(connections: IHeliumConnections, where: IBucketRef & { prefix: string }): Promise<void> {
  const [lib, s3] = await Promise.all([loadEngine(), connections.client(where.connection)]);
  await lib.createFolder(s3, { bucket: where.bucket, prefix: where.prefix });
  connections.notifyChanged({ connection: where.connection, bucket: where.bucket, key: where.prefix, type: 'folder' });
}

/**
 * The same-origin URL that downloads an object (or one version of it) as a file: the proxy URL
 * from the connections service, with S3's `response-content-disposition=attachment` (and the
 * version id) added as query parameters.
 *
 * Built from the object's own bucket and key, never from a JupyterLab document path, which
 * JupyterLab normalizes (`a/../b` would become `b`): Download works for every key S3 holds.
 */
import type { IHeliumConnections } from '../tokens';

/** Which object (or version) to download, on which connection. */
export interface IDownloadSource {
  connection: string;
  bucket: string;
  key: string;
  versionId?: string;
}

/**
 * The download URL of an object or version.
 * @param connections - the connections service (its `objectUrl` addresses the object).
 * @param source - the object, and the version when not the current one.
 * @returns the URL; the proxy answers with the bytes and an attachment disposition.
 */
export function downloadUrl(connections: Pick<IHeliumConnections, 'objectUrl'>, source: IDownloadSource): string {
  return connections.objectUrl(source.connection, source.bucket, source.key, {
    ...(source.versionId ? { versionId: source.versionId } : {}),
    'response-content-disposition': 'attachment'
  });
}

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
 * @throws when the connections service cannot address the object.
 */
export function downloadUrl(connections: Pick<IHeliumConnections, 'objectUrl'>, source: IDownloadSource): string {
  const url = connections.objectUrl(source.connection, source.bucket, source.key);
  const query = new URLSearchParams();
  if (source.versionId) {
    query.set('versionId', source.versionId);
  }
  query.set('response-content-disposition', 'attachment');
  // objectUrl may already carry a query (a key whose path the browser would rewrite travels in one).
  return `${url}${url.includes('?') ? '&' : '?'}${query.toString()}`;
}

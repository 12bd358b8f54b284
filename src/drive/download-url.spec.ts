import { ServerConnection } from '@jupyterlab/services';
import { ConnectionsModel } from '../models/connections';
import { downloadUrl } from './download-url';
import { testTrans } from '../testing/translation';

/** The real connections model, with a server under a base URL. */
function connections(): ConnectionsModel {
  return new ConnectionsModel(ServerConnection.makeSettings({ baseUrl: 'http://x/lab-base/' }), testTrans);
}

describe('download URLs', () => {
  it('asks for an attachment of the object the key names, path-encoded like the SDK', () => {
    const url = downloadUrl(connections(), { connection: 'local', bucket: 'b', key: 'dir/x?#%+ ü.csv' });
    expect(url).toBe('http://x/lab-base/helium/s3/local/b/dir/x%3F%23%25%2B%20%C3%BC.csv?response-content-disposition=attachment');
  });

  it('adds the version id, encoded', () => {
    const url = new URL(downloadUrl(connections(), { connection: 'local', bucket: 'b', key: 'k', versionId: 'v+1/2=' }));
    expect(url.pathname).toBe('/lab-base/helium/s3/local/b/k');
    expect(url.searchParams.get('versionId')).toBe('v+1/2=');
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment');
  });

  it.each(['a/../b', 'a/./b', 'a//b', '/leading', '..'])(
    'sends %s in helium-path, which the browser cannot rewrite, with the version',
    key => {
      const url = new URL(downloadUrl(connections(), { connection: 'local', bucket: 'b', key, versionId: 'v1' }));
      expect(url.pathname).toBe('/lab-base/helium/s3/local/b/');
      expect(url.searchParams.get('helium-path')).toBe(`/b/${key.split('/').map(encodeURIComponent).join('/')}`);
      expect(url.searchParams.get('versionId')).toBe('v1');
      expect(url.searchParams.get('response-content-disposition')).toBe('attachment');
    }
  );
});

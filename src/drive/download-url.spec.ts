import { downloadUrl } from './download-url';

/** A connections stand-in whose objectUrl is what the proxy client gives (path, or query). */
function connections(objectUrl: (connection: string, bucket: string, key: string) => string) {
  return { objectUrl: jest.fn(objectUrl) };
}

describe('download URLs', () => {
  it('asks for an attachment of the object the key names, from its own bucket and key', () => {
    const c = connections((conn, bucket, key) => `/helium/s3/${conn}/${bucket}/${encodeURIComponent(key)}`);
    expect(downloadUrl(c, { connection: 'local', bucket: 'b', key: 'a/../x?.csv' })).toBe(
      '/helium/s3/local/b/a%2F..%2Fx%3F.csv?response-content-disposition=attachment'
    );
    // The key reaches objectUrl as S3 holds it: never a normalized document path.
    expect(c.objectUrl).toHaveBeenCalledWith('local', 'b', 'a/../x?.csv');
  });

  it('adds the version id, encoded', () => {
    const c = connections(() => '/helium/s3/local/b/k');
    const url = new URL(downloadUrl(c, { connection: 'local', bucket: 'b', key: 'k', versionId: 'v+1/2=' }), 'http://x');
    expect(url.searchParams.get('versionId')).toBe('v+1/2=');
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment');
  });

  it('appends to a query the proxy URL already carries', () => {
    const c = connections(() => '/helium/s3/local/b?key=a%2F..%2Fb');
    const url = new URL(downloadUrl(c, { connection: 'local', bucket: 'b', key: 'a/../b', versionId: 'v1' }), 'http://x');
    expect(url.searchParams.get('key')).toBe('a/../b');
    expect(url.searchParams.get('versionId')).toBe('v1');
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment');
  });
});

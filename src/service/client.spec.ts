/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { createHash } from 'crypto';
import { createNodeClient, createProxyClient, getEndpointLabel, setEndpointLabel } from './client';
import { HeliumError } from './error-class';
import { listBuckets, listPrefixPages } from './listing';
import { getObjectBytes, putObject } from './objects';
import { needsPathParam, PROXY_PATH_PARAM, proxiedPath, s3ObjectPath } from './proxy-path';

interface Seen {
  url: URL;
  method: string;
  headers: Headers;
  credentials: RequestCredentials;
  body?: Uint8Array;
}

/** A fetch that records requests and answers with `respond()`. */
function fakeFetch(respond: (url: URL) => Response = () => okFor()) {
  const seen: Seen[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = request.method === 'PUT' ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const url = new URL(request.url);
    seen.push({ url, method: request.method, headers: request.headers, credentials: request.credentials, body });
    return respond(url);
  }) as typeof fetch;
  return { seen, impl };
}

const LIST_BUCKETS = `<?xml version="1.0" encoding="UTF-8"?>
<ListAllMyBucketsResult><Owner><ID>o</ID></Owner><Buckets>
<Bucket><Name>zeta</Name><CreationDate>2024-01-02T03:04:05.000Z</CreationDate></Bucket>
<Bucket><Name>alpha</Name><CreationDate>2024-01-02T03:04:05.000Z</CreationDate></Bucket>
</Buckets></ListAllMyBucketsResult>`;

const LIST_OBJECTS = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult><Name>bucket</Name><Prefix>a b/</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys>
<IsTruncated>false</IsTruncated><Delimiter>/</Delimiter>
<Contents><Key>a b/</Key><LastModified>2024-01-02T03:04:05.000Z</LastModified><ETag>"d41d8cd98f00b204e9800998ecf8427e"</ETag><Size>0</Size><StorageClass>STANDARD</StorageClass></Contents>
<Contents><Key>a b/ü+%.txt</Key><LastModified>2024-01-02T03:04:05.000Z</LastModified><ETag>"abc"</ETag><Size>3</Size><StorageClass>STANDARD</StorageClass></Contents>
<CommonPrefixes><Prefix>a b/sub/</Prefix></CommonPrefixes>
</ListBucketResult>`;

/** A plausible successful S3 answer for the request's URL. */
function okFor(url?: URL): Response {
  if (url && url.searchParams.get('x-id') === 'ListBuckets') {
    return new Response(LIST_BUCKETS, { status: 200, headers: { 'content-type': 'application/xml' } });
  }
  if (url && url.searchParams.get('list-type') === '2') {
    return new Response(LIST_OBJECTS, { status: 200, headers: { 'content-type': 'application/xml' } });
  }
  return new Response(new Uint8Array([1, 2, 3]), {
    status: 200,
    headers: { etag: '"abc"', 'content-length': '3', 'last-modified': 'Tue, 02 Jan 2024 03:04:05 GMT', 'x-amz-version-id': 'v1' }
  });
}

describe('createProxyClient: request URLs keep the proxy base path', () => {
  it.each([
    ['http://localhost:8888/helium/s3/default', '/helium/s3/default'],
    ['http://host/lab-base/helium/s3/default', '/lab-base/helium/s3/default'],
    ['http://host/lab-base/helium/s3/default/', '/lab-base/helium/s3/default']
  ])('%s', async (proxyUrl, base) => {
    const { seen, impl } = fakeFetch(url => okFor(url));
    const s3 = createProxyClient({ proxyUrl, fetch: impl });

    const buckets = await listBuckets(s3);
    expect(buckets.map(b => b.name)).toEqual(['alpha', 'zeta']);

    const pages = [];
    for await (const page of listPrefixPages(s3, { bucket: 'bucket', prefix: 'a b/' })) {
      pages.push(page);
    }
    expect(pages).toHaveLength(1);
    expect(pages[0].folders).toEqual([{ kind: 'folder', name: 'sub', prefix: 'a b/sub/' }]);
    expect(pages[0].objects.map(o => o.key)).toEqual(['a b/ü+%.txt']); // marker `a b/` left out

    const { bytes } = await getObjectBytes(s3, { bucket: 'bucket', key: 'a b/ü+%.txt' });
    expect(Array.from(bytes)).toEqual([1, 2, 3]);

    expect(seen.map(s => s.url.pathname)).toEqual([`${base}/`, `${base}/bucket/`, `${base}/bucket/a%20b/%C3%BC%2B%25.txt`]);
    expect(seen[1].url.searchParams.get('prefix')).toBe('a b/');
    expect(seen[1].url.searchParams.get('delimiter')).toBe('/');
  });
});

describe('createProxyClient: keys whose path a browser would rewrite', () => {
  it.each([
    ['a/../b.txt', '/bucket/a/../b.txt'],
    ['a/./b.txt', '/bucket/a/./b.txt'],
    ['..', '/bucket/..'],
    ['a//b.txt', '/bucket/a//b.txt'],
    ['/leading', '/bucket//leading'],
    ['dir//', '/bucket/dir//']
  ])('%s travels in helium-path, the URL path is the bucket', async (key, s3Path) => {
    const { seen, impl } = fakeFetch();
    const s3 = createProxyClient({ proxyUrl: 'http://host/lab/helium/s3/default', fetch: impl });
    await getObjectBytes(s3, { bucket: 'bucket', key, versionId: 'v1' });
    expect(seen[0].url.pathname).toBe('/lab/helium/s3/default/bucket/');
    expect(seen[0].url.searchParams.get(PROXY_PATH_PARAM)).toBe(s3Path);
    expect(seen[0].url.searchParams.get('versionId')).toBe('v1'); // the rest of the query stays
  });

  it("leaves every other path alone, a folder marker's trailing slash included", async () => {
    const { seen, impl } = fakeFetch();
    const s3 = createProxyClient({ proxyUrl: 'http://host/helium/s3/default', fetch: impl });
    for (const key of ['a/b.txt', 'dir/', '...', 'a..b/.c', 'tab\there %?#']) {
      await getObjectBytes(s3, { bucket: 'bucket', key });
    }
    expect(seen.map(s => s.url.searchParams.has(PROXY_PATH_PARAM))).toEqual([false, false, false, false, false]);
    expect(seen.map(s => s.url.pathname)).toEqual([
      '/helium/s3/default/bucket/a/b.txt',
      '/helium/s3/default/bucket/dir/',
      '/helium/s3/default/bucket/...',
      '/helium/s3/default/bucket/a..b/.c',
      '/helium/s3/default/bucket/tab%09here%20%25%3F%23'
    ]);
  });
});

describe('proxiedPath / s3ObjectPath (URLs for downloads)', () => {
  it('builds the same addresses as the client', () => {
    expect(s3ObjectPath('b', 'a b/ü+%?#(1)')).toBe('/b/a%20b/%C3%BC%2B%25%3F%23%281%29');
    expect(proxiedPath('/x/helium/s3/c/', s3ObjectPath('b', 'k/v.csv'))).toEqual({ path: '/x/helium/s3/c/b/k/v.csv' });
    expect(proxiedPath('/x/helium/s3/c', s3ObjectPath('b', 'a/../k'))).toEqual({ path: '/x/helium/s3/c/b/', param: '/b/a/../k' });
    expect(needsPathParam('/b/')).toBe(false);
    expect(needsPathParam('/b//')).toBe(true);
  });
});

describe('createProxyClient: what the browser sends', () => {
  it('sends no signature, only same-origin credentials and the XSRF token', async () => {
    let token: string | undefined = 'tok-123';
    const { seen, impl } = fakeFetch();
    const s3 = createProxyClient({ proxyUrl: 'http://host/helium/s3/default', fetch: impl, xsrfToken: () => token });
    await getObjectBytes(s3, { bucket: 'bucket', key: 'k' });
    token = undefined;
    await getObjectBytes(s3, { bucket: 'bucket', key: 'k' });

    expect(seen[0].headers.get('x-xsrftoken')).toBe('tok-123');
    expect(seen[1].headers.has('x-xsrftoken')).toBe(false);
    for (const request of seen) {
      expect(request.credentials).toBe('same-origin');
      expect(request.headers.has('authorization')).toBe(false);
      expect(request.headers.has('x-amz-date')).toBe(false);
      expect(request.headers.has('x-amz-content-sha256')).toBe(false);
    }
  });

  it('uploads with our SHA-256 header, never aws-chunked or trailers', async () => {
    const { seen, impl } = fakeFetch();
    const s3 = createProxyClient({ proxyUrl: 'http://host/helium/s3/default', fetch: impl, xsrfToken: () => 'x' });
    const body = new TextEncoder().encode('hello world');
    const result = await putObject(s3, { bucket: 'bucket', key: 'dir/hello.txt', body, userMetadata: { helium: '{"a":1}' } });
    const expected = createHash('sha256').update('hello world').digest('base64');
    expect(result.checksumSha256).toBe(expected);
    const [put] = seen;
    expect(put.method).toBe('PUT');
    expect(put.url.pathname).toBe('/helium/s3/default/bucket/dir/hello.txt');
    expect(put.headers.get('x-amz-checksum-sha256')).toBe(expected);
    expect(put.headers.get('x-amz-meta-helium')).toBe('{"a":1}');
    expect(put.headers.get('content-length')).toBe('11');
    expect(put.headers.has('x-amz-trailer')).toBe(false);
    expect(put.headers.get('content-encoding') ?? '').not.toContain('aws-chunked');
    expect(put.headers.get('x-amz-content-sha256') ?? '').not.toContain('STREAMING');
    expect(Array.from(put.body!)).toEqual(Array.from(body));
  });

  it('maps the proxy XML errors and keeps the endpoint label for messages', async () => {
    const xml = (code: string, message: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
    let next: Response = new Response(xml('EndpointUnreachable', 'Cannot connect to http://minio:9000'), { status: 502 });
    const s3 = createProxyClient({
      proxyUrl: 'http://host/helium/s3/default',
      fetch: (async () => next) as typeof fetch,
      endpointLabel: 'http://minio:9000',
      maxAttempts: 1
    });
    expect(getEndpointLabel(s3)).toBe('http://minio:9000');
    await expect(getObjectBytes(s3, { bucket: 'bucket', key: 'k' })).rejects.toMatchObject({
      kind: 'Network',
      code: 'EndpointUnreachable',
      status: 502,
      message: expect.stringContaining('Cannot connect to http://minio:9000.')
    });
    next = new Response(xml('UnknownConnection', 'No S3 connection named "default".'), { status: 404 });
    await expect(getObjectBytes(s3, { bucket: 'bucket', key: 'k' })).rejects.toMatchObject({
      kind: 'NotFound',
      code: 'UnknownConnection'
    });

    const failing = createProxyClient({
      proxyUrl: 'http://host/helium/s3/default',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
      endpointLabel: 'http://minio:9000',
      maxAttempts: 1
    });
    const err = await getObjectBytes(failing, { bucket: 'bucket', key: 'k' }).catch(e => e);
    expect(err).toBeInstanceOf(HeliumError);
    expect(err.kind).toBe('Network');
    expect(err.message).toContain('Cannot reach the S3 endpoint http://minio:9000: is it running?');
  });
});

describe('createNodeClient', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('uses AWS_ENDPOINT_URL, path style and a default region with an endpoint', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:4566';
    delete process.env.AWS_ENDPOINT_URL_S3;
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    const s3 = createNodeClient({ credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    expect(getEndpointLabel(s3)).toBe('http://127.0.0.1:4566');
    expect(await s3.config.region()).toBe('us-east-1');
    expect(s3.config.forcePathStyle).toBe(true);
    const endpoint = await s3.config.endpoint!();
    expect(endpoint.hostname).toBe('127.0.0.1');
    expect(endpoint.port).toBe(4566);
  });

  it('prefers explicit options, and labels AWS without an endpoint', async () => {
    delete process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_ENDPOINT_URL_S3;
    const s3 = createNodeClient({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    expect(getEndpointLabel(s3)).toBe('AWS S3 (eu-west-1)');
    expect(s3.config.forcePathStyle).toBe(false);
    setEndpointLabel(s3, 'custom');
    expect(getEndpointLabel(s3)).toBe('custom');
    setEndpointLabel(s3, undefined);
    expect(getEndpointLabel(s3)).toBeUndefined();
  });
});

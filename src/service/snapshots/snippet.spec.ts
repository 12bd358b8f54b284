import { endpointWithoutCredentials, isAwsEndpoint, quiltSnippet } from './snippet';

const HASH = '3f2a9c0d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3';

describe('quiltSnippet', () => {
  it('browses the package by name, registry and top hash on AWS, with no endpoint line', () => {
    const code = quiltSnippet({ name: 'team/hurdat', bucket: 'my-bucket', topHash: HASH, endpoint: 'https://s3.eu-west-1.amazonaws.com' });
    expect(code).toContain(`quilt3.Package.browse("team/hurdat", registry="s3://my-bucket", top_hash="${HASH}")`);
    expect(code).not.toContain('AWS_ENDPOINT_URL');
    expect(code.startsWith('import quilt3')).toBe(true);
  });

  it('sets the endpoint (and a non-default region) before importing quilt3 for other servers', () => {
    const code = quiltSnippet({ name: 'a/b', bucket: 'bk', topHash: HASH, endpoint: 'http://127.0.0.1:9000', region: 'eu-central-1' });
    const endpointAt = code.indexOf('os.environ.setdefault("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000")');
    expect(endpointAt).toBeGreaterThan(0);
    expect(code).toContain('os.environ.setdefault("AWS_DEFAULT_REGION", "eu-central-1")');
    expect(endpointAt).toBeLessThan(code.indexOf('import quilt3'));
    expect(code).not.toMatch(/secret|access_key/i);
  });

  it('quotes values as Python string literals', () => {
    const code = quiltSnippet({ name: 'x/"y', bucket: 'b', topHash: HASH });
    expect(code).toContain('browse("x/\\"y", registry="s3://b"');
  });
});

describe('isAwsEndpoint', () => {
  it('recognises AWS hosts and nothing else', () => {
    expect(isAwsEndpoint(undefined)).toBe(true);
    expect(isAwsEndpoint('https://s3.amazonaws.com')).toBe(true);
    expect(isAwsEndpoint('http://minio.local:9000')).toBe(false);
    expect(isAwsEndpoint('https://evil-amazonaws.com')).toBe(false);
    expect(isAwsEndpoint('not a url')).toBe(false);
  });
});

describe('endpointWithoutCredentials', () => {
  it('never puts a user name or password of the endpoint into the snippet', () => {
    const code = quiltSnippet({ name: 'a/b', bucket: 'bk', topHash: HASH, endpoint: 'http://minio:s3cr%40t@127.0.0.1:9000' });
    expect(code).toContain('os.environ.setdefault("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000")');
    expect(code).not.toMatch(/minio|s3cr/);
  });

  it('strips credentials however the endpoint is written, and keeps the rest as written', () => {
    expect(endpointWithoutCredentials('https://user@s3.example.com/')).toBe('https://s3.example.com/');
    expect(endpointWithoutCredentials('https://user:pw@s3.example.com/base')).toBe('https://s3.example.com/base');
    expect(endpointWithoutCredentials('https://:pw@s3.example.com:8443')).toBe('https://s3.example.com:8443');
    expect(endpointWithoutCredentials('user:pw@s3.example.com:9000')).toBe('s3.example.com:9000');
    expect(endpointWithoutCredentials('http://127.0.0.1:9000')).toBe('http://127.0.0.1:9000');
    expect(endpointWithoutCredentials('http://[::1]:9000/')).toBe('http://[::1]:9000/');
  });
});

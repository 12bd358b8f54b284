/**
 * Python that opens a snapshot with quilt3, for the clipboard. It names the package, registry,
 * top hash and (for non-AWS servers) the endpoint, never a credential: boto3, which quilt3 uses,
 * finds those in the user's own environment.
 */

/** What the snippet opens. */
export interface IQuiltSnippetTarget {
  /** Package name, `namespace/name`. */
  name: string;
  bucket: string;
  topHash: string;
  /** The S3 endpoint the Jupyter server uses; left out for AWS's own endpoints. */
  endpoint?: string;
  /** The region, when not the default (only said for non-AWS endpoints). */
  region?: string;
}

/** A Python string literal (JSON's escapes are valid Python, and JSON never emits `\/`). */
function py(value: string): string {
  return JSON.stringify(value);
}

/**
 * Whether boto3 finds this endpoint by itself (AWS), so the snippet need not name it.
 * @param endpoint - the endpoint URL, if any.
 * @returns true for AWS (or no endpoint).
 */
export function isAwsEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) {
    return true;
  }
  try {
    const host = new URL(endpoint).hostname;
    return host === 'amazonaws.com' || host.endsWith('.amazonaws.com');
  } catch {
    return false;
  }
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * An endpoint without the user name and password an URL may carry (`http://user:pass@host`), so
 * they never reach the clipboard. Endpoints without them are kept as written.
 * @param endpoint - the endpoint URL.
 * @returns the endpoint, without credentials.
 */
export function endpointWithoutCredentials(endpoint: string): string {
  // Without a `scheme://`, URL would read `user:pass@host` as a scheme and a path.
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? parseUrl(endpoint) : null;
  if (!url) {
    // Not a URL: drop anything up to an `@` in what would be its authority.
    return endpoint.replace(/^([^/?#]*\/\/)?[^/?#]*@/, '$1');
  }
  if (!url.username && !url.password) {
    return endpoint;
  }
  url.username = '';
  url.password = '';
  const text = url.href;
  // URL adds a `/` path to `http://host`; keep the endpoint as it was written.
  return url.pathname === '/' && !url.search && !url.hash && !endpoint.endsWith('/') && text.endsWith('/') ? text.slice(0, -1) : text;
}

/**
 * `quilt3.Package.browse(…)` for one snapshot, ready to run.
 * @param target - the snapshot.
 * @returns the code.
 */
export function quiltSnippet(target: IQuiltSnippetTarget): string {
  const lines: string[] = [];
  if (!isAwsEndpoint(target.endpoint)) {
    lines.push(
      'import os',
      '',
      '# This S3 server is not AWS: point boto3 (which quilt3 uses; boto3 >= 1.28) at it before importing quilt3.',
      '# Credentials come from your own environment (~/.aws or AWS_* variables), never from this snippet.',
      `os.environ.setdefault("AWS_ENDPOINT_URL_S3", ${py(endpointWithoutCredentials(target.endpoint!))})`
    );
    if (target.region && target.region !== 'us-east-1') {
      lines.push(`os.environ.setdefault("AWS_DEFAULT_REGION", ${py(target.region)})`);
    }
    lines.push('');
  }
  lines.push(
    'import quilt3',
    '',
    `pkg = quilt3.Package.browse(${py(target.name)}, registry=${py(`s3://${target.bucket}`)}, top_hash=${py(target.topHash)})`,
    '# pkg.fetch("snapshot/")  # download the snapshotted files into ./snapshot/'
  );
  return lines.join('\n') + '\n';
}

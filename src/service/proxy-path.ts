/**
 * Addressing every key through the Jupyter server's S3 proxy from a browser.
 *
 * A browser parses every URL before sending it and rewrites `.` and `..` path segments (even
 * percent-encoded ones), so a request for the key `a/../b` would reach `b`, another object. S3
 * keys may hold such segments (and empty ones, `a//b`, which some servers collapse). For those
 * paths the whole raw S3 path travels in the query parameter `helium-path`, which nothing
 * rewrites, and the URL's path is only the bucket; the proxy (`jupyterlab_helium/target.py`)
 * puts the path back before signing. Every other request keeps its plain path.
 */

/** The query parameter the proxy reads the S3 path from. */
export const PROXY_PATH_PARAM = 'helium-path';

/**
 * Whether a path-style S3 path (`/bucket/key…`) has a segment a browser or server may rewrite:
 * `.` or `..` anywhere in the key, or an empty segment inside it. A single trailing `/` (a folder
 * marker, or a listing of the bucket) is kept by everyone and does not count.
 * @param s3Path - the raw path, starting with `/` and the bucket.
 * @returns true when the path must travel in {@link PROXY_PATH_PARAM}.
 */
export function needsPathParam(s3Path: string): boolean {
  const segments = s3Path.split('/').slice(2); // drop '' and the bucket
  return segments.some((s, i) => s === '.' || s === '..' || (s === '' && i < segments.length - 1));
}

/** Where a proxied request goes: the URL path, and the extra query parameter if any. */
export interface ProxiedPath {
  /** The path to put in the URL (`<base>/<bucket>/` when the real path is in the query). */
  path: string;
  /** The raw S3 path for {@link PROXY_PATH_PARAM}, when the URL path cannot carry it. */
  param?: string;
}

/**
 * The URL path (and query parameter) that reach `s3Path` through the proxy at `basePath`.
 * @param basePath - the proxy's path for one connection, e.g. `/lab/helium/s3/default`.
 * @param s3Path - the raw path-style S3 path, e.g. `/bucket/a/../b` (key segments percent-encoded).
 * @returns the path to request, and the parameter to add when the path cannot carry the key.
 */
export function proxiedPath(basePath: string, s3Path: string): ProxiedPath {
  const base = basePath.replace(/\/+$/, '');
  if (!needsPathParam(s3Path)) {
    return { path: base + s3Path };
  }
  const bucket = s3Path.split('/')[1];
  return { path: `${base}/${bucket}/`, param: s3Path };
}

/**
 * The path-style S3 path of an object, each key segment strictly percent-encoded (as the AWS SDK
 * does), `/` kept between segments.
 * @param bucket - the bucket.
 * @param key - the key, any characters.
 * @returns `/bucket/segment/segment…`.
 */
export function s3ObjectPath(bucket: string, key: string): string {
  const strict = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `/${strict(bucket)}/${key.split('/').map(strict).join('/')}`;
}

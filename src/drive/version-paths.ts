/**
 * Paths of the read-only `s3-version:` drive, which opens one old version of an object in
 * JupyterLab's viewers: `<connection>/<bucket>/<version token>/<key>`.
 *
 * AWS version ids may contain `/` and `+`, so the id travels as base64url (letters, digits, `-`,
 * `_`) to keep it one path segment. The key comes last, so the file name (and thus the viewer
 * JupyterLab picks) is the object's own.
 */
import { fromBase64, toBase64 } from '../service/checksum';

/** Name of the drive of old versions. */
export const VERSION_DRIVE_NAME = 's3-version';

/** One object version addressed by the version drive. */
export interface IVersionLocation {
  connection: string;
  bucket: string;
  key: string;
  versionId: string;
}

/** The version id as one URL- and path-safe segment. */
export function encodeVersionId(versionId: string): string {
  const base64 = toBase64(new TextEncoder().encode(versionId));
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The version id back from {@link encodeVersionId}. */
export function decodeVersionId(token: string): string {
  const base64 = token.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  return new TextDecoder().decode(fromBase64(padded));
}

/** The drive-local path of a version (without the `s3-version:` prefix). */
export function versionDrivePath(loc: IVersionLocation): string {
  return [loc.connection, loc.bucket, encodeVersionId(loc.versionId), loc.key].join('/');
}

/**
 * Split a version drive path into its parts.
 * @param path - `<connection>/<bucket>/<token>/<key>`.
 * @returns the location, or null when the path does not name a version of an object.
 */
export function parseVersionDrivePath(path: string): IVersionLocation | null {
  const trimmed = path.replace(/^\/+/, '');
  const [connection = '', bucket = '', token = '', ...rest] = trimmed.split('/');
  const key = rest.join('/');
  if (!connection || !bucket || !token || !key) {
    return null;
  }
  return { connection, bucket, key, versionId: decodeVersionId(token) };
}

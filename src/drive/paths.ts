/**
 * Paths of the `s3:` drive. A drive-local path is `<connection>/<bucket>/<key>`; the drive
 * prefix `s3:` is added and removed by JupyterLab's ContentsManager.
 */

export interface IDriveLocation {
  connection: string;
  /** Empty at the drive root. */
  bucket: string;
  /** Object key, or a prefix without its trailing slash; empty at the bucket root. */
  key: string;
}

/** Splits `conn/bucket/a/b.txt` into its parts; tolerates leading and trailing slashes. */
export function parseDrivePath(path: string): IDriveLocation {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  const [connection = '', bucket = '', ...rest] = trimmed.split('/');
  return { connection, bucket, key: rest.join('/') };
}

/** The drive-local path of an object or folder. */
export function drivePath(connection: string, bucket: string, key: string): string {
  return [connection, bucket, key.replace(/\/+$/, '')].filter(p => p.length > 0).join('/');
}

/** The last segment of a path or key. */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * Why a browser cannot address this key, or null if it can. Browsers (and JupyterLab's path
 * handling) rewrite `.` and `..` segments and collapse empty ones, even percent-encoded, so such
 * a key would silently address another object.
 */
export function browserKeyProblem(key: string): string | null {
  const segments = key.replace(/\/$/, '').split('/');
  if (segments.some(s => s === '' || s === '.' || s === '..')) {
    return `The key "${key}" has an empty, "." or ".." segment, which browsers rewrite, so it cannot be opened or downloaded from JupyterLab without reaching a different object. Use boto3, the AWS CLI or the helium CLI for it.`;
  }
  return null;
}

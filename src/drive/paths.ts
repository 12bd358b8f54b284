/**
 * Paths of the `s3:` drive. A drive-local path is `<connection>/<bucket>/<key>`; the drive
 * prefix `s3:` is added and removed by JupyterLab's ContentsManager.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { DRIVE_NAME } from '../tokens';
import { displayKey, pathRewrittenSegment } from '../service/uri';

/** The drive's prefix, as pasted from a document path. */
const OWN_PREFIX = new RegExp(`^${DRIVE_NAME}:`);

export interface IDriveLocation {
  connection: string;
  /** Empty at the drive root. */
  bucket: string;
  /** Object key, or a prefix without its trailing slash; empty at the bucket root. */
  key: string;
}

/**
 * Splits `conn/bucket/a/b.txt` into its parts; tolerates leading and trailing slashes, and the
 * drive's own `s3:` prefix once more: a person who pastes a document's full path into Save As
 * or Rename gets `s3:s3:…`, and connection names cannot hold a `:` (the server's rule), so it
 * cannot name a connection.
 */
export function parseDrivePath(path: string): IDriveLocation {
  const trimmed = path.replace(/^\/+/, '').replace(OWN_PREFIX, '').replace(/^\/+/, '').replace(/\/+$/, '');
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
 * Why this key cannot be a JupyterLab document path, or null when it can. JupyterLab normalizes
 * the paths of its documents (`.` and `..` segments are resolved, empty ones collapsed), so an
 * `s3:` path for such a key would name another object. Everything else works on the key (the S3
 * engine addresses any key S3 holds): the message says what to use instead.
 * @param key - the object's key.
 * @param trans - translations.
 * @returns a message saying why it cannot be opened and what to do, or null.
 */
export function documentPathProblem(key: string, trans: TranslationBundle): string | null {
  if (key.endsWith('/')) {
    // An object whose key ends in "/" (S3 allows bytes there): the document path drops the
    // slash, so the drive would look for another key (`a/b` instead of `a/b/`) and say it is missing.
    return trans.__(
      '"%1" ends in "/", as a folder does. JupyterLab drops that "/" from the paths of its documents, so this object cannot be opened in an editor or viewer here. Download it instead (Download, or Version History → Download for one version), or use the helium CLI with its S3 URI (Copy S3 URI).',
      displayKey(key)
    );
  }
  const segment = pathRewrittenSegment(key);
  if (segment === null) {
    return null;
  }
  // Whole sentences, one per case, so that a translation can order them its own way.
  return segment === ''
    ? trans.__(
        '"%1" has an empty segment (a leading "/" or "//"). JupyterLab rewrites such segments in the paths of its documents, so this object cannot be opened in an editor or viewer here. Download it instead (Download, or Version History → Download for one version), or use the helium CLI with its S3 URI (Copy S3 URI).',
        displayKey(key)
      )
    : trans.__(
        '"%1" has a "%2" segment. JupyterLab rewrites such segments in the paths of its documents, so this object cannot be opened in an editor or viewer here. Download it instead (Download, or Version History → Download for one version), or use the helium CLI with its S3 URI (Copy S3 URI).',
        displayKey(key),
        segment
      );
}

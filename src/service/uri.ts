/**
 * S3 URIs (`s3://bucket/key?versionId=…`), bucket-name and key rules, and key/prefix arithmetic.
 *
 * The one place that builds and parses `s3://` URIs, checks keys and renders them for display.
 *
 * URIs follow Quilt's physical keys: the key is percent-decoded when parsed, so `%` must be
 * written `%25`. Formatting encodes only what would break that round trip or the URI's shape
 * (`%`, `?`, `#`, whitespace and control characters); unicode and `+` stay readable. (`aws s3`
 * takes keys literally instead: `s3://b/100%` there is `s3://b/100%25` here.)
 *
 * Keys: reading never refuses a key S3 holds ({@link readKeyProblem} only rejects what S3 cannot
 * hold); a key a person names for a new object is checked by {@link writeKeyProblem}; keys are
 * shown with {@link displayKey}.
 */
import { HeliumError } from './error-class';

/** An object (or prefix) address in S3. */
export interface S3Location {
  /** The bucket name. */
  bucket: string;
  /** The key (may be empty for the bucket's root, or end in `/` for a prefix). */
  key: string;
  /** A specific version of the object. */
  versionId?: string;
}

/** One step of a breadcrumb trail: a folder name and the prefix it stands for. */
export interface PrefixCrumb {
  /** The folder's name, without slashes. */
  name: string;
  /** The full prefix up to and including this folder (ends with `/`). */
  prefix: string;
}

/** S3's limit on key length, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

const encoder = new TextEncoder();

/**
 * The number of bytes of `text` in UTF-8.
 * @param text - any string.
 * @returns its UTF-8 length.
 */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Percent-decode a URI component, failing with a clear message on a stray `%`.
 * @param text - the encoded text.
 * @param uri - the whole URI, for the message.
 * @returns the decoded text.
 */
function decodeComponent(text: string, uri: string): string {
  try {
    return decodeURIComponent(text);
  } catch (cause) {
    throw new HeliumError(
      'InvalidInput',
      `"${uri}" is not a valid S3 URI: a "%" must be followed by two hex digits. Write a literal "%" as "%25".`,
      { cause }
    );
  }
}

/**
 * Parse `s3://bucket/key?versionId=…` (the key is percent-decoded).
 * @param uri - the URI.
 * @returns the bucket, key and version id.
 * @throws HeliumError `InvalidInput` when it is not an S3 URI or the bucket name is invalid.
 */
export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?(?:#.*)?$/i.exec(uri.trim());
  if (!match) {
    throw new HeliumError('InvalidInput', `"${uri}" is not an S3 URI. Write it as s3://bucket/key, e.g. s3://my-bucket/data/file.csv.`);
  }
  const [, bucket, rawKey = '', query] = match;
  assertValidBucketName(bucket);
  const location: S3Location = { bucket, key: decodeComponent(rawKey, uri) };
  if (query) {
    for (const pair of query.split('&')) {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      if (name === 'versionId' && eq >= 0) {
        location.versionId = decodeComponent(pair.slice(eq + 1), uri);
      }
    }
  }
  return location;
}

/**
 * Encode the characters of a key that cannot appear raw in an `s3://` URI.
 * @param key - the key.
 * @returns the key with `%`, `?`, `#`, whitespace and control characters percent-encoded.
 */
function encodeKeyForUri(key: string): string {
  return key.replace(/[%?#\s\u0000-\u001f\u007f]/gu, ch =>
    Array.from(encoder.encode(ch), b => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')
  );
}

/**
 * Format a location as `s3://bucket/key[?versionId=…]`, percent-encoding only what must be.
 * @param location - bucket, key and optional version id.
 * @returns the URI; {@link parseS3Uri} gives the same location back.
 */
export function formatS3Uri(location: S3Location): string {
  let uri = `s3://${location.bucket}/${encodeKeyForUri(location.key)}`;
  if (location.versionId) {
    uri += `?versionId=${encodeURIComponent(location.versionId)}`;
  }
  return uri;
}

/**
 * Check a bucket name against S3's naming rules for general purpose buckets.
 * @param name - the bucket name.
 * @returns a message saying what is wrong, or null when the name is valid.
 */
export function validateBucketName(name: string): string | null {
  const quoted = `"${name}"`;
  if (name.length < 3 || name.length > 63) {
    return `Bucket name ${quoted} must be 3 to 63 characters long (it has ${name.length}).`;
  }
  if (!/^[a-z0-9.-]+$/.test(name)) {
    return `Bucket name ${quoted} may contain only lowercase letters, digits, dots (.) and hyphens (-).`;
  }
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
    return `Bucket name ${quoted} must begin and end with a lowercase letter or a digit.`;
  }
  if (name.includes('..')) {
    return `Bucket name ${quoted} must not contain two dots in a row.`;
  }
  if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) {
    return `Bucket name ${quoted} must not look like an IP address.`;
  }
  for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-']) {
    if (name.startsWith(prefix)) {
      return `Bucket name ${quoted} must not begin with "${prefix}" (reserved by S3).`;
    }
  }
  for (const suffix of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']) {
    if (name.endsWith(suffix)) {
      return `Bucket name ${quoted} must not end with "${suffix}" (reserved by S3).`;
    }
  }
  return null;
}

/**
 * Throw when a bucket name breaks S3's rules (see {@link validateBucketName}).
 * @param name - the bucket name.
 * @throws HeliumError `InvalidInput` with the reason.
 */
export function assertValidBucketName(name: string): void {
  const problem = validateBucketName(name);
  if (problem) {
    throw new HeliumError('InvalidInput', problem, { code: 'InvalidBucketName' });
  }
}

/** A control character of a key (C0 controls and DEL). */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/u;
/** A UTF-16 surrogate with no partner: such a string has no UTF-8 form, so S3 cannot hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What S3 itself could never hold as an object key: an empty key (that is the bucket), broken
 * unicode (no UTF-8 form), or more than 1,024 UTF-8 bytes. Everything else is a key S3 can hold,
 * and reading (get, versions, download, diff, snapshot) must work on it.
 * @param key - the key.
 * @returns a message saying what is wrong, or null when S3 can hold the key.
 */
export function readKeyProblem(key: string): string | null {
  if (key.length === 0) {
    return 'An object key must not be empty.';
  }
  if (LONE_SURROGATE.test(key)) {
    return 'Object key contains a broken unicode character (an unpaired surrogate).';
  }
  const bytes = utf8Length(key);
  if (bytes > MAX_KEY_BYTES) {
    return `Object key is ${bytes} bytes long in UTF-8; S3 allows at most ${MAX_KEY_BYTES}. Use a shorter name or fewer folders.`;
  }
  return null;
}

/**
 * Throw when S3 could never hold the key (see {@link readKeyProblem}). The engine's requests
 * check only this: any key S3 holds can be read, and operations on an existing object (restore,
 * metadata, save) accept whatever key it has.
 * @param key - the key.
 * @throws HeliumError `InvalidInput` (code `InvalidKey`) with the reason.
 */
export function assertReadableKey(key: string): void {
  const problem = readKeyProblem(key);
  if (problem) {
    throw new HeliumError('InvalidInput', problem, { code: 'InvalidKey' });
  }
}

/**
 * Whether a key has a segment that paths rewrite: `.` or `..`, or an empty one (a leading `/`,
 * `//` inside; a trailing `/` marks a folder and is not counted). Browsers and JupyterLab's paths
 * normalize such segments (even percent-encoded), and local file systems cannot hold them.
 * @param key - a key or a prefix.
 * @returns the first such segment (`''`, `.` or `..`), or null.
 */
export function pathRewrittenSegment(key: string): '' | '.' | '..' | null {
  const segments = (key.endsWith('/') ? key.slice(0, -1) : key).split('/');
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..') {
      return s;
    }
  }
  return null;
}

/**
 * What is wrong with a key a person names for a new object (an upload, `helium put`, a new
 * folder, a copy's destination): what S3 cannot hold ({@link readKeyProblem}), and what other
 * tools misread: control characters, and `.`, `..` or empty segments, which paths rewrite.
 * Keys that exist already are never refused for reading or for writing a new version.
 * @param key - the key.
 * @returns a message saying what is wrong and what to do, or null when the key is fine.
 */
export function writeKeyProblem(key: string): string | null {
  const problem = readKeyProblem(key);
  if (problem) {
    return problem;
  }
  const control = CONTROL_CHARACTER.exec(key);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `Object key "${displayKey(key)}" contains a control character (U+${code}); remove it.`;
  }
  const segment = pathRewrittenSegment(key);
  if (segment !== null) {
    const what = segment === '' ? 'an empty segment (a leading "/" or "//")' : `a "${segment}" segment`;
    return `Object key "${displayKey(key)}" has ${what}, which file paths and browsers rewrite, so other tools would read it as another key; choose another name.`;
  }
  return null;
}

/**
 * Throw when a person names a key that should not be written (see {@link writeKeyProblem}).
 * @param key - the key.
 * @throws HeliumError `InvalidInput` (code `InvalidKey`) with the reason.
 */
export function assertWritableKey(key: string): void {
  const problem = writeKeyProblem(key);
  if (problem) {
    throw new HeliumError('InvalidInput', problem, { code: 'InvalidKey' });
  }
}

/** What {@link displayKey} makes visible: C0/C1 controls, DEL, line separators, bidi controls. */
const VISIBLE_ESCAPES = /[\u0000-\u001f\u007f\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const LONE_SURROGATE_GLOBAL = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * A key (or any S3 text) as a person should see it: control characters become their visible
 * Control Pictures (a tab shows as ␉, a line feed as ␊, DEL as ␡), broken unicode becomes �, and
 * bidirectional controls, which could make a key read as another, show as their code point.
 * The result is for display only; never parse it back.
 * @param key - the key.
 * @returns the displayable text.
 */
export function displayKey(key: string): string {
  return key.replace(LONE_SURROGATE_GLOBAL, '\uFFFD').replace(VISIBLE_ESCAPES, ch => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) {
      return String.fromCharCode(0x2400 + code);
    }
    if (code === 0x7f) {
      return '\u2421';
    }
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

/**
 * Join key parts with exactly one `/` at each junction. Empty parts are skipped; slashes inside a
 * part (even `//`) are kept, and a trailing `/` of the last part is kept (it marks a folder).
 * @param parts - prefixes, folder names and file names.
 * @returns the joined key.
 */
export function joinKey(...parts: string[]): string {
  let key = '';
  for (const part of parts) {
    if (!part) {
      continue;
    }
    if (!key) {
      key = part;
    } else if (key.endsWith('/') && part.startsWith('/')) {
      key += part.slice(1);
    } else if (key.endsWith('/') || part.startsWith('/')) {
      key += part;
    } else {
      key += `/${part}`;
    }
  }
  return key;
}

/**
 * The prefix of the folder containing a key or prefix: `a/b/c/` → `a/b/`, `a/b/c.txt` → `a/b/`,
 * `a/` → `` (the bucket's root).
 * @param prefix - a key or a prefix.
 * @returns the parent prefix, ending in `/`, or `` at the root.
 */
export function parentPrefix(prefix: string): string {
  const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const slash = trimmed.lastIndexOf('/');
  return slash < 0 ? '' : trimmed.slice(0, slash + 1);
}

/**
 * The last segment of a key or prefix: `a/b/c.txt` → `c.txt`, `a/b/` → `b`.
 * @param key - a key or a prefix.
 * @returns its name, without slashes.
 */
export function basename(key: string): string {
  const trimmed = key.endsWith('/') ? key.slice(0, -1) : key;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * Breadcrumbs of a prefix: `a/b/` → `[{name: 'a', prefix: 'a/'}, {name: 'b', prefix: 'a/b/'}]`.
 * The bucket's root (``) has none. A last segment without a trailing `/` is kept as given.
 * @param prefix - a prefix.
 * @returns one crumb per folder, outermost first.
 */
export function splitPrefix(prefix: string): PrefixCrumb[] {
  const crumbs: PrefixCrumb[] = [];
  let start = 0;
  while (start < prefix.length) {
    const slash = prefix.indexOf('/', start);
    const end = slash < 0 ? prefix.length : slash + 1;
    crumbs.push({
      name: prefix.slice(start, slash < 0 ? prefix.length : slash),
      prefix: prefix.slice(0, end)
    });
    start = end;
  }
  return crumbs;
}

/**
 * Keys ↔ local paths, safely: uploads make keys from relative paths (checked as keys by
 * `assertWritableKey`), downloads make paths from keys and never write outside the folder the
 * person chose (keys are attacker-controlled).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { HeliumError } from '../service/error-class';
import { formatS3Uri, pathRewrittenSegment, S3Location } from '../service/uri';
import { safeText } from './output';

/** The longest file or folder name most file systems allow, in UTF-8 bytes. */
const MAX_NAME_BYTES = 255;

/**
 * What is wrong with a key (or the part of it below the downloaded prefix) as a relative local
 * path: no name at all, a name longer than file systems allow, a `.`, `..` or empty segment (a leading `/` or `//`: paths would rewrite
 * them, into another file or outside the folder), a NUL character, or (on Windows) a drive or
 * backslash. Every other character is kept as it is: control characters, `%`, `?`, unicode.
 * @param relative - the key, or the part of it below the listed prefix.
 * @returns a reason, or null when it is safe.
 */
export function relativeKeyProblem(relative: string): string | null {
  if (relative === '') {
    return 'it has no name below the folder';
  }
  if (process.platform === 'win32' && (/^[a-zA-Z]:/.test(relative) || relative.includes('\\'))) {
    return 'it is an absolute path or has a backslash, which Windows reads as a folder separator';
  }
  if (/\u0000/.test(relative)) {
    return 'it contains a NUL character';
  }
  const long = relative.split('/').find(name => Buffer.byteLength(name) > MAX_NAME_BYTES);
  if (long !== undefined) {
    return `its name "${safeText(Array.from(long).slice(0, 24).join(''))}…" is ${Buffer.byteLength(long)} bytes long, and file systems allow ${MAX_NAME_BYTES}`;
  }
  const segment = pathRewrittenSegment(relative);
  if (segment === '') {
    return relative.startsWith('/') ? 'it starts with "/"' : 'it has an empty segment ("//")';
  }
  if (segment !== null) {
    return `it has a "${segment}" segment`;
  }
  return null;
}

/**
 * The local path a downloaded key goes to, inside `root`.
 * @param root - the target folder (absolute).
 * @param relative - the key below the listed prefix.
 * @returns the absolute path inside `root`, or a reason why the key is not a path inside it.
 */
export function localPathForKey(root: string, relative: string): { path: string } | { problem: string } {
  const problem = relativeKeyProblem(relative);
  if (problem) {
    return { problem };
  }
  const target = path.resolve(root, ...relative.split('/'));
  const rel = path.relative(root, target);
  // Belt and braces: no segment is "." or "..", so this cannot happen.
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    return { problem: 'it would be written outside the target folder' };
  }
  return { path: target };
}

/**
 * A word-for-word argument for a POSIX shell: in single quotes.
 * @param text - the argument.
 * @returns the quoted argument.
 */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/**
 * How to download one object alone, to a file name of one's choosing (for messages).
 * @param location - the object (and version).
 * @returns the command, safe for a terminal.
 */
export function getAloneCommand(location: S3Location): string {
  return `helium get ${safeText(shellQuote(formatS3Uri(location)))} FILE`;
}

/**
 * The error for a key that cannot be downloaded under its own name.
 * @param location - the object (and version).
 * @param reason - why.
 * @returns a HeliumError `InvalidInput` with code `UnsafeKey`.
 */
export function unsafeKey(location: S3Location, reason: string): HeliumError {
  return new HeliumError(
    'InvalidInput',
    `Cannot save ${safeText(formatS3Uri(location))} under its own name: ${reason}. Download it to a file name you choose: ${getAloneCommand(location)}`,
    { code: 'UnsafeKey' }
  );
}

/**
 * Check, after creating it, that a folder really is inside the target (no symbolic link in the
 * target leads elsewhere).
 * @param rootReal - the target folder's real path.
 * @param dir - the folder a file is about to be written to.
 * @param what - the key, for the message.
 * @throws HeliumError `InvalidInput` (code `UnsafeKey`) when it is outside.
 */
export async function assertInside(rootReal: string, dir: string, what: string): Promise<void> {
  const real = await fs.realpath(dir);
  const rel = path.relative(rootReal, real);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new HeliumError(
      'InvalidInput',
      `Refusing to write ${safeText(what)}: the folder "${dir}" leads outside the target folder (through a symbolic link).`,
      { code: 'UnsafeKey' }
    );
  }
}

/** A local file to upload. */
export interface LocalFile {
  /** Its absolute path. */
  path: string;
  /** Its path relative to the uploaded folder, with `/` separators (the key suffix). */
  relative: string;
  /** Its size in bytes. */
  size: number;
}

/**
 * Every regular file under a folder, recursively, in name order. Symbolic links to files are
 * followed; links to folders are not (no cycles), and are reported through `onSkip`.
 * @param root - the folder.
 * @param onSkip - told about what is not uploaded, and why.
 * @returns the files.
 */
export async function walkFiles(root: string, onSkip: (file: string, why: string) => void): Promise<LocalFile[]> {
  const files: LocalFile[] = [];
  const visit = async (dir: string, prefix: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        await visit(full, relative);
        continue;
      }
      let stat = null;
      if (entry.isFile() || entry.isSymbolicLink()) {
        stat = await fs.stat(full).catch(() => null);
      }
      if (stat?.isFile()) {
        files.push({ path: full, relative, size: stat.size });
      } else if (entry.isSymbolicLink()) {
        onSkip(full, stat ? 'a link to a folder (links to folders are not followed)' : 'a broken link');
      } else {
        onSkip(full, 'not a regular file');
      }
    }
  };
  await visit(root, '');
  return files;
}

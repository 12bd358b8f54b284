/**
 * Keys ↔ local paths, safely: uploads make keys from relative paths, downloads make paths from
 * keys and never write outside the folder the person chose (keys are attacker-controlled).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { HeliumError } from '../service/errors';
import { formatS3Uri } from '../service/uri';
import { safeText } from './output';

/**
 * What is wrong with a key (or key suffix) used as a relative file path: `.` or `..` segments,
 * a leading `/` (absolute), or (on Windows) a drive or backslash.
 * @param relative - the key, or the part of it below the listed prefix.
 * @returns a reason, or null when it is safe.
 */
export function relativeKeyProblem(relative: string): string | null {
  if (relative === '') {
    return 'it has no name below the folder';
  }
  if (relative.startsWith('/')) {
    return 'it is an absolute path (it starts with "/")';
  }
  const separators = process.platform === 'win32' ? /[/\\]/ : /\//;
  if (process.platform === 'win32' && (/^[a-zA-Z]:/.test(relative) || relative.startsWith('\\'))) {
    return 'it is an absolute path';
  }
  // eslint-disable-next-line no-control-regex
  if (/\u0000/.test(relative)) {
    return 'it contains a NUL character';
  }
  const segments = relative.split(separators);
  if (segments.some(s => s === '..')) {
    return 'it has ".." segments';
  }
  if (segments.some(s => s === '.')) {
    return 'it has "." segments';
  }
  return null;
}

/**
 * The local path a downloaded key goes to, inside `root`.
 * @param root - the target folder (absolute).
 * @param relative - the key below the listed prefix.
 * @param bucket - the bucket, for the message.
 * @param key - the whole key, for the message.
 * @returns the absolute path, inside `root`.
 * @throws HeliumError `InvalidInput` (code `UnsafeKey`) when the key would escape or is unusable.
 */
export function localPathForKey(root: string, relative: string, bucket: string, key: string): string {
  const problem = relativeKeyProblem(relative);
  // Empty segments (`a//b`) collapse, like a shell path would.
  const target = problem ? '' : path.resolve(root, ...relative.split('/').filter(s => s !== ''));
  const rel = path.relative(root, target);
  if (problem || rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw unsafeKey(bucket, key, problem ?? 'it would be written outside the target folder');
  }
  return target;
}

/**
 * The error for a key that cannot be downloaded under its own name.
 * @param bucket - the bucket.
 * @param key - the key.
 * @param reason - why.
 * @returns a HeliumError `InvalidInput` with code `UnsafeKey`.
 */
export function unsafeKey(bucket: string, key: string, reason: string): HeliumError {
  return new HeliumError(
    'InvalidInput',
    `Refusing to download ${safeText(formatS3Uri({ bucket, key }))} into the folder: ${reason}, so its name could place the file outside the folder. Download it alone, to a file name you choose.`,
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

/**
 * Check a key we are about to write: no `.`/`..` segments, not starting with `/`.
 * @param bucket - the bucket, for the message.
 * @param key - the key.
 * @throws HeliumError `InvalidInput` (code `UnsafeKey`) when the key is not safe to write.
 */
export function assertSafeUploadKey(bucket: string, key: string): void {
  const problem = relativeKeyProblem(key.endsWith('/') ? key.slice(0, -1) : key);
  if (problem) {
    throw new HeliumError(
      'InvalidInput',
      `Refusing to write ${safeText(formatS3Uri({ bucket, key }))}: ${problem}. Such keys cannot be opened from a browser and may be misread by other tools; choose another destination.`,
      { code: 'UnsafeKey' }
    );
  }
}

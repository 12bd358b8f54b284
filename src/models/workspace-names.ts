/**
 * Names a download gives to files and folders in the Jupyter workspace. A download writes
 * `<folder>/<name>`, so a name of `..` would write into the parent folder, `.` or an empty name
 * would stand for the folder itself, and a `/` would reach another folder: such names are refused
 * before anything is written, with a message that says what to use instead.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { displayKey, formatS3Uri, pathRewrittenSegment } from '../service/uri';

/**
 * How a `.`, `..` or empty segment reads in a message.
 * @param segment - the segment.
 * @param trans - the translator.
 * @returns the words.
 */
function segmentText(segment: '' | '.' | '..', trans: TranslationBundle): string {
  return segment === '' ? trans.__('an empty segment (a leading "/" or "//")') : trans.__('a "%1" segment', segment);
}

/** A workspace folder as a person reads it: `/` for the root, `/data/in` below it. */
export function workspaceFolderText(dir: string): string {
  return `/${dir}`;
}

/**
 * Why `name` cannot be created in the workspace folder `dir`, or null when it can.
 * @param name - the file or folder name (an object key's last segment).
 * @param dir - the workspace folder ('' for the root).
 * @param what - a file (one object) or a folder (every object under a prefix).
 * @param trans - the translator.
 * @returns a message saying why and what to do instead, or null.
 */
export function workspaceNameProblem(name: string, dir: string, what: 'file' | 'folder', trans: TranslationBundle): string | null {
  const where = workspaceFolderText(dir);
  const file = what === 'file';
  let why: string | null = null;
  if (name === '') {
    why = file
      ? trans.__('it has an empty name, which cannot be a file in %1', where)
      : trans.__('it has an empty name, which cannot be a folder in %1', where);
  } else if (name === '..') {
    why = file
      ? trans.__('a file named ".." in %1 would be written outside that folder', where)
      : trans.__('a folder named ".." in %1 would be written outside that folder', where);
  } else if (name === '.') {
    why = file
      ? trans.__('a file named "." would stand for %1 itself', where)
      : trans.__('a folder named "." would stand for %1 itself', where);
  } else if (name.includes('/') || name.includes('\\')) {
    why = trans.__('"%1" has a path separator, so it would be written in another folder', displayKey(name));
  }
  if (!why) {
    return null;
  }
  const instead = file
    ? trans.__(
        'Use Download to save it on your computer, or the helium CLI (helium get with its S3 URI, from Copy S3 URI) to give it another name.'
      )
    : trans.__("Use the helium CLI (helium get with the folder's S3 URI, from Copy S3 URI) to download it into a folder you name.");
  return trans.__('Not downloaded: %1. %2', why, instead);
}

/**
 * Why an object under a folder being downloaded cannot be written at its place below the
 * workspace folder `root`, or null when it can.
 * @param location - the object's bucket and key.
 * @param relative - its key below the downloaded prefix.
 * @param root - the workspace folder the prefix is downloaded into.
 * @param trans - the translator.
 * @returns a message naming the object and what to do, or null.
 */
export function workspaceRelativePathProblem(
  location: { bucket: string; key: string },
  relative: string,
  root: string,
  trans: TranslationBundle
): string | null {
  const segment = pathRewrittenSegment(relative);
  if (segment === null) {
    return null;
  }
  const uri = formatS3Uri(location);
  return segment === '..'
    ? trans.__(
        '%1 was not downloaded: its ".." segment would put it outside %2. Use the helium CLI (helium get with its S3 URI) to save it under a name you choose.',
        uri,
        workspaceFolderText(root)
      )
    : trans.__(
        '%1 was not downloaded: its path below the folder has %2, which workspace paths rewrite, so it would be written as another file. Use the helium CLI (helium get with its S3 URI) to save it under a name you choose.',
        uri,
        segmentText(segment, trans)
      );
}

/**
 * Names a download gives to files and folders in the Jupyter workspace. A download writes
 * `<folder>/<name>`, so a name of `..` would write into the parent folder, `.` or an empty name
 * would stand for the folder itself, and a `/` would reach another folder: such names are refused
 * before anything is written, with a message that says what to use instead.
 */
import { displayKey, formatS3Uri, pathRewrittenSegment } from '../service/uri';

/** How a `.`, `..` or empty segment reads in a message. */
function segmentText(segment: '' | '.' | '..'): string {
  return segment === '' ? 'an empty segment (a leading "/" or "//")' : `a "${segment}" segment`;
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
 * @returns a message saying why and what to do instead, or null.
 */
export function workspaceNameProblem(name: string, dir: string, what: 'file' | 'folder'): string | null {
  const where = workspaceFolderText(dir);
  let why: string | null = null;
  if (name === '') {
    why = `it has an empty name, which cannot be a ${what} in ${where}`;
  } else if (name === '..') {
    why = `a ${what} named ".." in ${where} would be written outside that folder`;
  } else if (name === '.') {
    why = `a ${what} named "." would stand for ${where} itself`;
  } else if (name.includes('/') || name.includes('\\')) {
    why = `"${displayKey(name)}" has a path separator, so it would be written in another folder`;
  }
  if (!why) {
    return null;
  }
  const instead =
    what === 'file'
      ? 'Use Download to save it on your computer, or the helium CLI (helium get with its S3 URI, from Copy S3 URI) to give it another name.'
      : "Use the helium CLI (helium get with the folder's S3 URI, from Copy S3 URI) to download it into a folder you name.";
  return `Not downloaded: ${why}. ${instead}`;
}

/**
 * Why an object under a folder being downloaded cannot be written at its place below the
 * workspace folder `root`, or null when it can.
 * @param location - the object's bucket and key.
 * @param relative - its key below the downloaded prefix.
 * @param root - the workspace folder the prefix is downloaded into.
 * @returns a message naming the object and what to do, or null.
 */
export function workspaceRelativePathProblem(location: { bucket: string; key: string }, relative: string, root: string): string | null {
  const segment = pathRewrittenSegment(relative);
  if (segment === null) {
    return null;
  }
  const uri = formatS3Uri(location);
  const why =
    segment === '..'
      ? `its ".." segment would put it outside ${workspaceFolderText(root)}`
      : `its path below the folder has ${segmentText(segment)}, which workspace paths rewrite, so it would be written as another file`;
  return `${uri} was not downloaded: ${why}. Use the helium CLI (helium get with its S3 URI) to save it under a name you choose.`;
}

/**
 * Keys a person names for new objects from the UI: a file uploaded into a folder (possibly with
 * sub-folders, `dir/file.csv`) or a new folder. The rules are `src/service/uri.ts`'s
 * (`writeKeyProblem`, `pathRewrittenSegment`); this module only says, for a person, which name
 * was refused, where, and what to do.
 */
import { displayKey, formatS3Uri, pathRewrittenSegment, writeKeyProblem } from '../service/uri';

/** A folder new keys are created in. */
export interface INewKeyFolder {
  bucket: string;
  /** Ends with `/`, or is empty at the bucket root. */
  prefix: string;
}

/** What is being created: decides how the message starts. */
export type NewKeyKind = 'file' | 'folder';

/** How a `.`, `..` or empty segment reads in a message. */
function segmentText(segment: '' | '.' | '..'): string {
  return segment === '' ? 'an empty segment (a leading "/" or "//")' : `a "${segment}" segment`;
}

/**
 * Why `name` cannot be created in `folder`, or null when it can.
 * @param folder - the bucket and prefix the new key goes under.
 * @param name - the file's path relative to the folder (`/`-separated), or the new folder's name.
 * @param kind - a file (upload) or a folder.
 * @returns a message naming what was refused and what to do, or null.
 */
export function newKeyProblem(folder: INewKeyFolder, name: string, kind: NewKeyKind): string | null {
  const lead = kind === 'file' ? `"${displayKey(name)}" was not uploaded` : `The folder "${displayKey(name)}" was not created`;
  const folderUri = formatS3Uri({ bucket: folder.bucket, key: folder.prefix });
  if (kind === 'folder' && name.includes('/')) {
    return `${lead}: a folder name cannot contain "/". Create one folder at a time.`;
  }
  if (kind === 'file' && name.startsWith('/')) {
    return `${lead}: it is an absolute path; only relative paths can be uploaded into a folder.`;
  }
  const folderSegment = folder.prefix ? pathRewrittenSegment(folder.prefix) : null;
  if (folderSegment !== null) {
    return `${lead}: the folder ${folderUri} has ${segmentText(folderSegment)} in its path, which other tools read as another folder. Choose a folder without one.`;
  }
  const segment = pathRewrittenSegment(name);
  if (segment === '..') {
    return `${lead}: its ".." segment means "the folder above" to file paths and browsers, so it could land outside ${folderUri} or be read as another key. Upload it into the folder it belongs in instead.`;
  }
  if (segment !== null) {
    return `${lead}: its name has ${segmentText(segment)}, which file paths and browsers rewrite, so other tools would read it as another key. Rename it.`;
  }
  const problem = writeKeyProblem(folder.prefix + name + (kind === 'folder' ? '/' : ''));
  return problem ? `${lead}: ${problem}` : null;
}

/**
 * Keys a person names for new objects from the UI: a file uploaded into a folder (possibly with
 * sub-folders, `dir/file.csv`) or a new folder. The rules are `src/service/uri.ts`'s
 * (`writeKeyProblem`, `pathRewrittenSegment`); this module only says, for a person, which name
 * was refused, where, and what to do.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { displayKey, formatS3Uri, pathRewrittenSegment, writeKeyProblem } from '../service/uri';

/** A folder new keys are created in. */
export interface INewKeyFolder {
  bucket: string;
  /** Ends with `/`, or is empty at the bucket root. */
  prefix: string;
}

/** What is being created: decides how the message starts. */
export type NewKeyKind = 'file' | 'folder';

/**
 * How a `.`, `..` or empty segment reads in a message.
 * @param segment - the segment.
 * @param trans - the translator.
 * @returns the words.
 */
function segmentText(segment: '' | '.' | '..', trans: TranslationBundle): string {
  return segment === '' ? trans.__('an empty segment (a leading "/" or "//")') : trans.__('a "%1" segment', segment);
}

/**
 * Why `name` cannot be created in `folder`, or null when it can.
 * @param folder - the bucket and prefix the new key goes under.
 * @param name - the file's path relative to the folder (`/`-separated), or the new folder's name.
 * @param kind - a file (upload) or a folder.
 * @param trans - the translator.
 * @returns a message naming what was refused and what to do, or null.
 */
export function newKeyProblem(folder: INewKeyFolder, name: string, kind: NewKeyKind, trans: TranslationBundle): string | null {
  const shown = displayKey(name);
  const folderUri = formatS3Uri({ bucket: folder.bucket, key: folder.prefix });
  // Whole sentences for a file and for a folder, so that a translation need not splice them.
  const say = (file: string, newFolder: string, ...args: unknown[]): string =>
    kind === 'file' ? trans.__(file, shown, ...args) : trans.__(newFolder, shown, ...args);
  if (kind === 'folder' && name.includes('/')) {
    return trans.__('The folder "%1" was not created: a folder name cannot contain "/". Create one folder at a time.', shown);
  }
  if (kind === 'file' && name.startsWith('/')) {
    return trans.__('"%1" was not uploaded: it is an absolute path; only relative paths can be uploaded into a folder.', shown);
  }
  const folderSegment = folder.prefix ? pathRewrittenSegment(folder.prefix) : null;
  if (folderSegment !== null) {
    return say(
      '"%1" was not uploaded: the folder %2 has %3 in its path, which other tools read as another folder. Choose a folder without one.',
      'The folder "%1" was not created: the folder %2 has %3 in its path, which other tools read as another folder. Choose a folder without one.',
      folderUri,
      segmentText(folderSegment, trans)
    );
  }
  const segment = pathRewrittenSegment(name);
  if (segment === '..') {
    return say(
      '"%1" was not uploaded: its ".." segment means "the folder above" to file paths and browsers, so it could land outside %2 or be read as another key. Upload it into the folder it belongs in instead.',
      'The folder "%1" was not created: its ".." segment means "the folder above" to file paths and browsers, so it could land outside %2 or be read as another key. Upload it into the folder it belongs in instead.',
      folderUri
    );
  }
  if (segment !== null) {
    return say(
      '"%1" was not uploaded: its name has %2, which file paths and browsers rewrite, so other tools would read it as another key. Rename it.',
      'The folder "%1" was not created: its name has %2, which file paths and browsers rewrite, so other tools would read it as another key. Rename it.',
      segmentText(segment, trans)
    );
  }
  // The engine's rule, in its own (English) words.
  const problem = writeKeyProblem(folder.prefix + name + (kind === 'folder' ? '/' : ''));
  return problem ? say('"%1" was not uploaded: %2', 'The folder "%1" was not created: %2', problem) : null;
}

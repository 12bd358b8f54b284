/**
 * What the metadata editor checks as you type: the text must be JSON, and the `x-amz-meta-helium`
 * header it becomes, with the object's other user metadata, must fit S3's 2 KB. The same rules
 * `writeUserMeta` applies before sending anything (it stays the final word: it reads the object
 * again at save time).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { validateUserMetadata } from '../service/metadata';
import { encodeHeliumHeader, HELIUM_METADATA_KEY } from '../service/values/header';
import type { ParsedMetadata } from '../service';

/** What the check needs to know of the object being edited. */
export interface IMetadataContext {
  /** The header's `target` (the object's format name) that the save keeps. */
  target: string;
  /** The object's user metadata other than `helium` (the save keeps it; it counts toward 2 KB). */
  others: Record<string, string>;
}

/**
 * The problem with metadata JSON text, for the editor.
 * @param text - the text as typed.
 * @param parse - the engine's JSON parser (`parseMetadataJson`: errors name line and column).
 * @param context - the object's header target and other metadata.
 * @param trans - translations (the engine's own messages pass as they are).
 * @returns a message saying what is wrong, or null when it can be saved.
 */
export function metadataTextProblem(
  text: string,
  parse: (text: string) => ParsedMetadata,
  context: IMetadataContext,
  trans: TranslationBundle
): string | null {
  const parsed = parse(text);
  if ('error' in parsed) {
    return parsed.error;
  }
  let header: string;
  try {
    header = encodeHeliumHeader(context.target, parsed.value);
  } catch (err) {
    return (err as Error).message;
  }
  const problem = validateUserMetadata({ ...context.others, [HELIUM_METADATA_KEY]: header });
  if (problem && Object.keys(context.others).length > 0) {
    return trans.__("%1 (The object's other user metadata counts too.)", problem);
  }
  return problem;
}

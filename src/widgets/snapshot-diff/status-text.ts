/** The words for a file's status in a comparison, and what each means (tooltips). */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { EntryStatus } from '../../service/snapshots/types';

/**
 * The word for a status.
 * @param status - the status.
 * @param trans - translations.
 * @returns e.g. "modified".
 */
export function statusLabel(status: EntryStatus, trans: TranslationBundle): string {
  switch (status) {
    case 'added':
      return trans.__('added');
    case 'deleted':
      return trans.__('deleted');
    case 'modified':
      return trans.__('modified');
    case 'metadata-changed':
      return trans.__('metadata changed');
    case 'same-content-new-version':
      return trans.__('same content, new version');
    default:
      return trans.__('unchanged');
  }
}

/**
 * What a status means, for tooltips.
 * @param status - the status.
 * @param trans - translations.
 * @returns e.g. "Only on side B".
 */
export function statusHelp(status: EntryStatus, trans: TranslationBundle): string {
  switch (status) {
    case 'added':
      return trans.__('Only on side B');
    case 'deleted':
      return trans.__('Only on side A');
    case 'modified':
      return trans.__('Content differs (by content hash)');
    case 'metadata-changed':
      return trans.__('Same content, different metadata');
    case 'same-content-new-version':
      return trans.__('Same content and metadata, written again (another version)');
    default:
      return trans.__('The same version on both sides');
  }
}

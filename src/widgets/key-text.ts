/**
 * Key names as a person reads them in the panels: `displayKey` (control characters as visible
 * Control Pictures, bidi controls as code points), and a visible stand-in for the empty name of
 * a folder that a leading `/` or a `//` makes.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { displayKey } from '../service/uri';

/**
 * The name of a listed entry or breadcrumb, for display only.
 * @param name - the raw name (a key's segment, possibly empty).
 * @param trans - translations.
 * @returns the text to show.
 */
export function nameText(name: string, trans: TranslationBundle): string {
  return name === '' ? trans.__('(empty name)') : displayKey(name);
}

/** The class that marks a stand-in name (styled apart so it never reads as a real name). */
export function nameClass(base: string, name: string): string {
  return name === '' ? `${base} jp-mod-empty-name` : base;
}

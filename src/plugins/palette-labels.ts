/**
 * Labels of commands that act on a selection. In a context menu the row is right there, so the
 * label is short ("Delete…"); in the command palette nothing else says what the command acts on,
 * so the label names it ("Delete storms.csv from S3…"), or says where to pick something.
 */
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';

/**
 * The args our palette items are added with. JupyterLab's palette passes an item's own args to
 * `label` and `execute` and adds nothing, so each item says that it is in the palette.
 */
export const PALETTE_ARGS = { isPalette: true } as const;

/**
 * Whether a command is being labelled (or run) for the command palette (its item was added with
 * {@link PALETTE_ARGS}).
 * @param args - the command's args.
 * @returns true in the palette.
 */
export function inPalette(args: ReadonlyPartialJSONObject): boolean {
  return args.isPalette === true;
}

/**
 * A label for a command acting on a selection.
 * @param args - the command's args.
 * @param labels - the three wordings.
 * @param labels.menu - in a context menu or toolbar.
 * @param labels.named - in the palette, when something is selected (its name is already in it).
 * @param labels.none - in the palette, when nothing is selected.
 * @param selected - what is selected (any value) or null.
 * @returns the label for where the command is shown.
 */
export function selectionLabel(
  args: ReadonlyPartialJSONObject,
  labels: { menu: string; named: () => string; none: string },
  selected: unknown
): string {
  if (!inPalette(args)) {
    return labels.menu;
  }
  return selected === null || selected === undefined ? labels.none : labels.named();
}

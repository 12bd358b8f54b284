/**
 * Words and titles of the diff tab: side names, the tab title and caption, sizes.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IDiffRequest, IDiffSide } from '../../tokens';
import { formatBytes } from '../format';
import { displayKey, formatS3Uri } from '../../service/uri';

/** Which side of a comparison. */
export type SideName = 'left' | 'right';

/**
 * The letter of a side: A is the left (older) side, B the right one.
 * @param side - which side.
 * @returns "A" or "B".
 */
export function sideLetter(side: SideName): string {
  return side === 'left' ? 'A' : 'B';
}

/**
 * The S3 URI of a side's object (the object, not the version: both sides usually share it).
 * @param side - the side.
 * @returns `s3://bucket/key`, as `formatS3Uri` writes it (it parses back to the same key).
 */
export function s3Uri(side: IDiffSide): string {
  return formatS3Uri({ bucket: side.bucket, key: side.key });
}

/**
 * The last segment of a key.
 * @param key - the key.
 * @returns the file name.
 */
export function basename(key: string): string {
  const trimmed = key.endsWith('/') ? key.slice(0, -1) : key;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || key;
}

/**
 * A label for a tab title: its first ` · `-separated part (the date in "12 Mar 2026 14:02 ·
 * latest"), cut to a length with an ellipsis.
 * @param label - the label.
 * @param max - the most characters.
 * @returns the short label.
 */
export function shortLabel(label: string, max = 24): string {
  const text = label.split(' · ')[0].trim() || label.trim();
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The tab title: `data.csv (12 Mar 14:02 ↔ latest)`.
 * @param request - the comparison.
 * @returns the title.
 */
export function tabTitle(request: IDiffRequest): string {
  return `${displayKey(basename(request.right.key))} (${shortLabel(request.left.label)} ↔ ${shortLabel(request.right.label)})`;
}

/**
 * The tab caption (tooltip): the object and both full labels.
 * @param request - the comparison.
 * @param trans - translations.
 * @returns the caption.
 */
export function tabCaption(request: IDiffRequest, trans: TranslationBundle): string {
  const { left, right } = request;
  const uri = s3Uri(left) === s3Uri(right) ? s3Uri(right) : `${s3Uri(left)} ↔ ${s3Uri(right)}`;
  return [uri, trans.__('A: %1', left.label), trans.__('B: %1', right.label)].join('\n');
}

/**
 * A size for people, or "size unknown".
 * @param size - bytes, when known.
 * @param trans - translations.
 * @returns the text.
 */
export function sizeText(size: number | undefined, trans: TranslationBundle): string {
  return size === undefined ? trans.__('size unknown') : formatBytes(size);
}

/**
 * Whether either side is known to be larger than a cap.
 * @param request - the comparison.
 * @param maxBytes - the cap per side.
 * @returns true when a known size exceeds it.
 */
export function exceedsCap(request: IDiffRequest, maxBytes: number): boolean {
  return [request.left.size, request.right.size].some(size => size !== undefined && size > maxBytes);
}

/**
 * The comparison with its sides swapped.
 * @param request - the comparison.
 * @returns the swapped comparison.
 */
export function swapped(request: IDiffRequest): IDiffRequest {
  return { left: request.right, right: request.left };
}

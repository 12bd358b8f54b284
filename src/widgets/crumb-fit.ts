/**
 * Which breadcrumbs fit on one line (pure, for the panel's Breadcrumbs). The bucket and the
 * current folder always show; folders in between are hidden from the left (nearest the bucket
 * first), behind one "…" crumb, until the rest fits.
 */

/** Widths, in pixels, of what the breadcrumbs would show. */
export interface ICrumbWidths {
  /** The bucket's crumb. */
  bucket: number;
  /** Each folder's crumb with its separator, from the top folder down to the current one. */
  folders: readonly number[];
  /** The "…" crumb with its separator. */
  ellipsis: number;
}

/**
 * How many folders, counted from the top, to hide so the breadcrumbs fit in `available` pixels.
 * The current folder is never hidden (when even the bucket and it do not fit, their own text is
 * cut with an ellipsis instead).
 * @param widths - the widths of the crumbs.
 * @param available - the width of the line.
 * @returns 0 when everything fits, else how many folders the "…" crumb stands for.
 */
export function crumbsToHide(widths: ICrumbWidths, available: number): number {
  const { bucket, folders, ellipsis } = widths;
  const total = bucket + folders.reduce((sum, w) => sum + w, 0);
  if (total <= available || folders.length < 2) {
    return 0;
  }
  let shown = total + ellipsis;
  let hidden = 0;
  // Hide from the top down, but keep the current folder (the last one).
  while (hidden < folders.length - 1 && shown > available) {
    shown -= folders[hidden];
    hidden++;
  }
  return hidden;
}

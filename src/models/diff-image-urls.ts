/**
 * The URLs the image diff shows its two images from. Raster images get blob: URLs (remembered, to
 * revoke on dispose); SVG (and any type not known to be raster) gets a data: URL. A blob: URL has
 * the lab's origin, so an SVG opened from it with "Open image in new tab" would run its scripts
 * as the lab; a data: document always has an opaque origin (and browsers block pages from
 * navigating to data: URLs), so its scripts cannot reach the lab.
 */
import type { IDisposable } from '@lumino/disposable';
import { toBase64 } from '../service/checksum';

/** Types shown through blob: URLs: raster formats, which cannot run script when opened alone. */
const RASTER_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp']);

/**
 * Whether a type is shown through a same-origin blob: URL (raster) rather than a data: URL.
 * @param type - the media type.
 * @returns true for the raster types.
 */
export function usesBlobUrl(type: string): boolean {
  return RASTER_TYPES.has(type.toLowerCase());
}

/** The image URLs of one view; dispose revokes the blob: URLs it made. */
export class ImageUrls implements IDisposable {
  /**
   * The URL an image is shown from: blob: for raster types, data: else.
   * @param bytes - the image.
   * @param type - its media type.
   * @returns the URL.
   */
  urlFor(bytes: Uint8Array, type: string): string {
    if (!usesBlobUrl(type)) {
      return `data:${type};base64,${toBase64(bytes)}`;
    }
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
    this._urls.push(url);
    return url;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Revoke the blob: URLs. */
  dispose(): void {
    for (const url of this._urls) {
      URL.revokeObjectURL(url);
    }
    this._urls = [];
    this._disposed = true;
  }

  private _urls: string[] = [];
  private _disposed = false;
}

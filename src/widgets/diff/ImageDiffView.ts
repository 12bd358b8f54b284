/**
 * The image diff: both versions side by side with byte sizes and pixel dimensions. Raster images
 * are shown through blob: URLs (revoked on dispose); SVG (and any type not known to be raster)
 * through data: URLs, which cannot reach the lab (see `models/diff-image-urls.ts`).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { sameBytes } from '../../service/formats/bytes';
import { ImageUrls } from '../../models/diff-image-urls';
import { formatBytes } from '../format';
import { h } from './dom';
import { sideLetter, SideName } from './diff-labels';

/** What an {@link ImageDiffView} shows. */
export interface IImageDiffViewOptions {
  left: Uint8Array;
  right: Uint8Array;
  /** The media type to show both with, e.g. `image/png`. */
  type: string;
  /** The sides' labels. */
  labels: { left: string; right: string };
  trans: TranslationBundle;
}

/** The image diff view. */
export class ImageDiffView extends Widget {
  /**
   * @param options - both images, their type, labels and translations.
   */
  constructor(options: IImageDiffViewOptions) {
    super();
    this.addClass('jp-helium-diff-image');
    const { trans } = options;
    this.identical = sameBytes(options.left, options.right);
    const bar = h('div', { className: 'jp-helium-diff-viewbar' }, [
      this.identical
        ? h('span', { className: 'jp-helium-diff-identical', text: trans.__('Identical bytes.') })
        : h('span', { className: 'jp-helium-diff-counts', text: trans.__('The images differ.') })
    ]);
    const panes = h('div', { className: 'jp-helium-diff-image-panes' }, [
      this._pane('left', options.left, options),
      this._pane('right', options.right, options)
    ]);
    this.node.append(bar, panes);
  }

  /** Whether both versions have the same bytes. */
  readonly identical: boolean;

  /** Revoke the object URLs. */
  dispose(): void {
    this._urls.dispose();
    super.dispose();
  }

  /**
   * One side: caption, image, size and dimensions.
   * @param side - which side.
   * @param bytes - its bytes.
   * @param options - type, labels, translations.
   * @returns the element.
   */
  private _pane(side: SideName, bytes: Uint8Array, options: IImageDiffViewOptions): HTMLElement {
    const { trans } = options;
    const url = this._urls.urlFor(bytes, options.type);
    const facts = h('div', { className: 'jp-helium-diff-image-facts', text: formatBytes(bytes.length) });
    const img = h('img', { attrs: { alt: trans.__('Version %1', sideLetter(side)), 'data-side': side } });
    img.addEventListener('load', () => {
      facts.textContent = trans.__('%1 × %2 px · %3', img.naturalWidth, img.naturalHeight, formatBytes(bytes.length));
      facts.dataset.width = String(img.naturalWidth);
      facts.dataset.height = String(img.naturalHeight);
    });
    img.addEventListener('error', () => {
      facts.textContent = trans.__('The browser cannot display this image · %1', formatBytes(bytes.length));
    });
    img.src = url;
    return h('figure', { className: 'jp-helium-diff-image-side', attrs: { 'data-side': side } }, [
      h('figcaption', { className: 'jp-helium-diff-image-caption' }, [
        h('span', { className: 'jp-helium-diff-side-letter', text: sideLetter(side) }),
        h('span', { className: 'jp-helium-diff-side-label', text: options.labels[side] })
      ]),
      h('div', { className: 'jp-helium-diff-image-frame' }, [img]),
      facts
    ]);
  }

  private _urls = new ImageUrls();
}

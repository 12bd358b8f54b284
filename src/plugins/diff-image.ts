/**
 * Plugin: the Image diff provider: both versions side by side with sizes and dimensions.
 */
import { keyExtension } from '../models/diff-registry';
import { IMAGE_TYPES, imageRank } from '../models/diff-ranks';
import { diffProviderPlugin } from './diff-provider-plugin';

/** Bytes per side the image view loads without asking. */
const IMAGE_MAX_BYTES = 50 * 1024 * 1024;

export const diffImagePlugin = diffProviderPlugin({
  pluginId: 'jupyterlab-helium:diff-image',
  description: 'Compares images side by side.',
  providerId: 'image',
  label: trans => trans.__('Image'),
  maxBytes: IMAGE_MAX_BYTES,
  rank: imageRank,
  read: 'bytes',
  load: () => import('../widgets/diff/ImageDiffView'),
  view: ({ ImageDiffView }, a, b, { request: { left, right } }, trans) => {
    // The type comes from the extension, never from stored metadata (an SVG stays an image).
    const type = IMAGE_TYPES[keyExtension(right.key)] ?? IMAGE_TYPES[keyExtension(left.key)] ?? 'image/png';
    return new ImageDiffView({ left: a, right: b, type, labels: { left: left.label, right: right.label }, trans });
  }
});

/**
 * Plugin: the Image diff provider: both versions side by side with sizes and dimensions.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { keyExtension } from '../models/diff-registry';
import { IDiffContext, IDiffProviders } from '../tokens';
import { IMAGE_TYPES, imageRank } from '../widgets/diff/ranks';

/** Bytes per side the image view loads without asking. */
const IMAGE_MAX_BYTES = 50 * 1024 * 1024;

export const diffImagePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:diff-image',
  description: 'Compares images side by side.',
  autoStart: true,
  requires: [IDiffProviders],
  optional: [ITranslator],
  activate: (_app: JupyterFrontEnd, providers: IDiffProviders, translator: ITranslator | null): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    providers.register({
      id: 'image',
      label: trans.__('Image'),
      maxBytes: IMAGE_MAX_BYTES,
      rank: imageRank,
      createView: async (context: IDiffContext) => {
        const { left, right } = context.request;
        const [a, b, { ImageDiffView }] = await Promise.all([
          context.readBytes(left),
          context.readBytes(right),
          import('../widgets/diff/ImageDiffView')
        ]);
        // The type comes from the extension, never from stored metadata (an SVG stays an image).
        const type = IMAGE_TYPES[keyExtension(right.key)] ?? IMAGE_TYPES[keyExtension(left.key)] ?? 'image/png';
        return new ImageDiffView({ left: a, right: b, type, labels: { left: left.label, right: right.label }, trans });
      }
    });
  }
};

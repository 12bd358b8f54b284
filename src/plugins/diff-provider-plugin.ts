/**
 * A factory for the diff provider plugins that read both sides whole (as text or bytes) and hand
 * them to a lazily loaded engine and view: JSON, notebook and image.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ITranslator, nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import type { Widget } from '@lumino/widgets';
import { IDiffContext, IDiffProvider, IDiffProviders, IDiffSide } from '../tokens';

/** How a provider reads each side: as UTF-8 text or as bytes. */
export type SideContent = 'text' | 'bytes';

/** What a side reads as. */
type Content<R extends SideContent> = R extends 'text' ? string : Uint8Array;

/** What {@link diffProviderPlugin} needs. */
export interface IDiffProviderPluginOptions<R extends SideContent, M> {
  /** The plugin's id, e.g. `jupyterlab-helium:diff-json`. */
  pluginId: string;
  /** The plugin's description. */
  description: string;
  /** The provider's id, e.g. `json`. */
  providerId: string;
  /** The provider's translated label, e.g. `trans => trans.__('JSON')`. */
  label: (trans: TranslationBundle) => string;
  /** Bytes per side loaded without asking. */
  maxBytes: number;
  /** The provider's rank for a key. */
  rank: IDiffProvider['rank'];
  /** Read the sides as text or bytes. */
  read: R;
  /** Loads the engine and view modules (their own chunks), while the sides are read. */
  load: () => Promise<M>;
  /** Builds the view from the loaded modules and both sides (left is the older). */
  view: (modules: M, left: Content<R>, right: Content<R>, context: IDiffContext, trans: TranslationBundle) => Widget;
}

/**
 * A plugin that registers a diff provider reading both sides whole.
 * @param options - ids, label, cap, rank, how to read and how to build the view.
 * @returns the plugin.
 */
export function diffProviderPlugin<R extends SideContent, M>(options: IDiffProviderPluginOptions<R, M>): JupyterFrontEndPlugin<void> {
  return {
    id: options.pluginId,
    description: options.description,
    autoStart: true,
    requires: [IDiffProviders],
    optional: [ITranslator],
    activate: (_app: JupyterFrontEnd, providers: IDiffProviders, translator: ITranslator | null): void => {
      const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
      const read = (context: IDiffContext, side: IDiffSide) =>
        (options.read === 'text' ? context.readText(side) : context.readBytes(side)) as Promise<Content<R>>;
      providers.register({
        id: options.providerId,
        label: options.label(trans),
        maxBytes: options.maxBytes,
        rank: options.rank,
        createView: async (context: IDiffContext) => {
          const { left, right } = context.request;
          const [a, b, modules] = await Promise.all([read(context, left), read(context, right), options.load()]);
          return options.view(modules, a, b, context, trans);
        }
      });
    }
  };
}

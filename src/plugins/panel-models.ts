/**
 * Plugins that create the S3 panel's models and provide them as tokens, so other extensions can
 * build on them: the browser model (`IS3BrowserModel`: where the panel is, what it lists, what is
 * selected) and the page's search model (`ISearchModel`). The panel plugin (panel.ts) requires both.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { BrowserModel } from '../models/browser';
import { SearchModel } from '../models/search';
import { IHeliumConnections, IS3BrowserModel, ISearchModel } from '../tokens';

export const browserModelPlugin: JupyterFrontEndPlugin<IS3BrowserModel> = {
  id: 'jupyterlab-helium:browser-model',
  description: 'The S3 panel’s model: where it is, what it lists and what is selected.',
  autoStart: true,
  requires: [IHeliumConnections],
  optional: [ITranslator],
  provides: IS3BrowserModel,
  // Nothing is listed (and the AWS SDK is not loaded) until the panel is first shown.
  activate: (_app: JupyterFrontEnd, connections: IHeliumConnections, translator: ITranslator | null): IS3BrowserModel =>
    new BrowserModel(connections, (translator ?? nullTranslator).load('jupyterlab_helium'))
};

export const searchModelPlugin: JupyterFrontEndPlugin<ISearchModel> = {
  id: 'jupyterlab-helium:search-model',
  description: 'The search of the bucket the S3 panel shows: query, index, hits and facets.',
  autoStart: true,
  requires: [IHeliumConnections],
  optional: [ITranslator],
  provides: ISearchModel,
  activate: (_app: JupyterFrontEnd, connections: IHeliumConnections, translator: ITranslator | null): ISearchModel =>
    new SearchModel(connections, (translator ?? nullTranslator).load('jupyterlab_helium'))
};

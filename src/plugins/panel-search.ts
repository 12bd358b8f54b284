/**
 * The S3 panel's search (part of the panel plugin in `panel.ts`, not a plugin of its own): the box
 * and results (widgets/PanelSearch.tsx) over the page's one search model ({@link ISearchModel}), Ctrl/Cmd-F in the
 * panel, and the commands on hits: Open (a snapshot hit opens the Snapshots panel on its row),
 * Show in Folder (the S3 panel goes to the hit's folder and selects its row), Show Versions, and
 * Build/Update Index. The index is the embedded SQLite FTS5 one, in a Web Worker.
 */
import * as React from 'react';
import { JupyterFrontEnd } from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import type { TranslationBundle } from '@jupyterlab/translation';
import { searchIcon } from '@jupyterlab/ui-components';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { Widget } from '@lumino/widgets';
import { IFolderSource, PanelSearchModel } from '../models/panel-search';
import type { SearchHit } from '../service/search/types';
import { formatS3Uri } from '../service/uri';
import { CommandIDs, ISearchModel } from '../tokens';
import { hitArgs, hitOpening, hitRef, hitRevealArgs, IHitRef } from './panel-search-actions';
import { PanelSearch } from '../widgets/PanelSearch';

/** What {@link wireSearch} needs. */
export interface IPanelSearchOptions {
  /** The page's search model (the search-model plugin's). */
  search: ISearchModel;
  /** The S3 panel's folder (its selection tracker). */
  folders: IFolderSource;
  /** The S3 panel's widget id (Ctrl/Cmd-F applies inside it). */
  panelId: string;
  docManager: IDocumentManager;
  palette: ICommandPalette | null;
  trans: TranslationBundle;
}

/**
 * Make the panel's search and register its commands.
 * @param app - the application.
 * @param options - see {@link IPanelSearchOptions}.
 * @returns the element the panel renders below its toolbar, and `attach` to call with the panel.
 */
export function wireSearch(
  app: JupyterFrontEnd,
  options: IPanelSearchOptions
): { element: React.ReactElement; model: PanelSearchModel; attach: (panel: Widget) => void } {
  const { folders, panelId, docManager, palette, trans } = options;
  const { commands } = app;
  const model = new PanelSearchModel(options.search, folders);
  const search = model.search;
  let panel: Widget | null = null;

  /** The hit named by the args, else the one selected in the results. */
  const hitOf = (args: ReadonlyPartialJSONObject): IHitRef | null => hitRef(args, search.target, model.selected);
  const argsOf = (hit: SearchHit): ReadonlyPartialJSONObject => hitArgs(search.target!, hit);

  /** Put the cursor in the box once it is rendered and visible (the sidebar may just be opening). */
  const focusBox = (framesLeft = 30): void => {
    const input = panel?.node.querySelector<HTMLInputElement>('.jp-helium-search-input input');
    if (input && input.offsetParent !== null) {
      input.focus();
      input.select();
    }
    if ((!input || document.activeElement !== input) && framesLeft > 0) {
      requestAnimationFrame(() => focusBox(framesLeft - 1));
    }
  };

  commands.addCommand(CommandIDs.search, {
    label: trans.__('Search S3'),
    caption: trans.__('Search the bucket the S3 panel shows by key, metadata and snapshot message'),
    icon: searchIcon,
    execute: () => {
      app.shell.activateById(panelId);
      model.open();
      focusBox();
    }
  });
  commands.addCommand(CommandIDs.closeSearch, {
    label: trans.__('Close S3 Search'),
    execute: () => model.close()
  });
  commands.addCommand(CommandIDs.updateSearchIndex, {
    label: trans.__('Update S3 Search Index'),
    caption: trans.__('List the bucket and read the metadata of what changed since the last update'),
    isEnabled: () => model.bucketOpen && search.state.kind !== 'building',
    execute: async () => {
      model.open();
      await search.updateIndex();
    }
  });
  commands.addCommand(CommandIDs.openSearchHit, {
    label: () => (model.selected?.type === 'snapshot' ? trans.__('Open Snapshot') : trans.__('Open')),
    execute: async args => {
      const hit = hitOf(args);
      if (!hit) {
        return;
      }
      const opening = hitOpening(hit);
      if ('command' in opening) {
        await commands.execute(CommandIDs[opening.command], opening.args);
        return;
      }
      try {
        if (hit.type === 'object' && !(await search.confirmHit(hit))) {
          // Deleted by another tool since the index's last update: the drive would only say "not found".
          await showErrorMessage(
            trans.__('%1 is gone', hit.key),
            trans.__(
              '%1 was deleted after the search index was last updated, so it cannot be opened; it has left the results. Show Versions lists its history (Undelete brings it back), and Update index brings in other changes made outside JupyterLab.',
              formatS3Uri({ bucket: hit.bucket, key: hit.key })
            )
          );
          return;
        }
        docManager.openOrReveal(opening.document);
      } catch (err) {
        await showErrorMessage(trans.__('Could not open the search result'), (err as Error).message);
      }
    }
  });
  commands.addCommand(CommandIDs.revealSearchHit, {
    label: trans.__('Show in Folder'),
    caption: trans.__('Open the folder of the search result in the S3 panel and select it'),
    execute: async args => {
      const hit = hitOf(args);
      if (!hit) {
        return;
      }
      await model.close();
      // Go to S3 URI pages the folder until the row is loaded, selects and scrolls to it, and
      // says so plainly when it is not there (deleted since the index was updated).
      await commands.execute(CommandIDs.goToUri, hitRevealArgs(hit));
    }
  });
  commands.addCommand(CommandIDs.searchHitVersions, {
    label: trans.__('Show Versions'),
    isVisible: args => hitOf(args)?.type !== 'snapshot',
    execute: async args => {
      const hit = hitOf(args);
      if (hit && hit.type === 'object') {
        await commands.execute(CommandIDs.versionHistory, { connection: hit.connection, bucket: hit.bucket, key: hit.key });
      }
    }
  });
  search.changed.connect(() => commands.notifyCommandChanged(CommandIDs.updateSearchIndex));

  const HIT = '.jp-helium-search-hit';
  app.contextMenu.addItem({ command: CommandIDs.openSearchHit, selector: HIT, rank: 1 });
  app.contextMenu.addItem({ command: CommandIDs.revealSearchHit, selector: HIT, rank: 2 });
  app.contextMenu.addItem({ command: CommandIDs.searchHitVersions, selector: HIT, rank: 3 });
  app.commands.addKeyBinding({ command: CommandIDs.search, keys: ['Accel F'], selector: `#${panelId}` });
  for (const command of [CommandIDs.search, CommandIDs.updateSearchIndex]) {
    palette?.addItem({ command, category: trans.__('S3') });
  }

  const element = React.createElement(PanelSearch, {
    model,
    trans,
    actions: {
      open: hit => void commands.execute(CommandIDs.openSearchHit, argsOf(hit)),
      versions: hit => void commands.execute(CommandIDs.searchHitVersions, argsOf(hit)),
      reveal: hit => void commands.execute(CommandIDs.revealSearchHit, argsOf(hit)),
      select: hit => model.select(hit)
    },
    onUpdateIndex: () => void commands.execute(CommandIDs.updateSearchIndex)
  });
  const attach = (widget: Widget): void => {
    panel = widget;
    model.changed.connect(() => widget.toggleClass('jp-mod-searching', model.active && model.bucketOpen));
  };
  return { element, model, attach };
}

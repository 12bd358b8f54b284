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
import { documentPathProblem, drivePath } from '../drive/paths';
import { IFolderSource, PanelSearchModel } from '../models/panel-search';
import type { SearchHit } from '../service/search/types';
import { formatS3Uri } from '../service/uri';
import { CommandIDs, DRIVE_NAME, ISearchModel } from '../tokens';
import { PanelSearch } from '../widgets/PanelSearch';

/** A hit as the hit commands name it in their args. */
interface IHitRef {
  connection: string;
  bucket: string;
  key: string;
  type: 'object' | 'snapshot';
  folder: string;
  deleted: boolean;
  topHash: string;
}

/** A string argument, or undefined. */
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

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
  const hitRef = (args: ReadonlyPartialJSONObject): IHitRef | null => {
    const t = search.target;
    const hit: SearchHit | null = model.selected;
    const connection = str(args.connection) ?? t?.connection;
    const bucket = str(args.bucket) ?? t?.bucket;
    const key = str(args.key) ?? hit?.key;
    if (!connection || !bucket || key === undefined) {
      return null;
    }
    const named = str(args.key) !== undefined;
    return {
      connection,
      bucket,
      key,
      type: (named ? args.type : hit?.type) === 'snapshot' ? 'snapshot' : 'object',
      folder: (named ? str(args.folder) : hit?.folder) ?? '',
      deleted: named ? args.deleted === true : hit?.delete_marker === true,
      topHash: (named ? str(args.topHash) : hit?.top_hash) ?? ''
    };
  };
  const argsOf = (hit: SearchHit): ReadonlyPartialJSONObject => {
    const t = search.target!;
    return {
      connection: t.connection,
      bucket: t.bucket,
      key: hit.key,
      type: hit.type,
      folder: hit.folder ?? '',
      deleted: hit.delete_marker === true,
      topHash: hit.top_hash ?? ''
    };
  };

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
      const hit = hitRef(args);
      if (!hit) {
        return;
      }
      const { connection, bucket, key } = hit;
      if (hit.type === 'snapshot') {
        await commands.execute(CommandIDs.showSnapshots, { connection, bucket, folder: hit.folder, topHash: hit.topHash, name: key });
        return;
      }
      // A deleted object, or a key JupyterLab's document paths cannot address: its versions.
      if (hit.deleted || documentPathProblem(key)) {
        await commands.execute(CommandIDs.versionHistory, { connection, bucket, key });
        return;
      }
      try {
        docManager.openOrReveal(`${DRIVE_NAME}:${drivePath(connection, bucket, key)}`);
      } catch (err) {
        await showErrorMessage(trans.__('Could not open the search result'), (err as Error).message);
      }
    }
  });
  commands.addCommand(CommandIDs.revealSearchHit, {
    label: trans.__('Show in Folder'),
    caption: trans.__('Open the folder of the search result in the S3 panel and select it'),
    execute: async args => {
      const hit = hitRef(args);
      if (!hit) {
        return;
      }
      // A snapshot hit: its folder's row (in the folder above it).
      const key = hit.type === 'snapshot' ? hit.folder : hit.key;
      await model.close();
      // Go to S3 URI pages the folder until the row is loaded, selects and scrolls to it, and
      // says so plainly when it is not there (deleted since the index was updated).
      await commands.execute(CommandIDs.goToUri, { uri: formatS3Uri({ bucket: hit.bucket, key }), connection: hit.connection });
    }
  });
  commands.addCommand(CommandIDs.searchHitVersions, {
    label: trans.__('Show Versions'),
    isVisible: args => hitRef(args)?.type !== 'snapshot',
    execute: async args => {
      const hit = hitRef(args);
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

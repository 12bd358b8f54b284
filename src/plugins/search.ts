/**
 * Plugin: search a bucket's objects and snapshots by key, metadata and message. The "S3 Search"
 * panel (right sidebar, so the S3 panel stays in view) follows the S3 panel's bucket and folder
 * while it is shown; Ctrl/Cmd-F in the S3 panel opens it with the cursor in the query box. The
 * index is the embedded SQLite FTS5 one, in a Web Worker (see models/search.ts).
 */
import { ILayoutRestorer, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { searchIcon } from '@jupyterlab/ui-components';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { documentPathProblem, drivePath } from '../drive/paths';
import { SearchModel } from '../models/search';
import type { SearchHit } from '../service/search/types';
import { CommandIDs, DRIVE_NAME, IHeliumConnections, IS3Browser } from '../tokens';
import { SearchPanel } from '../widgets/SearchPanel';

const PANEL_ID = 'jupyterlab-helium-search';
const BROWSER_PANEL_SELECTOR = '#jupyterlab-helium-browser';

/** A string argument, or undefined. */
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export const searchPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:search',
  description: 'Search S3 objects and snapshots by key, metadata and message (embedded SQLite FTS5 index).',
  autoStart: true,
  requires: [IHeliumConnections],
  optional: [ITranslator, IS3Browser, IDocumentManager, ILayoutRestorer, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    connections: IHeliumConnections,
    translator: ITranslator | null,
    browser: IS3Browser | null,
    docManager: IDocumentManager | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    const { commands } = app;
    const model = new SearchModel(connections);

    /** The args that name a hit for the open command. */
    const hitArgs = (hit: SearchHit): ReadonlyPartialJSONObject => {
      const target = model.target!;
      return {
        connection: target.connection,
        bucket: target.bucket,
        key: hit.key,
        type: hit.type,
        folder: hit.folder ?? '',
        deleted: hit.delete_marker === true
      };
    };
    const panel = new SearchPanel({
      model,
      trans,
      actions: {
        open: hit => void commands.execute(CommandIDs.openSearchHit, hitArgs(hit)),
        versions: hit => {
          const t = model.target;
          if (t) {
            void commands.execute(CommandIDs.versionHistory, { connection: t.connection, bucket: t.bucket, key: hit.key });
          }
        }
      },
      onUpdateIndex: () => void commands.execute(CommandIDs.updateSearchIndex)
    });
    panel.id = PANEL_ID;
    panel.title.icon = searchIcon;
    panel.title.caption = trans.__('S3 Search');
    app.shell.add(panel, 'right', { rank: 720 });
    restorer?.add(panel, PANEL_ID);

    // Follow the S3 panel's bucket and folder while shown (a hidden panel loads no SQLite).
    const follow = () => {
      const folder = browser?.currentFolder ?? null;
      void model.setTarget(folder ? { connection: folder.connection, bucket: folder.bucket, prefix: folder.key } : null);
    };
    browser?.folderChanged.connect(() => {
      if (panel.isVisible) {
        follow();
      }
    });
    panel.shown.connect(follow);

    commands.addCommand(CommandIDs.search, {
      label: trans.__('Search S3'),
      caption: trans.__('Search the bucket the S3 panel shows by key, metadata and snapshot message'),
      icon: searchIcon,
      execute: () => {
        app.shell.activateById(PANEL_ID);
        follow();
        panel.focusInput();
      }
    });
    commands.addCommand(CommandIDs.updateSearchIndex, {
      label: trans.__('Update S3 Search Index'),
      caption: trans.__('List the bucket and read the metadata of what changed since the last update'),
      isEnabled: () => Boolean(browser?.currentFolder) && model.state.kind !== 'building',
      execute: async () => {
        if (!model.target) {
          follow();
        }
        await model.updateIndex();
      }
    });
    commands.addCommand(CommandIDs.openSearchHit, {
      label: trans.__('Open Search Result'),
      execute: async args => {
        const connection = str(args.connection);
        const bucket = str(args.bucket);
        const key = str(args.key);
        if (!connection || !bucket || key === undefined) {
          return;
        }
        if (args.type === 'snapshot') {
          await commands.execute(CommandIDs.showSnapshots, { connection, bucket, folder: str(args.folder) ?? '' });
          return;
        }
        // A deleted object, or a key JupyterLab's document paths cannot address: its versions.
        if (args.deleted === true || documentPathProblem(key) || !docManager) {
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
    model.changed.connect(() => commands.notifyCommandChanged(CommandIDs.updateSearchIndex));

    app.commands.addKeyBinding({ command: CommandIDs.search, keys: ['Accel F'], selector: BROWSER_PANEL_SELECTOR });
    app.commands.addKeyBinding({ command: CommandIDs.search, keys: ['Accel F'], selector: `#${PANEL_ID}` });
    for (const command of [CommandIDs.search, CommandIDs.updateSearchIndex]) {
      palette?.addItem({ command, category: trans.__('S3') });
    }
  }
};

/**
 * The pins plugin's commands for single files and for *Pin Data…* (part of the plugin in
 * `pins.ts`): pin the panel's selected file or the version history's selected version to the
 * current notebook, and the notebook toolbar's pin button, which asks for an S3 URI. What they do
 * is in `pins-file-actions.ts` and `pins-data-actions.ts`.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, InputDialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { CommandIDs, IHeliumConnections, IS3Browser, IVersionsModel } from '../tokens';
import type { NotebookPinsModel } from '../models/notebook-pins';
import type { SnapshotsModel } from '../models/snapshots';
import { formatS3Uri, parseS3Uri } from '../service/uri';
import { pinIcon } from '../widgets/icons';
import { pinData } from './pins-data-actions';
import { filePinRequestFromArgs, pinFileToNotebook } from './pins-file-actions';
import { notebookPinUI } from './pins-ui';
import { fail } from './snapshots-report';
import type { NotebookPanel } from '@jupyterlab/notebook';

const FILE_ROW_SELECTOR = '.jp-helium-row[data-kind="object"]';
const VERSION_ROW_SELECTOR = '.jp-helium-version-row';

/** What the commands work with. */
export interface IFilePinCommandsOptions {
  connections: IHeliumConnections;
  snapshots: SnapshotsModel | null;
  browser: IS3Browser | null;
  versions: IVersionsModel | null;
  trans: TranslationBundle;
  /** The notebook commands act on (args `notebook`, else the current or last active one). */
  notebookFor: (args: ReadonlyPartialJSONObject) => { panel: NotebookPanel; pins: NotebookPinsModel } | null;
}

/**
 * Ask the person for an S3 URI to pin, starting from what the S3 panel shows.
 * @param options - the panel and translations.
 * @returns the location, or null when cancelled.
 * @throws Error naming what is wrong with the URI.
 */
async function askUri(options: IFilePinCommandsOptions): Promise<{ bucket: string; key: string; versionId?: string } | null> {
  const { browser, trans } = options;
  const start = browser?.selectedObject ?? browser?.selectedFolder ?? browser?.currentFolder;
  const answer = await InputDialog.getText({
    title: trans.__('Pin Data to This Notebook'),
    label: trans.__('A folder (its latest snapshot) or a file (its current version, or ?versionId=…):'),
    placeholder: 's3://bucket/folder/',
    text: start ? formatS3Uri({ bucket: start.bucket, key: start.key }) : '',
    okLabel: trans.__('Pin')
  });
  if (!answer.button.accept || !answer.value?.trim()) {
    return null;
  }
  return parseS3Uri(answer.value.trim());
}

/**
 * Registers the commands (see the file's header).
 * @param app - the application.
 * @param options - the services and how to find the notebook.
 */
export function registerFilePinCommands(app: JupyterFrontEnd, options: IFilePinCommandsOptions): void {
  const { commands } = app;
  const { connections, snapshots, browser, versions, trans, notebookFor } = options;

  commands.addCommand(CommandIDs.pinFileToNotebook, {
    label: trans.__('Pin to Notebook'),
    caption: trans.__("Record this file's current version in the notebook, so it says which data it reads"),
    icon: pinIcon,
    isEnabled: args => notebookFor({}) !== null && (filePinRequestFromArgs(args) !== null || !!browser?.selectedObject),
    execute: async args => {
      const nb = notebookFor({});
      const request = filePinRequestFromArgs(args) ?? (browser?.selectedObject ? { ...browser.selectedObject } : null);
      if (!nb || !request) {
        return null;
      }
      return pinFileToNotebook(nb.pins, connections, request, nb.panel.title.label, trans, notebookPinUI(nb.panel, trans));
    }
  });

  commands.addCommand(CommandIDs.pinVersionToNotebook, {
    label: trans.__('Pin This Version to Notebook'),
    caption: trans.__('Record this version in the notebook, so it says which data it reads'),
    icon: pinIcon,
    isEnabled: args => {
      const id = typeof args.versionId === 'string' ? args.versionId : versions?.selected?.versionId;
      const version = versions?.versions.find(v => v.versionId === id);
      return notebookFor({}) !== null && !!versions?.target && !!version && !version.isDeleteMarker;
    },
    execute: async args => {
      const nb = notebookFor({});
      const target = versions?.target;
      const versionId = typeof args.versionId === 'string' ? args.versionId : versions?.selected?.versionId;
      if (!nb || !target || !versionId) {
        return null;
      }
      const request = { connection: target.connection, bucket: target.bucket, key: target.key, versionId };
      return pinFileToNotebook(nb.pins, connections, request, nb.panel.title.label, trans, notebookPinUI(nb.panel, trans));
    }
  });

  commands.addCommand(CommandIDs.pinData, {
    label: args => (args.toolbar ? '' : trans.__('Pin Data to Notebook…')),
    caption: trans.__('Pin S3 data to this notebook: a folder’s snapshot or a file’s version'),
    icon: pinIcon,
    isEnabled: args => notebookFor(args) !== null && snapshots !== null,
    execute: async args => {
      const nb = notebookFor(args);
      if (!nb || !snapshots) {
        return null;
      }
      let where;
      try {
        where = await askUri(options);
      } catch (err) {
        fail(trans.__('Cannot pin'))(err);
        return null;
      }
      if (!where) {
        return null;
      }
      // The panel's connection when it shows that bucket; else the one that lists it.
      const panel = browser?.currentFolder;
      const connection = panel && panel.bucket === where.bucket ? panel.connection : await nb.pins.connectionFor(where.bucket);
      const ui = notebookPinUI(nb.panel, trans);
      return pinData(nb.pins, snapshots, connections, { ...where, connection }, nb.panel.title.label, trans, {
        ...ui,
        askSnapshotFirst: async (uri, latest) => {
          const answer = await showDialog({
            title: trans.__('Snapshot %1 first?', uri),
            body: latest
              ? trans.__(
                  'The folder changed since its latest snapshot (%1). Snapshot it now so the pin holds what is there, or pin the latest snapshot as it is.',
                  latest.slice(0, 8)
                )
              : trans.__('The folder has no snapshot yet: a pin locks a snapshot, so take one first.'),
            buttons: [
              Dialog.cancelButton(),
              ...(latest
                ? [Dialog.createButton({ label: trans.__('Pin Latest As It Is'), className: 'jp-helium-pin-latest', accept: false })]
                : []),
              Dialog.okButton({ label: trans.__('Snapshot and Pin'), className: 'jp-helium-snapshot-and-pin' })
            ]
          });
          if (answer.button.accept) {
            return 'snapshot';
          }
          return answer.button.className.includes('jp-helium-pin-latest') ? 'latest' : null;
        },
        snapshotFolder: async folderArgs => {
          const result = (await commands.execute(CommandIDs.snapshotFolder, folderArgs)) as { topHash?: string; name?: string } | null;
          return result?.topHash && result.name ? { topHash: result.topHash, name: result.name } : null;
        }
      });
    }
  });

  app.contextMenu.addItem({ command: CommandIDs.pinFileToNotebook, selector: FILE_ROW_SELECTOR, rank: 4.6 });
  app.contextMenu.addItem({ command: CommandIDs.pinVersionToNotebook, selector: VERSION_ROW_SELECTOR, rank: 5.5 });
}

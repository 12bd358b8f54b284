/**
 * *Open Data as Pinned* (part of the pins plugin in `pins.ts`): the files of a pin's snapshot,
 * opened read-only at their pinned versions through the `s3-version:` drive. One file opens at
 * once; several are listed in a dialog, each a button that opens it.
 */
import { Dialog, showErrorMessage } from '@jupyterlab/apputils';
import type { IDocumentManager } from '@jupyterlab/docmanager';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import type { IHeliumConnections } from '../tokens';
import { openVersionDocument } from '../drive/open-version';
import type { NotebookPinsModel } from '../models/notebook-pins';
import { IPinnedFile, pinnedFiles } from '../models/pinned-files';
import { pinLock, shortLock } from '../service/pins/pin-lock';
import { displayKey, formatS3Uri } from '../service/uri';
import { fail } from './snapshots-report';

/** At most this many files are listed (the rest are counted). */
const LISTED = 500;

/** What the command needs. */
export interface IOpenPinnedDataOptions {
  connections: IHeliumConnections;
  docManager: IDocumentManager;
  trans: TranslationBundle;
}

/**
 * Open one pinned file read-only.
 * @param options - the document manager and translations.
 * @param file - the file.
 * @param lock - the pin's snapshot or version (for the tab's title).
 */
async function openFile(options: IOpenPinnedDataOptions, file: IPinnedFile, lock: string, gone: boolean): Promise<void> {
  const { trans } = options;
  const name = file.key.slice(file.key.lastIndexOf('/') + 1);
  if (gone) {
    // The drive would only say "not found … refresh the listing", which no listing can fix.
    await showErrorMessage(
      trans.__('Cannot open %1', displayKey(file.logicalKey)),
      trans.__(
        'The pinned version %1 of %2 was deleted for good (it is no longer in the history), so it cannot be opened. Update Pin locks the pin to what exists now; what the notebook computed from the pinned data may then change.',
        file.versionId ?? '',
        formatS3Uri({ bucket: file.bucket, key: file.key })
      )
    );
    return;
  }
  try {
    await openVersionDocument(
      options.docManager,
      { connection: file.connection, bucket: file.bucket, key: file.key, versionId: file.versionId! },
      {
        label: `${displayKey(name)} @ ${lock.slice(0, 8)}`,
        caption: trans.__('%1 as pinned (%2, read-only)', formatS3Uri({ bucket: file.bucket, key: file.key }), shortLock(lock))
      },
      trans
    );
  } catch (err) {
    fail(trans.__('Cannot open %1', displayKey(file.logicalKey)))(err);
  }
}

/**
 * *Open Data as Pinned* for one pin of a notebook.
 * @param options - connections, document manager, translations.
 * @param pins - the notebook's pins model.
 * @param name - the pin.
 */
export async function openPinnedData(options: IOpenPinnedDataOptions, pins: NotebookPinsModel, name: string): Promise<void> {
  const { trans } = options;
  const pin = pins.pin(name);
  if (!pin) {
    return;
  }
  const lock = pinLock(pin);
  let files: IPinnedFile[];
  try {
    files = (await pinnedFiles(options.connections, pins, name)).filter(f => f.versionId);
  } catch (err) {
    fail(trans.__('Cannot read the files of pin %1', name))(err);
    return;
  }
  // Pinned versions the status found deleted for good (`missing`), by their physical keys.
  const missing = new Set((pins.statuses.get(name)?.missing ?? []).map(m => m.physicalKey));
  const gone = (file: IPinnedFile) => missing.has(formatS3Uri({ bucket: file.bucket, key: file.key, versionId: file.versionId }));
  if (files.length === 0) {
    await showErrorMessage(trans.__('Nothing to open'), trans.__('Snapshot %1 pins no object version.', shortLock(lock)));
    return;
  }
  if (files.length === 1) {
    await openFile(options, files[0], lock, gone(files[0]));
    return;
  }
  const body = document.createElement('div');
  body.className = 'jp-helium-pinned-files';
  const intro = document.createElement('p');
  intro.textContent = trans.__(
    'The files of %1 as pinned (snapshot %2). Each opens read-only at its pinned version.',
    pin.uri,
    shortLock(lock)
  );
  body.append(intro);
  const dialog = new Dialog({
    title: trans.__('Open Data as Pinned: %1', name),
    body: new Widget({ node: body }),
    buttons: [Dialog.cancelButton({ label: trans.__('Close') })]
  });
  for (const file of files.slice(0, LISTED)) {
    const button = document.createElement('button');
    button.className = 'jp-mod-styled jp-helium-pinned-file';
    button.dataset.key = file.logicalKey;
    button.textContent = displayKey(file.logicalKey); // text, never HTML: keys are anyone's
    button.addEventListener('click', () => {
      dialog.resolve();
      void openFile(options, file, lock, gone(file));
    });
    body.append(button);
  }
  if (files.length > LISTED) {
    const more = document.createElement('p');
    more.textContent = trans.__('…and %1 more (compare the pin with the live folder to browse them all).', files.length - LISTED);
    body.append(more);
  }
  await dialog.launch();
}

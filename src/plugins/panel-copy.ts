/**
 * *Copy to…* for the object or folder selected in the S3 panel (part of the panel plugin in
 * `panel.ts`): asks for a folder (this bucket, another bucket, or another connection), confirms
 * saying what happens to version history (and what it would write over), then copies as a job in
 * the Transfers panel: server-side within a connection, streamed between connections.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, ICommandPalette, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { CommandIDs, IHeliumConnections, ITransfers } from '../tokens';
import type { BrowserModel } from '../models/browser';
import type { IMoveSource } from '../models/move';
import { copyIntoDestination, existingAtDestination } from '../models/copy-to';
import { runMove } from '../models/move';
import { displayKey, formatS3Uri } from '../service/uri';
import { DestinationBody } from '../widgets/DestinationBody';
import { startMoveJob } from './move-jobs';
import { PALETTE_ARGS, selectionLabel } from './palette-labels';

const ROW_SELECTOR = '.jp-helium-row[data-kind]';

/**
 * Registers `copyTo` with its context-menu and palette items.
 * @param app - the application.
 * @param options - the panel's model, the connections, the transfers queue, the palette and the translations.
 */
export function registerCopyToCommand(
  app: JupyterFrontEnd,
  options: {
    model: BrowserModel;
    connections: IHeliumConnections;
    transfers: ITransfers | null;
    palette: ICommandPalette | null;
    trans: TranslationBundle;
  }
): void {
  const { model, connections, transfers, palette, trans } = options;
  const source = (): IMoveSource | null => {
    const entry = model.selected;
    if (!entry || !model.bucket) {
      return null;
    }
    return { bucket: model.bucket, key: entry.kind === 'folder' ? entry.prefix : entry.key, name: entry.name };
  };
  const shownName = (s: IMoveSource): string => displayKey(s.key.endsWith('/') ? `${s.name}/` : s.name);

  const copyTo = async (from: IMoveSource, fromConnection: string): Promise<void> => {
    const names = model.connectionList.map(c => c.name);
    const asked = await showDialog({
      title: trans.__('Copy %1 to…', shownName(from)),
      body: new DestinationBody(names.length ? names : [fromConnection], fromConnection, trans),
      focusNodeSelector: 'input',
      buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Next') })]
    });
    if (!asked.button.accept || !asked.value) {
      return;
    }
    const { connection: toConnection, folder } = asked.value;
    const answer = copyIntoDestination(from, fromConnection, toConnection, folder);
    if ('problem' in answer) {
      await showErrorMessage(trans.__('Cannot copy %1', shownName(from)), answer.problem);
      return;
    }
    const { to } = answer;
    const across = toConnection !== fromConnection;
    const where = across ? `${formatS3Uri(to)} (${toConnection})` : formatS3Uri(to);
    try {
      const fromS3 = await connections.client(fromConnection);
      const toS3 = across ? await connections.client(toConnection) : fromS3;
      const lib = await import('../service');
      const [existing, versioning] = await Promise.all([
        existingAtDestination(fromS3, toS3, from, to),
        lib.getBucketVersioning(toS3, to.bucket).catch(() => null)
      ]);
      const history = versioning ? lib.copyHistoryNote(versioning) : trans.__('Could not tell whether the destination bucket keeps versions.');
      const replacing = existing.length
        ? trans._n(
            '%1 key exists there already and will be written over (%2).',
            '%1 keys exist there already and will be written over (%2, …).',
            existing.length,
            displayKey(existing[0])
          )
        : '';
      const how = across
        ? trans.__('Another connection: each object is streamed through this browser (its content type and user metadata are kept; other headers and tags are not).')
        : trans.__('Copied inside S3 (server-side), headers, metadata and tags included.');
      const confirm = await showDialog({
        title: trans.__('Copy %1?', shownName(from)),
        body: `${formatS3Uri(from)}\n→ ${where}\n\n${history}\n${how}${replacing ? `\n\n${replacing}` : ''}`,
        buttons: [
          Dialog.cancelButton(),
          existing.length ? Dialog.warnButton({ label: trans.__('Copy and Replace') }) : Dialog.okButton({ label: trans.__('Copy') })
        ]
      });
      if (!confirm.button.accept) {
        return;
      }
      await startMoveJob(
        {
          kind: 'copy',
          label: trans.__('Copying %1', shownName(from)),
          detail: `${formatS3Uri(from)} → ${where}`,
          run: (onProgress, signal) =>
            runMove(fromS3, 'copy', { from, to, overwrite: existing.length > 0, onProgress, signal }, toS3)
        },
        transfers,
        trans
      );
      connections.notifyChanged({ connection: toConnection, bucket: to.bucket, key: to.key, type: to.key.endsWith('/') ? 'folder' : 'put' });
    } catch (err) {
      void model.refresh();
      if ((err as { kind?: string }).kind !== 'Cancelled') {
        await showErrorMessage(trans.__('Could not copy %1', shownName(from)), (err as Error).message);
      }
    }
  };

  app.commands.addCommand(CommandIDs.copyTo, {
    label: (args: ReadonlyPartialJSONObject) =>
      selectionLabel(
        args,
        {
          menu: trans.__('Copy to…'),
          named: () => {
            const s = source();
            return trans.__('Copy %1 to another S3 folder, bucket or connection…', s ? shownName(s) : '');
          },
          none: trans.__('Copy to another S3 folder… (select an object or folder in the S3 panel)')
        },
        source()
      ),
    isEnabled: () => source() !== null,
    execute: async () => {
      const from = source();
      if (from && model.connection) {
        await copyTo(from, model.connection);
      }
    }
  });
  app.contextMenu.addItem({ command: CommandIDs.copyTo, selector: ROW_SELECTOR, rank: 5.15 });
  palette?.addItem({ command: CommandIDs.copyTo, category: trans.__('S3'), args: PALETTE_ARGS });
}

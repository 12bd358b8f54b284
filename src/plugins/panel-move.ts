/**
 * *Rename…*, *Move to…* and *Duplicate* for the object or folder selected in the S3 panel (part
 * of the panel plugin in `panel.ts`): context menu and palette. A move is confirmed first, saying
 * what happens to the old keys' history; it runs server-side with its progress (and a Cancel
 * button) in the Transfers panel (`move-jobs.ts`), then the listing is refreshed.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, ICommandPalette, InputDialog, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { Entry } from '../service';
import { CommandIDs, IHeliumConnections, ITransfers } from '../tokens';
import type { BrowserModel } from '../models/browser';
import {
  DestinationAnswer,
  IMoveSource,
  MoveKind,
  moveIntoDestination,
  renameDestination,
  runDuplicate,
  runMove
} from '../models/move';
import type { MoveEndpoint, MoveProgress, MoveResult } from '../service/move';
import { copyIntoDestination } from '../models/copy-to';
import { DestinationBody } from '../widgets/DestinationBody';
import { startMoveJob } from './move-jobs';
import { displayKey, formatS3Uri } from '../service/uri';
import { PALETTE_ARGS, selectionLabel } from './palette-labels';

const ROW_SELECTOR = '.jp-helium-row[data-kind]';

/** Options of {@link registerMoveCommands}. */
export interface IMoveCommandsOptions {
  /** The panel's model. */
  model: BrowserModel;
  /** Told what changed, so listings refresh. */
  connections: IHeliumConnections;
  /** Where the commands are listed, if there is a palette. */
  palette: ICommandPalette | null;
  /** The translation bundle. */
  trans: TranslationBundle;
  /** Where moves and copies show their progress (a notification without it). */
  transfers: ITransfers | null;
}

/**
 * Registers the `rename`, `moveTo` and `duplicate` commands, their context-menu and palette items.
 * @param app - the application.
 * @param options - the panel's model, the connections, the palette and the translations.
 */
export function registerMoveCommands(app: JupyterFrontEnd, options: IMoveCommandsOptions): void {
  const { model, connections, palette, trans, transfers } = options;
  const { commands } = app;

  const source = (): IMoveSource | null => {
    const entry: Entry | null = model.selected;
    if (!entry || !model.bucket) {
      return null;
    }
    return { bucket: model.bucket, key: entry.kind === 'folder' ? entry.prefix : entry.key, name: entry.name };
  };
  const shownName = (s: IMoveSource): string => displayKey(s.key.endsWith('/') ? `${s.name}/` : s.name);
  const targetName = (): string => {
    const s = source();
    return s ? shownName(s) : '';
  };

  /** Tells the panel what changed: the source gone (for a move), the destination written. */
  const notify = (connection: string, from: IMoveSource, to: MoveEndpoint, kind: MoveKind, toConnection = connection): void => {
    if (kind === 'move') {
      connections.notifyChanged({ connection, bucket: from.bucket, key: from.key, type: 'delete' });
    }
    const type = to.key.endsWith('/') ? 'folder' : 'put';
    connections.notifyChanged({ connection: toConnection, bucket: to.bucket, key: to.key, type });
  };

  /** Runs a move or copy as a job in the Transfers panel (a notification without one). */
  const runWithProgress = (
    kind: MoveKind,
    what: string,
    detail: string,
    run: (onProgress: (p: MoveProgress) => void, signal: AbortSignal) => Promise<MoveResult>
  ): Promise<MoveResult> => startMoveJob({ kind, label: what, detail, run }, transfers, trans);

  /** Confirms, runs and reports a move (a rename is a move within the folder). */
  const move = async (from: IMoveSource, answer: DestinationAnswer, verb: string, toConnection?: string): Promise<void> => {
    const connection = model.connection;
    if (!connection) {
      return;
    }
    if ('problem' in answer) {
      await showErrorMessage(trans.__('Cannot %1 %2', verb.toLowerCase(), shownName(from)), answer.problem);
      return;
    }
    const { to } = answer;
    const s3 = await model.client();
    const lib = await import('../service');
    const versioning = await lib.getBucketVersioning(s3, from.bucket).catch(() => null);
    const history = versioning
      ? lib.moveHistoryNote(versioning)
      : trans.__('Could not tell whether the bucket keeps versions: the old keys may be gone for good.');
    const across = toConnection !== undefined && toConnection !== connection;
    const where = across ? `${formatS3Uri(to)} (${toConnection})` : formatS3Uri(to);
    const how = across
      ? `\n${trans.__('Another connection: each object is streamed through this browser (content type and user metadata kept, other headers and tags not); the sources are deleted only once every object was copied.')}`
      : '';
    const confirm = await showDialog({
      title: trans.__('%1 %2?', verb, shownName(from)),
      body: `${formatS3Uri(from)}\n→ ${where}\n\n${history}${how}`,
      buttons: [Dialog.cancelButton(), Dialog.okButton({ label: verb })]
    });
    if (!confirm.button.accept) {
      return;
    }
    await runAsking(connection, from, to, 'move', trans.__('Moving %1', shownName(from)), across ? toConnection : undefined);
  };

  /** Runs a move or copy; when the destination exists, asks before writing over it. */
  const runAsking = async (
    connection: string,
    from: IMoveSource,
    to: MoveEndpoint,
    kind: MoveKind,
    what: string,
    toConnection?: string
  ): Promise<void> => {
    const s3 = await model.client();
    const toS3 = toConnection ? await connections.client(toConnection) : undefined;
    const { isHeliumError } = await import('../service/error-class');
    for (const overwrite of [false, true]) {
      try {
        const detail = `${formatS3Uri(from)} → ${formatS3Uri(to)}${toConnection ? ` (${toConnection})` : ''}`;
        await runWithProgress(kind, what, detail, (onProgress, signal) =>
          runMove(s3, kind, { from, to, overwrite, onProgress, signal }, toS3)
        );
        notify(connection, from, to, kind, toConnection);
        return;
      } catch (err) {
        if (!overwrite && isHeliumError(err, 'Conflict')) {
          const answer = await showDialog({
            title: trans.__('Replace what is there?'),
            body: `${(err as Error).message}\n\n${trans.__('Replacing writes new versions over the existing objects.')}`,
            buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: trans.__('Replace') })]
          });
          if (answer.button.accept) {
            continue;
          }
          return;
        }
        // Part of a folder may have moved before a failure or a cancel: list again what is there.
        void model.refresh();
        if (!isHeliumError(err, 'Cancelled')) {
          await showErrorMessage(trans.__('Could not finish: %1', what), (err as Error).message);
        }
        return;
      }
    }
  };

  /** What every command here shares: it acts on the selected object or folder. */
  const onSelection = (labels: { menu: string; named: () => string; none: string }) => ({
    label: (args: ReadonlyPartialJSONObject) => selectionLabel(args, labels, source()),
    isEnabled: () => source() !== null
  });

  /** Asks for the destination as text (a name or a place), then moves there. */
  const askThenMove =
    (
      dialog: (from: IMoveSource) => InputDialog.ITextOptions,
      destination: (from: IMoveSource, text: string) => DestinationAnswer,
      verb: string
    ) =>
    async (): Promise<void> => {
      const from = source();
      if (!from) {
        return;
      }
      const result = await InputDialog.getText(dialog(from));
      if (result.button.accept && result.value !== null) {
        await move(from, destination(from, result.value), verb);
      }
    };

  commands.addCommand(CommandIDs.rename, {
    ...onSelection({
      menu: trans.__('Rename…'),
      named: () => trans.__('Rename %1 in S3…', targetName()),
      none: trans.__('Rename in S3… (select an object or folder in the S3 panel)')
    }),
    execute: askThenMove(
      from => ({ title: trans.__('Rename %1', shownName(from)), label: trans.__('New name'), text: from.name }),
      renameDestination,
      trans.__('Rename')
    )
  });

  commands.addCommand(CommandIDs.moveTo, {
    ...onSelection({
      menu: trans.__('Move to…'),
      named: () => trans.__('Move %1 to another S3 folder…', targetName()),
      none: trans.__('Move to another S3 folder… (select an object or folder in the S3 panel)')
    }),
    execute: async () => {
      const from = source();
      const connection = model.connection;
      if (!from || !connection) {
        return;
      }
      const names = model.connectionList.map(c => c.name);
      const asked = await showDialog({
        title: trans.__('Move %1 to…', shownName(from)),
        body: new DestinationBody(names.length ? names : [connection], connection, trans),
        focusNodeSelector: 'input',
        buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Next') })]
      });
      if (!asked.button.accept || !asked.value) {
        return;
      }
      const { connection: toConnection, folder } = asked.value;
      const answer =
        toConnection === connection
          ? moveIntoDestination(from, folder)
          : copyIntoDestination(from, connection, toConnection, folder);
      await move(from, answer, trans.__('Move'), toConnection);
    }
  });

  commands.addCommand(CommandIDs.duplicate, {
    ...onSelection({
      menu: trans.__('Duplicate'),
      named: () => trans.__('Duplicate %1 in S3', targetName()),
      none: trans.__('Duplicate in S3 (select an object or folder in the S3 panel)')
    }),
    execute: async () => {
      const from = source();
      const connection = model.connection;
      if (!from || !connection) {
        return;
      }
      const s3 = await model.client();
      try {
        // Where the copy went is known only once a free name was found.
        const written: { to?: MoveEndpoint } = {};
        await runWithProgress('copy', trans.__('Duplicating %1', shownName(from)), formatS3Uri(from), async (onProgress, signal) => {
          const { result, to } = await runDuplicate(s3, from, onProgress, signal);
          written.to = to;
          return result;
        });
        if (written.to) {
          notify(connection, from, written.to, 'copy');
        }
      } catch (err) {
        // A cancel is already said in the notification.
        if ((err as { kind?: string }).kind !== 'Cancelled') {
          await showErrorMessage(trans.__('Could not duplicate %1', shownName(from)), (err as Error).message);
        }
      }
    }
  });

  app.contextMenu.addItem({ command: CommandIDs.rename, selector: ROW_SELECTOR, rank: 5 });
  app.contextMenu.addItem({ command: CommandIDs.moveTo, selector: ROW_SELECTOR, rank: 5.1 });
  app.contextMenu.addItem({ command: CommandIDs.duplicate, selector: ROW_SELECTOR, rank: 5.2 });
  for (const command of [CommandIDs.rename, CommandIDs.moveTo, CommandIDs.duplicate]) {
    palette?.addItem({ command, category: trans.__('S3'), args: PALETTE_ARGS });
  }
}

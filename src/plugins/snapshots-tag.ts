/**
 * The *Tag Snapshot…* command of the snapshots plugin (part of the plugin in `snapshots.ts`, not a
 * plugin of its own): on snapshot rows, in the details and in the palette. What it does is in
 * `snapshots-tag-action.ts`; this file wires JupyterLab's dialogs and notifications to it.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { CommandIDs } from '../tokens';
import { shortHash } from '../models/snapshot-target';
import type { SnapshotsModel } from '../models/snapshots';
import { askMoveTag, askTagName } from '../widgets/TagNameDialog';
import { selectionLabel } from './palette-labels';
import { snapshotArg } from './snapshots-args';
import { fail } from './snapshots-report';
import { tagSnapshot } from './snapshots-tag-action';

/**
 * Registers the `tagSnapshot` command.
 * @param app - the application.
 * @param options - the snapshots model and translations.
 */
export function registerTagCommand(app: JupyterFrontEnd, options: { model: SnapshotsModel; trans: TranslationBundle }): void {
  const { model, trans } = options;
  app.commands.addCommand(CommandIDs.tagSnapshot, {
    label: args =>
      selectionLabel(
        args,
        {
          menu: trans.__('Tag Snapshot…'),
          named: () => trans.__('Tag Snapshot %1…', shortHash(snapshotArg(model, args)!.topHash)),
          none: trans.__('Tag Snapshot… (select a snapshot in the S3 Snapshots panel)')
        },
        snapshotArg(model, args)
      ),
    caption: trans.__('Give a snapshot a name (a tag) that pins can follow'),
    isEnabled: args => snapshotArg(model, args) !== null,
    execute: async args => {
      const result = await tagSnapshot(model, args, trans, {
        askName: ({ snapshot, check }) =>
          askTagName(trans, {
            about: trans.__('Snapshot %1 of %2', shortHash(snapshot.topHash), snapshot.name),
            check
          }),
        confirmMove: ({ message }) => askMoveTag(trans, message),
        notify: message => void Notification.success(message, { autoClose: 4000 }),
        fail: (title, error) => fail(title)(error)
      });
      return result ? { tag: result.record.tag, topHash: result.record.top_hash, action: result.action } : null;
    }
  });
}

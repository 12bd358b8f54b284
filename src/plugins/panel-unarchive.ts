/**
 * *Restore from Archive…* (part of the panel plugin in `panel.ts`): for an archived object of the
 * S3 panel (Glacier, Deep Archive; an Intelligent-Tiering object may be one), or for every
 * archived object under the folder on screen (palette), asks for the days and the retrieval tier,
 * then asks S3 for restored copies and says when to expect them (models/archive-restore.ts).
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, ICommandPalette, Notification, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import type { Tier } from '@aws-sdk/client-s3';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { Widget } from '@lumino/widgets';
import { CommandIDs, IHeliumConnections, IS3BrowserModel } from '../tokens';
import { IArchiveTarget, IRestoreChoice, restoreFromArchive, restoreSummaryText } from '../models/archive-restore';
import { DEFAULT_RESTORE_DAYS, isArchiveClass } from '../service/archive-names';
import { formatS3Uri } from '../service/uri';
import { inPalette, PALETTE_ARGS } from './palette-labels';

/** The dialog body: days to keep the copy, and the retrieval tier. */
class RestoreOptionsBody extends Widget implements Dialog.IBodyWidget<IRestoreChoice | null> {
  constructor(target: IArchiveTarget, trans: TranslationBundle) {
    super();
    this.addClass('jp-helium-unarchive-options');
    const what = document.createElement('p');
    what.className = 'jp-helium-share-what';
    what.textContent = target.folder
      ? trans.__('Every archived object under %1', formatS3Uri({ bucket: target.bucket, key: target.key }))
      : formatS3Uri({ bucket: target.bucket, key: target.key, versionId: target.versionId });
    const daysLabel = document.createElement('label');
    daysLabel.textContent = trans.__('Keep the restored copy for (days)');
    this._days.type = 'number';
    this._days.min = '1';
    this._days.step = '1';
    this._days.value = String(DEFAULT_RESTORE_DAYS);
    this._days.className = 'jp-mod-styled';
    this._days.setAttribute('data-testid', 'helium-unarchive-days');
    daysLabel.appendChild(this._days);
    const tierLabel = document.createElement('label');
    tierLabel.textContent = trans.__('Retrieval');
    this._tier.className = 'jp-mod-styled';
    this._tier.setAttribute('data-testid', 'helium-unarchive-tier');
    for (const [value, text] of [
      ['Standard', trans.__('Standard: hours (up to 12 from Deep Archive)')],
      ['Bulk', trans.__('Bulk: the cheapest; up to 12 hours (48 from Deep Archive)')],
      ['Expedited', trans.__('Expedited: minutes, the dearest (not from Deep Archive)')]
    ]) {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = text;
      this._tier.appendChild(option);
    }
    tierLabel.appendChild(this._tier);
    const note = document.createElement('p');
    note.className = 'jp-helium-share-note';
    note.textContent = trans.__(
      'S3 makes a readable copy and keeps it for the days given; the archived object itself stays as it is, and nothing is written. Restores cost per request and per GB retrieved.'
    );
    this.node.append(what, daysLabel, tierLabel, note);
  }

  getValue(): IRestoreChoice | null {
    const days = Number(this._days.value);
    return Number.isSafeInteger(days) && days >= 1 ? { days, tier: this._tier.value as Tier } : null;
  }

  private _days = document.createElement('input');
  private _tier = document.createElement('select');
}

/**
 * What the command acts on: the object (and version) its args name, the selected archived
 * object, or (from the palette, or with `folder: true`) every archived object under the folder
 * on screen.
 * @param args - the command's args.
 * @param model - the panel's model.
 * @returns the target, or null when there is none.
 */
function archiveTarget(args: ReadonlyPartialJSONObject, model: IS3BrowserModel): IArchiveTarget | null {
  if (typeof args.connection === 'string' && typeof args.bucket === 'string' && typeof args.key === 'string') {
    // From the versions drawer: one object, maybe one of its versions.
    const given: IArchiveTarget = { connection: args.connection, bucket: args.bucket, key: args.key, folder: false };
    if (typeof args.versionId === 'string') {
      given.versionId = args.versionId;
    }
    return given;
  }
  if (!model.connection || !model.bucket) {
    return null;
  }
  const entry = model.selected;
  if (!args.folder && !inPalette(args) && entry?.kind === 'object') {
    return { connection: model.connection, bucket: model.bucket, key: entry.key, folder: false };
  }
  return { connection: model.connection, bucket: model.bucket, key: model.prefix, folder: true };
}

/**
 * Says why an archived object cannot open, and offers *Restore from Archive…* when one can be asked for.
 * @param trans - the translations.
 * @param name - the object's name.
 * @param problem - why, and whether a restore can be asked for (none while one is under way).
 * @param problem.message - the sentence.
 * @param problem.canRestore - whether to offer the restore.
 * @returns true when the person chose to restore it.
 */
export async function offerRestoreInstead(
  trans: TranslationBundle,
  name: string,
  problem: { message: string; canRestore: boolean }
): Promise<boolean> {
  const result = await showDialog({
    title: trans.__('Cannot open %1 yet', name),
    body: problem.message,
    buttons: problem.canRestore
      ? [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Restore from Archive…') })]
      : [Dialog.okButton({ label: trans.__('OK') })]
  });
  return problem.canRestore && result.button.accept;
}

/**
 * Registers `restoreFromArchive` with its context-menu item (archived object rows) and its palette
 * item (the folder on screen).
 * @param app - the application.
 * @param options - the panel's model, the connections, the palette and the translations.
 */
export function registerUnarchiveCommand(
  app: JupyterFrontEnd,
  options: { model: IS3BrowserModel; connections: IHeliumConnections; palette: ICommandPalette | null; trans: TranslationBundle }
): void {
  const { model, connections, palette, trans } = options;
  const selectedMayBeArchived = () => {
    const entry = model.selected;
    return entry?.kind === 'object' && (isArchiveClass(entry.storageClass) || entry.storageClass === 'INTELLIGENT_TIERING');
  };

  app.commands.addCommand(CommandIDs.restoreFromArchive, {
    label: args =>
      archiveTarget(args, model)?.folder ? trans.__('Restore Archived Objects in This Folder…') : trans.__('Restore from Archive…'),
    caption: trans.__('Ask S3 for a readable copy of archived (Glacier) objects, for some days'),
    isVisible: args => Boolean(args.folder) || inPalette(args) || typeof args.key === 'string' || selectedMayBeArchived(),
    isEnabled: args => archiveTarget(args, model) !== null,
    execute: async args => {
      const target = archiveTarget(args, model);
      if (!target) {
        return;
      }
      const asked = await showDialog({
        title: target.folder ? trans.__('Restore Archived Objects') : trans.__('Restore from Archive'),
        body: new RestoreOptionsBody(target, trans),
        buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Restore') })]
      });
      if (!asked.button.accept) {
        return;
      }
      if (!asked.value) {
        await showErrorMessage(trans.__('Nothing was requested'), trans.__('The days must be a whole number, 1 or more.'));
        return;
      }
      const choice = asked.value;
      // A folder's listing can take a while: say so until S3 has answered every request.
      const pending = Notification.emit(trans.__('Asking S3 to restore…'), 'in-progress', { autoClose: false });
      try {
        const summary = await restoreFromArchive(connections, target, choice);
        Notification.dismiss(pending);
        if (!target.folder && !target.versionId && target.connection === model.connection && target.bucket === model.bucket) {
          void model.refreshRow(target.key); // its row now says "restoring" (or "restored")
        }
        await showDialog({
          title: trans.__('Restore from Archive'),
          body: restoreSummaryText(summary, choice, trans),
          buttons: [Dialog.okButton({ label: trans.__('Done') })]
        });
      } catch (err) {
        Notification.dismiss(pending);
        await showErrorMessage(trans.__('The restore was not requested'), err instanceof Error ? err.message : String(err));
      }
    }
  });

  app.contextMenu.addItem({ command: CommandIDs.restoreFromArchive, selector: '.jp-helium-row[data-kind="object"]', rank: 4.6 });
  palette?.addItem({ command: CommandIDs.restoreFromArchive, category: trans.__('S3'), args: PALETTE_ARGS });
}

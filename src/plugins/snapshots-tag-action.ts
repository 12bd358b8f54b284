/**
 * What *Tag Snapshot…* does, apart from JupyterLab: ask for a tag name (checked as the engine
 * checks it, as it is typed), create the tag; when the name already names another snapshot of the
 * package, say so and move it only when the person chooses *Move tag here* (an explicit move: the
 * tag's history keeps every step). The command in `snapshots-tag.ts` wires JupyterLab's dialogs.
 */
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { SetTagResult } from '../service/pins/tags';
import type { SnapshotInfo } from '../service/snapshots/types';
import { isHeliumError } from '../service/error-class';
import { shortHash } from '../models/snapshot-target';
import type { SnapshotsModel } from '../models/snapshots';
import { snapshotArg, str } from './snapshots-args';
import type { FailReport } from './snapshots-actions';

/** What {@link tagSnapshot} asks of the UI. */
export interface ITagSnapshotUI {
  /** Ask for a tag name; `check` says what is wrong with a name as typed. Null when cancelled. */
  askName(options: { snapshot: SnapshotInfo; check: (name: string) => string | null }): Promise<string | null>;
  /** The name names another snapshot: whether to move it here. */
  confirmMove(options: { tag: string; from: string; to: string; message: string }): Promise<boolean>;
  notify(message: string): void;
  fail: FailReport;
}

/**
 * Tag a snapshot (see the file's header).
 * @param model - the snapshots model.
 * @param args - the command's args: `topHash`/`row` (else the selected snapshot), `tag` (else asked).
 * @param trans - translations.
 * @param ui - the dialogs and notifications.
 * @returns what was written, or null when nothing was (cancelled, refused or failed).
 */
export async function tagSnapshot(
  model: SnapshotsModel,
  args: ReadonlyPartialJSONObject,
  trans: TranslationBundle,
  ui: ITagSnapshotUI
): Promise<SetTagResult | null> {
  const snapshot = snapshotArg(model, args);
  if (!snapshot) {
    ui.fail(trans.__('Cannot tag a snapshot'), new Error(trans.__('Select a snapshot in the S3 Snapshots panel first.')));
    return null;
  }
  const check = (name: string) => (name.trim() ? model.requests.tagNameProblem(name.trim()) : '');
  const tag = str(args.tag) ?? (await ui.askName({ snapshot, check }));
  if (tag === null) {
    return null;
  }
  const problem = check(tag);
  const title = trans.__('Cannot tag snapshot %1', shortHash(snapshot.topHash));
  if (problem !== null) {
    ui.fail(title, new Error(problem || trans.__('Type a tag name.')));
    return null;
  }
  const name = tag.trim();
  let result: SetTagResult;
  try {
    result = await model.tagSnapshot(snapshot, name);
  } catch (err) {
    if (!(isHeliumError(err, 'Conflict') && err.code === 'TagExists')) {
      ui.fail(title, err);
      return null;
    }
    const current = model.tags.find(snapshot, name)?.top_hash;
    const from = current ? shortHash(current) : trans.__('another snapshot');
    const move = await ui.confirmMove({
      tag: name,
      from,
      to: shortHash(snapshot.topHash),
      message: trans.__(
        'The tag "%1" of %2 names snapshot %3. Move it here, to %4? Its history keeps every snapshot it named.',
        name,
        snapshot.name,
        from,
        shortHash(snapshot.topHash)
      )
    });
    if (!move) {
      return null;
    }
    try {
      result = await model.tagSnapshot(snapshot, name, { move: true });
    } catch (moveErr) {
      ui.fail(title, moveErr);
      return null;
    }
  }
  ui.notify(
    result.action === 'moved'
      ? trans.__('Moved tag "%1" to snapshot %2.', name, shortHash(snapshot.topHash))
      : result.action === 'created'
        ? trans.__('Tagged snapshot %1 "%2".', shortHash(snapshot.topHash), name)
        : trans.__('The tag "%1" names snapshot %2 already.', name, shortHash(snapshot.topHash))
  );
  return result;
}

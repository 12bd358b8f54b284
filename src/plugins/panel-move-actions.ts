/**
 * The logic of *Rename…*, *Move to…*, *Duplicate* and *Copy to…* for the object or folder selected
 * in the S3 panel, apart from JupyterLab's dialogs (see {@link IPanelUi}): it asks where, confirms
 * saying what happens to version history (and what would be written over), runs the job, tells the
 * listings what changed, and after a failure lists again what is there.
 */
import { copyIntoDestination, previewCopy } from '../models/copy-to';
import {
  DestinationAnswer,
  IMoveSource,
  MoveKind,
  moveHistoryText,
  moveIntoDestination,
  renameDestination,
  runDuplicate,
  runMoveBetween
} from '../models/move';
import { isHeliumError } from '../service/error-class';
import type { MoveEndpoint } from '../service/move';
import { displayKey, formatS3Uri } from '../service/uri';
import type { IPanelActionsContext } from './panel-actions';
import type { IS3BrowserModel } from '../tokens';

/**
 * The object or folder selected in the panel, as a move source. None for an object whose key ends
 * in `/` (a folder's own key holding bytes, listed as an "(empty name)" row): a move source is a
 * folder exactly when its key ends in `/`, so moving or copying it would take the whole folder.
 */
export function selectedSource(model: IS3BrowserModel): IMoveSource | null {
  const entry = model.selected;
  if (!entry || !model.bucket || (entry.kind === 'object' && entry.key.endsWith('/'))) {
    return null;
  }
  return { bucket: model.bucket, key: entry.kind === 'folder' ? entry.prefix : entry.key, name: entry.name };
}

/** A source's name as people read it (a folder with its `/`). */
export const shownName = (s: IMoveSource): string => displayKey(s.key.endsWith('/') ? `${s.name}/` : s.name);

/** Tells the listings what changed: the source gone (for a move), the destination written. */
function notify(
  { connections }: IPanelActionsContext,
  connection: string,
  from: IMoveSource,
  to: MoveEndpoint,
  kind: MoveKind,
  toConnection = connection
): void {
  if (kind === 'move') {
    connections.notifyChanged({ connection, bucket: from.bucket, key: from.key, type: 'delete' });
  }
  const type = to.key.endsWith('/') ? 'folder' : 'put';
  connections.notifyChanged({ connection: toConnection, bucket: to.bucket, key: to.key, type });
}

/** Runs a move; when the destination exists, asks before writing over it. */
async function runAsking(
  context: IPanelActionsContext,
  connection: string,
  from: IMoveSource,
  to: MoveEndpoint,
  what: string,
  toConnection?: string
): Promise<void> {
  const { model, ui, trans } = context;
  for (const overwrite of [false, true]) {
    try {
      const detail = `${formatS3Uri(from)} → ${formatS3Uri(to)}${toConnection ? ` (${toConnection})` : ''}`;
      await ui.runJob({
        kind: 'move',
        label: what,
        detail,
        destination: `${formatS3Uri(to)}${toConnection ? ` (${toConnection})` : ''}`,
        run: (onProgress, signal) =>
          runMoveBetween(context.connections, 'move', connection, toConnection, { from, to, overwrite, onProgress, signal })
      });
      notify(context, connection, from, to, 'move', toConnection);
      return;
    } catch (err) {
      if (!overwrite && isHeliumError(err, 'Conflict')) {
        const replace = await ui.confirm({
          title: trans.__('Replace what is there?'),
          body: `${(err as Error).message}\n\n${trans.__('Replacing writes new versions over the existing objects.')}`,
          accept: trans.__('Replace'),
          warn: true
        });
        if (replace) {
          continue;
        }
        return;
      }
      // Part of a folder may have moved before a failure or a cancel: list again what is there.
      void model.refresh();
      if (!isHeliumError(err, 'Cancelled')) {
        await ui.error(trans.__('Could not finish: %1', what), (err as Error).message);
      }
      return;
    }
  }
}

/**
 * What a move's dialogs say, each a whole translated phrase (a translation may not build them from
 * a verb): the button, the refusal's title and the confirmation's title.
 */
interface IMoveWords {
  verb: string;
  cannot: string;
  confirm: string;
}

/** Confirms, runs and reports a move (a rename is a move within the folder). */
async function move(
  context: IPanelActionsContext,
  from: IMoveSource,
  answer: DestinationAnswer,
  words: IMoveWords,
  toConnection?: string
): Promise<void> {
  const { model, ui, trans } = context;
  const connection = model.connection;
  if (!connection) {
    return;
  }
  if ('problem' in answer) {
    await ui.error(words.cannot, answer.problem);
    return;
  }
  const { to } = answer;
  const history =
    (await moveHistoryText(await model.versioning(from.bucket))) ??
    trans.__('Could not tell whether the bucket keeps versions: the old keys may be gone for good.');
  const across = toConnection !== undefined && toConnection !== connection;
  const where = across ? `${formatS3Uri(to)} (${toConnection})` : formatS3Uri(to);
  const how = across
    ? `\n${trans.__('Another connection: each object is streamed through this browser (content type and user metadata kept, other headers and tags not); the sources are deleted only once every object was copied.')}`
    : '';
  const accepted = await ui.confirm({
    title: words.confirm,
    body: `${formatS3Uri(from)}\n→ ${where}\n\n${history}${how}`,
    accept: words.verb
  });
  if (accepted) {
    await runAsking(context, connection, from, to, trans.__('Moving %1', shownName(from)), across ? toConnection : undefined);
  }
}

/**
 * *Rename…*: asks for a new name in the same folder, then moves there.
 * @param context - model, connections, UI and translations.
 */
export async function renameSelected(context: IPanelActionsContext): Promise<void> {
  const { model, ui, trans } = context;
  const from = selectedSource(model);
  if (!from) {
    return;
  }
  const typed = await ui.askText({ title: trans.__('Rename %1', shownName(from)), label: trans.__('New name'), text: from.name });
  if (typed !== null) {
    await move(context, from, renameDestination(from, typed, trans), {
      verb: trans.__('Rename'),
      cannot: trans.__('Cannot rename %1', shownName(from)),
      confirm: trans.__('Rename %1?', shownName(from))
    });
  }
}

/**
 * *Move to…*: asks for a folder (this connection, or an `s3://` URI of another), then moves there.
 * @param context - model, connections, UI and translations.
 */
export async function moveSelectedTo(context: IPanelActionsContext): Promise<void> {
  const { model, ui, trans } = context;
  const from = selectedSource(model);
  const connection = model.connection;
  if (!from || !connection) {
    return;
  }
  const names = model.connectionList.map(c => c.name);
  const asked = await ui.askDestination({
    title: trans.__('Move %1 to…', shownName(from)),
    connections: names.length ? names : [connection],
    current: connection
  });
  if (!asked) {
    return;
  }
  const answer =
    asked.connection === connection
      ? moveIntoDestination(from, asked.folder, trans)
      : copyIntoDestination(from, connection, asked.connection, asked.folder, trans);
  await move(
    context,
    from,
    answer,
    { verb: trans.__('Move'), cannot: trans.__('Cannot move %1', shownName(from)), confirm: trans.__('Move %1?', shownName(from)) },
    asked.connection
  );
}

/**
 * *Duplicate*: copies the selection next to itself under the first free name (`… copy`).
 * @param context - model, connections, UI and translations.
 * @returns where the copy went, or null.
 */
export async function duplicateSelected(context: IPanelActionsContext): Promise<MoveEndpoint | null> {
  const { model, ui, trans } = context;
  const from = selectedSource(model);
  const connection = model.connection;
  if (!from || !connection) {
    return null;
  }
  const s3 = await context.connections.client(connection);
  try {
    // Where the copy went is known only once a free name was found.
    const written: { to?: MoveEndpoint } = {};
    await ui.runJob({
      kind: 'copy',
      label: trans.__('Duplicating %1', shownName(from)),
      detail: formatS3Uri(from),
      run: async (onProgress, signal) => {
        const { result, to } = await runDuplicate(s3, from, onProgress, signal);
        written.to = to;
        return result;
      }
    });
    if (written.to) {
      notify(context, connection, from, written.to, 'copy');
    }
    return written.to ?? null;
  } catch (err) {
    // A cancel is already said in the job's row or notification.
    if ((err as { kind?: string }).kind !== 'Cancelled') {
      await ui.error(trans.__('Could not duplicate %1', shownName(from)), (err as Error).message);
    }
    return null;
  }
}

/**
 * *Copy to…*: asks for a folder (this bucket, another bucket, or another connection), confirms
 * saying what happens to version history and what it would write over, then copies.
 * @param context - model, connections, UI and translations.
 */
export async function copySelectedTo(context: IPanelActionsContext): Promise<void> {
  const { model, ui, trans, connections } = context;
  const from = selectedSource(model);
  const fromConnection = model.connection;
  if (!from || !fromConnection) {
    return;
  }
  const names = model.connectionList.map(c => c.name);
  const asked = await ui.askDestination({
    title: trans.__('Copy %1 to…', shownName(from)),
    connections: names.length ? names : [fromConnection],
    current: fromConnection
  });
  if (!asked) {
    return;
  }
  const { connection: toConnection, folder } = asked;
  const answer = copyIntoDestination(from, fromConnection, toConnection, folder, trans);
  if ('problem' in answer) {
    await ui.error(trans.__('Cannot copy %1', shownName(from)), answer.problem);
    return;
  }
  const { to } = answer;
  const across = toConnection !== fromConnection;
  const where = across ? `${formatS3Uri(to)} (${toConnection})` : formatS3Uri(to);
  try {
    const { existing, history } = await previewCopy(connections, fromConnection, toConnection, from, to);
    const replacing = existing.length
      ? trans._n(
          '%1 key exists there already and will be written over (%2).',
          '%1 keys exist there already and will be written over (%2, …).',
          existing.length,
          displayKey(existing[0])
        )
      : '';
    const how = across
      ? trans.__(
          'Another connection: each object is streamed through this browser (its content type and user metadata are kept; other headers and tags are not).'
        )
      : trans.__('Copied inside S3 (server-side), headers, metadata and tags included.');
    const accepted = await ui.confirm({
      title: trans.__('Copy %1?', shownName(from)),
      body: `${formatS3Uri(from)}\n→ ${where}\n\n${history ?? trans.__('Could not tell whether the destination bucket keeps versions.')}\n${how}${replacing ? `\n\n${replacing}` : ''}`,
      accept: existing.length ? trans.__('Copy and Replace') : trans.__('Copy'),
      warn: existing.length > 0
    });
    if (!accepted) {
      return;
    }
    await ui.runJob({
      kind: 'copy',
      label: trans.__('Copying %1', shownName(from)),
      detail: `${formatS3Uri(from)} → ${where}`,
      destination: where,
      run: (onProgress, signal) =>
        runMoveBetween(connections, 'copy', fromConnection, toConnection, { from, to, overwrite: existing.length > 0, onProgress, signal })
    });
    connections.notifyChanged({ connection: toConnection, bucket: to.bucket, key: to.key, type: to.key.endsWith('/') ? 'folder' : 'put' });
  } catch (err) {
    void model.refresh();
    if ((err as { kind?: string }).kind !== 'Cancelled') {
      await ui.error(trans.__('Could not copy %1', shownName(from)), (err as Error).message);
    }
  }
}
